package io.github.servicetitan4j.autoconfigure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.ServiceTitanWireMock;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Runtime tenants without the wire: what a {@link ServiceTitanTenantSource} may return, and two threads asking for the
 * same new tenant at once.
 */
class RuntimeTenantsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class))
		.withPropertyValues("servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY);

	@Test
	void aConnectionNeverShowsItsSecretAndRefusesIncompleteValuesWithoutQuotingThem() {
		ServiceTitanTenantSource.Connection connection = ServiceTitanTenantSource.Connection.of("42", "client",
				"runtime-s3cr3t");
		assertThat(connection.toString()).contains("42", "client").doesNotContain("runtime-s3cr3t");
		assertThatIllegalArgumentException().isThrownBy(() -> ServiceTitanTenantSource.Connection.of("4x2", "client", "s"))
			.withMessage("tenantId must be a number");
		assertThatIllegalArgumentException().isThrownBy(() -> ServiceTitanTenantSource.Connection.of("42", "client", " "))
			.withMessage("clientSecret is empty");
	}

	@Test
	void aRuntimeTenantsOwnEnvironmentPicksItsRoots() {
		this.contextRunner
			.withBean(ServiceTitanTenantSource.class,
					() -> (name) -> ServiceTitanTenantSource.Connection.of("42", "client", "secret")
						.withEnvironment(ServiceTitanClient.Environment.INTEGRATION))
			.run((context) -> assertThat(
					((ServiceTitanClient) context.getBean(DefaultServiceTitanTenants.class).tenant("x")).apiUrl())
				.isEqualTo(ServiceTitanClient.Environment.INTEGRATION.apiUrl()));
	}

	@Test
	void whenTwoThreadsAskForTheSameNewTenantAtOnceThenBothGetOneClientAndTheSpareIsClosed() {
		CyclicBarrier bothLookingUp = new CyclicBarrier(2);
		this.contextRunner.withBean(ServiceTitanTenantSource.class, () -> (name) -> {
			await(bothLookingUp);
			return ServiceTitanTenantSource.Connection.of("42", "client", "secret");
		}).run((context) -> {
			DefaultServiceTitanTenants tenants = context.getBean(DefaultServiceTitanTenants.class);
			ExecutorService threads = Executors.newFixedThreadPool(2);
			try {
				CompletableFuture<EndpointFactory> first = CompletableFuture.supplyAsync(() -> tenants.tenant("x"),
						threads);
				CompletableFuture<EndpointFactory> second = CompletableFuture.supplyAsync(() -> tenants.tenant("x"),
						threads);
				assertThat(first.get(30, TimeUnit.SECONDS)).isSameAs(second.get(30, TimeUnit.SECONDS));
			}
			finally {
				threads.shutdownNow();
			}
			assertThat(tenants.runtimeClients()).isEqualTo(1);
			assertThat(tenants.runtimeClientsClosed()).isEqualTo(1);
			assertThat(((ServiceTitanClient) tenants.tenant("x")).isClosed()).isFalse();
		});
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
