package io.github.servicetitan4j.autoconfigure;

import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

import io.github.servicetitan4j.export.ExportCheckpointStore;
import io.github.servicetitan4j.export.ExportLeases;
import io.github.servicetitan4j.export.LockRegistryExportLeases;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.redis.util.RedisLockRegistry;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Configuration, imported by {@link ServiceTitanAutoConfiguration}, of export leases
 * ({@code servicetitan.export.lease.store}): an {@link ExportLeases} bean over Spring Integration's
 * {@code JdbcLockRegistry} (the application's {@link DataSource}) or {@code RedisLockRegistry} (the application's
 * Redis), and every {@link ExportCheckpointStore} bean wrapped in a
 * {@linkplain ExportCheckpointStore#leased leased store}, so that each checkpointed export takes its feed's lease
 * first. Asking for a lease store the application cannot provide fails at startup.
 */
@Configuration(proxyBeanMethods = false)
final class ServiceTitanExportLeaseConfiguration {

	private static final String PROPERTY = "servicetitan.export.lease.store";

	/** Lock registry region and Redis key prefix of the leases. */
	static final String REGION = "servicetitan-export-lease";

	// On the outer class: its beans are registered after those of the nested configurations, whatever their order.
	@Bean
	@Conditional(LeaseStoreAskedFor.class)
	@ConditionalOnMissingBean(ExportLeases.class)
	ExportLeases serviceTitanExportLeases(ServiceTitanProperties properties) {
		String store = properties.getExport().getLease().getStore().name().toLowerCase(Locale.ROOT);
		throw new InvalidServiceTitanPropertiesException(List.of(PROPERTY + " is '" + store
				+ "' but the application has "
				+ (store.equals("jdbc") ? "no DataSource bean or no spring-integration-jdbc" : "no Redis connection factory or no spring-integration-redis")
				+ " on the class path"), ServiceTitanSetupHelp.STORE_HEADING, ServiceTitanSetupHelp.leaseStoreAction(store));
	}

	@Bean
	static BeanPostProcessor serviceTitanExportLeasePostProcessor(ObjectProvider<ExportLeases> leases) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof ExportCheckpointStore store && store.leases() == null) {
					ExportLeases available = leases.getIfAvailable();
					if (available != null) {
						return ExportCheckpointStore.leased(store, available);
					}
				}
				return bean;
			}

		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = PROPERTY, havingValue = "jdbc")
	@ConditionalOnClass({ JdbcLockRegistry.class, DatabasePopulatorUtils.class })
	@ConditionalOnBean(DataSource.class)
	static class JdbcLeaseConfiguration {

		@Bean
		@ConditionalOnMissingBean(ExportLeases.class)
		LockRegistryExportLeases serviceTitanExportLeases(DataSource dataSource, ServiceTitanProperties properties) {
			ServiceTitanProperties.Export export = properties.getExport();
			if (export.getJdbc().isInitializeSchema()) {
				DatabasePopulatorUtils.execute(new ResourceDatabasePopulator(
						new DefaultResourceLoader(ExportLeases.class.getClassLoader())
							.getResource("classpath:io/github/servicetitan4j/export/lease-schema.sql")),
						dataSource);
			}
			DefaultLockRepository repository = new DefaultLockRepository(dataSource);
			repository.setPrefix("SERVICETITAN_");
			repository.setRegion(REGION);
			repository.setTransactionManager(new DataSourceTransactionManager(dataSource));
			repository.setCheckDatabaseOnStart(false);
			repository.afterPropertiesSet();
			repository.afterSingletonsInstantiated();
			ServiceTitanProperties.Export.Lease lease = export.getLease();
			JdbcLockRegistry registry = new JdbcLockRegistry(repository, lease.getTimeToLive());
			// Closing the repository gives up the leases this instance still holds.
			return new LockRegistryExportLeases(registry, lease.getWhenHeld(), lease.getTimeToLive(),
					lease.getMaxWait(), repository::close);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = PROPERTY, havingValue = "redis")
	@ConditionalOnClass({ RedisLockRegistry.class, RedisConnectionFactory.class })
	@ConditionalOnBean(RedisConnectionFactory.class)
	static class RedisLeaseConfiguration {

		@Bean
		@ConditionalOnMissingBean(ExportLeases.class)
		LockRegistryExportLeases serviceTitanExportLeases(RedisConnectionFactory redis,
				ServiceTitanProperties properties) {
			ServiceTitanProperties.Export.Lease lease = properties.getExport().getLease();
			RedisLockRegistry registry = new RedisLockRegistry(redis, REGION, lease.getTimeToLive());
			return new LockRegistryExportLeases(registry, lease.getWhenHeld(), lease.getTimeToLive(),
					lease.getMaxWait(), registry::destroy);
		}

	}

	static final class LeaseStoreAskedFor extends AnyNestedCondition {

		LeaseStoreAskedFor() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(name = PROPERTY, havingValue = "jdbc")
		static class Jdbc {

		}

		@ConditionalOnProperty(name = PROPERTY, havingValue = "redis")
		static class Redis {

		}

	}

}
