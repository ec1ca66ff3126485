package io.github.servicetitan4j.autoconfigure;

import java.util.UUID;
import javax.sql.DataSource;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.export.ExportCheckpointStore;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which {@link ExportCheckpointStore} the starter provides, and the paging property.
 */
class ServiceTitanExportCheckpointAutoConfigurationTests {

	private static final ExportCheckpointStore.Key KEY = new ExportCheckpointStore.Key("1234567", "jpm", "jobs");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class))
		.withPropertyValues("servicetitan.client-id=cid", "servicetitan.client-secret=secret",
				"servicetitan.app-key=key", "servicetitan.tenant-id=1234567");

	private static DataSource h2() {
		return new DriverManagerDataSource("jdbc:h2:mem:auto-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
	}

	@Test
	void whenNothingIsSaidThenCheckpointsAreKeptInMemory() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ExportCheckpointStore.class)
			.getBean(ExportCheckpointStore.class)
			.extracting((store) -> store.getClass().getSimpleName())
			.isEqualTo("InMemoryExportCheckpointStore"));
	}

	@Test
	void whenServiceTitanIsNotConfiguredThenOnlyTheInMemoryStoreIsCreated() {
		// Credentials are set where the app runs, after AOT fixed the beans: the store cannot depend on them.
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class))
			.run((context) -> assertThat(context.getBean(ExportCheckpointStore.class).getClass().getSimpleName())
				.isEqualTo("InMemoryExportCheckpointStore"));
	}

	@Test
	void whenJdbcIsChosenAndADataSourceExistsThenCheckpointsGoToItsTableCreatedAtStartup() {
		DataSource dataSource = h2();
		this.runner.withBean(DataSource.class, () -> dataSource)
			.withPropertyValues("servicetitan.export.checkpoints=jdbc")
			.run((context) -> {
				assertThat(context.getBean(ExportCheckpointStore.class).getClass().getSimpleName())
					.isEqualTo("JdbcExportCheckpointStore");
				context.getBean(ExportCheckpointStore.class).save(KEY, "t1");
				assertThat(JdbcClient.create(dataSource)
					.sql("SELECT continue_from FROM servicetitan_export_checkpoint WHERE folder = 'jpm'")
					.query(String.class)
					.single()).isEqualTo("t1");
			});
	}

	@Test
	void whenSchemaInitializationIsOffThenNoTableIsCreated() {
		DataSource dataSource = h2();
		this.runner.withBean(DataSource.class, () -> dataSource)
			.withPropertyValues("servicetitan.export.checkpoints=JDBC",
					"servicetitan.export.jdbc.initialize-schema=false")
			.run((context) -> {
				assertThat(context.getBean(ExportCheckpointStore.class).getClass().getSimpleName())
					.isEqualTo("JdbcExportCheckpointStore");
				assertThat(JdbcClient.create(dataSource)
					.sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'SERVICETITAN_EXPORT_CHECKPOINT'")
					.query(Integer.class)
					.single()).isZero();
			});
	}

	@Test
	void whenJdbcIsChosenWithoutADataSourceThenStartupFailsNamingTheProperty() {
		this.runner.withPropertyValues("servicetitan.export.checkpoints=jdbc")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidServiceTitanPropertiesException.class)
				.hasMessageContaining("servicetitan.export.checkpoints")
				.hasMessageContaining("DataSource"));
	}

	@Test
	void whenJdbcIsChosenWithoutSpringJdbcThenStartupFails() {
		this.runner.withBean(DataSource.class, ServiceTitanExportCheckpointAutoConfigurationTests::h2)
			.withClassLoader(new FilteredClassLoader(JdbcClient.class))
			.withPropertyValues("servicetitan.export.checkpoints=jdbc")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("spring-jdbc is not on the class path"));
	}

	@Test
	void whenTheApplicationHasItsOwnStoreThenTheStarterBacksOff() {
		ExportCheckpointStore own = ExportCheckpointStore.inMemory();
		this.runner.withBean("myStore", ExportCheckpointStore.class, () -> own)
			.withPropertyValues("servicetitan.export.checkpoints=jdbc")
			.run((context) -> assertThat(context).getBean(ExportCheckpointStore.class).isSameAs(own));
	}

	@Test
	void whenPagingConcurrencyIsSetThenTheClientFetchesThatManyPagesAhead() {
		this.runner.withPropertyValues("servicetitan.paging.concurrency=4")
			.run((context) -> assertThat(context.getBean(EndpointFactory.class))
				.isInstanceOfSatisfying(ServiceTitanClient.class,
						(client) -> assertThat(client.pagingConcurrency()).isEqualTo(4)));
	}

	@Test
	void whenPagingConcurrencyIsOutOfRangeThenStartupFailsNamingIt() {
		this.runner.withPropertyValues("servicetitan.paging.concurrency=17")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("servicetitan.paging.concurrency must be between 1 and 16, not 17"));
	}

}
