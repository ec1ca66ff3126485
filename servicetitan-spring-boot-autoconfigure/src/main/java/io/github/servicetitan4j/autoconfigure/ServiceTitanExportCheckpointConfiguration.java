package io.github.servicetitan4j.autoconfigure;

import java.util.List;
import javax.sql.DataSource;

import io.github.servicetitan4j.export.ExportCheckpointStore;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Configuration, imported by {@link ServiceTitanAutoConfiguration}, of the {@link ExportCheckpointStore} bean that
 * export syncs resume from: in memory by default; in a table of the application's {@link DataSource} when
 * {@code servicetitan.export.checkpoints=jdbc} (the table is created at startup unless
 * {@code servicetitan.export.jdbc.initialize-schema=false}). Asking for {@code jdbc} without a {@link DataSource} fails
 * at startup rather than silently keeping checkpoints in memory.
 */
@Configuration(proxyBeanMethods = false)
final class ServiceTitanExportCheckpointConfiguration {

	private static final String PROPERTY = "servicetitan.export.checkpoints";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JdbcClient.class)
	@ConditionalOnBean(DataSource.class)
	@ConditionalOnProperty(name = PROPERTY, havingValue = "jdbc")
	static class JdbcStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(ExportCheckpointStore.class)
		ExportCheckpointStore serviceTitanExportCheckpointStore(DataSource dataSource,
				ServiceTitanProperties properties) {
			if (properties.getExport().getJdbc().isInitializeSchema()) {
				ResourceDatabasePopulator schema = new ResourceDatabasePopulator(
						new DefaultResourceLoader(ExportCheckpointStore.class.getClassLoader())
							.getResource(ExportCheckpointStore.JDBC_SCHEMA_LOCATION));
				DatabasePopulatorUtils.execute(schema, dataSource);
			}
			return ExportCheckpointStore.jdbc(dataSource);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = PROPERTY, havingValue = "jdbc")
	@ConditionalOnMissingBean({ DataSource.class, ExportCheckpointStore.class })
	static class NoDataSourceConfiguration {

		@Bean
		ExportCheckpointStore serviceTitanExportCheckpointStore() {
			throw new InvalidServiceTitanPropertiesException(
					List.of(PROPERTY + " is 'jdbc' but the application has no DataSource bean"),
					ServiceTitanSetupHelp.STORE_HEADING, ServiceTitanSetupHelp.checkpointStoreAction());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = PROPERTY, havingValue = "jdbc")
	@ConditionalOnMissingClass("org.springframework.jdbc.core.simple.JdbcClient")
	@ConditionalOnMissingBean(ExportCheckpointStore.class)
	static class NoSpringJdbcConfiguration {

		@Bean
		ExportCheckpointStore serviceTitanExportCheckpointStore() {
			throw new InvalidServiceTitanPropertiesException(
					List.of(PROPERTY + " is 'jdbc' but spring-jdbc is not on the class path"),
					ServiceTitanSetupHelp.STORE_HEADING, ServiceTitanSetupHelp.checkpointStoreAction());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = PROPERTY, havingValue = "memory", matchIfMissing = true)
	static class InMemoryStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(ExportCheckpointStore.class)
		ExportCheckpointStore serviceTitanExportCheckpointStore() {
			return ExportCheckpointStore.inMemory();
		}

	}

}
