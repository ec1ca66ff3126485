package io.github.servicetitan4j.autoconfigure;

import java.time.LocalDate;
import java.util.Map;
import javax.sql.DataSource;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.RealPostgres;
import io.github.servicetitan4j.RealRedis;
import io.github.servicetitan4j.ReportFixtures;
import io.github.servicetitan4j.Reports.ReportRateLimiterTimeoutException;
import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.ServiceTitanWireMock;
import io.github.servicetitan4j.autoconfigure.health.ServiceTitanHealthContributorAutoConfiguration;
import io.github.servicetitan4j.health.ServiceTitanHealthIndicator;
import io.github.servicetitan4j.ratelimit.RateLimiter;
import io.github.servicetitan4j.ratelimit.RateLimiter.RateLimiterTimeoutException;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.RateLimitStoreUnavailableException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Where the rate budget lives, chosen by servicetitan.rate-limit.store, with real Redis and PostgreSQL servers: two
 * application contexts stand for two instances of one application.
 */
class ServiceTitanRateLimitAutoConfigurationTests {

	/** How the shared limiter names its keys and rows: the tenant follows this prefix. */
	private static final String KEY_PREFIX = "servicetitan:rate-limit:";

	private static final Map<String, Object> OCTOBER = Map.of("From", LocalDate.of(2026, 10, 1), "To",
			LocalDate.of(2026, 10, 31));

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	@RegisterExtension
	static final RealRedis redis = new RealRedis();

	@RegisterExtension
	static final RealPostgres postgres = new RealPostgres();

	/**
	 * 3 per second with a burst of 3 (the bucket refills one per second) and no waiting: three calls use up the burst
	 * of every instance together, and a fourth call anywhere fails at once instead of sleeping.
	 */
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class,
				ServiceTitanHealthContributorAutoConfiguration.class))
		.withPropertyValues("servicetitan.client-id=" + ServiceTitanWireMock.CLIENT_ID,
				"servicetitan.client-secret=" + ServiceTitanWireMock.CLIENT_SECRET,
				"servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY,
				"servicetitan.tenant-id=" + ServiceTitanWireMock.TENANT, "servicetitan.api-url=" + wireMock.url(),
				"servicetitan.auth-url=" + wireMock.url(), "servicetitan.rate-limit.requests-per-second=3",
				"servicetitan.rate-limit.burst=3", "servicetitan.rate-limit.max-wait=0s");

	@BeforeEach
	void stubApi() {
		wireMock.server.stubFor(get(urlPathMatching("/.*/v2/tenant/.*")).willReturn(okJson("{\"id\":1}")));
		redis.flush();
	}

	@Test
	void whenNothingIsSaidThenEachInstanceLimitsItselfAndNoFactoryIsCreated() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RateLimiterFactory.class));
	}

	@Test
	void whenTheStoreIsRedisThenTwoInstancesDrawFromOneBudgetInTheApplicationsRedis() {
		ApplicationContextRunner redisRunner = this.runner
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.withPropertyValues("servicetitan.rate-limit.store=redis", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + redis.port);
		redisRunner.run((first) -> redisRunner.run((second) -> {
			assertThat(first.getBean(RateLimiterFactory.class)).hasToString("SharedRateLimiterFactory[redis]");
			for (int i = 0; i < 3; i++) {
				first.getBean(EndpointFactory.class).endpoint("jpm", "jobs").getOne(Integer.toString(i));
			}

			// the first instance used the burst up: the second one would have to wait for its turn
			assertThatExceptionOfType(RateLimiterTimeoutException.class).isThrownBy(limiterOf(second)::acquire);
			try (var connection = redis.client().connect()) {
				assertThat(connection.sync().keys(KEY_PREFIX + ServiceTitanWireMock.TENANT + ":*"))
					.isNotEmpty();
			}
			assertThat(healthDetails(second)).containsEntry("store", "redis").containsEntry("available", true);
		}));
	}

	@Test
	void whenTheStoreIsRedisThenTheInstanceConnectsBeforeItIsReadyAndBeforeAnyRequest() {
		this.runner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.withPropertyValues("servicetitan.rate-limit.store=redis", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + redis.port)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				// no request yet: the warm-up's own bucket is there, no tenant's
				try (var connection = redis.client().connect()) {
					assertThat(connection.sync().keys(KEY_PREFIX + "*")).containsExactly(KEY_PREFIX + "warm-up");
				}
				assertThat(healthDetails(context)).containsEntry("available", true)
					.containsEntry("failOpenShare", 0.25);
			});
	}

	@Test
	void whenTheRedisStoreIsDownAtStartupAndFailClosedThenStartupFailsSayingWhyAndWhatToDo() {
		this.runner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.withPropertyValues("servicetitan.rate-limit.store=redis", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + RealRedis.freePort(), "servicetitan.rate-limit.on-store-failure=fail-closed",
					"servicetitan.rate-limit.store-startup-timeout=2s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining(RateLimitStoreUnavailableException.class.getName()
						+ ": The redis rate-limit store did not answer at startup within 2000 ms")
				.hasStackTraceContaining("servicetitan.rate-limit.on-store-failure=fail-closed"));
	}

	@Test
	void whenTwoInstancesRunTheSameReportThenTheSecondWaitsForTheReportsTurnInTheSharedStore() {
		ApplicationContextRunner redisRunner = this.runner
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.withPropertyValues("servicetitan.rate-limit.store=redis", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + redis.port, "servicetitan.rate-limit.requests-per-second=60",
					"servicetitan.rate-limit.burst=5", "servicetitan.rate-limit.max-wait=30s",
					"servicetitan.reporting.max-wait=0s");
		ReportFixtures.stubDescriptionAndOnePage(wireMock);
		redisRunner.run((first) -> redisRunner.run((second) -> {
			first.getBean(ServiceTitanClient.class).reports().run("accounting", ReportFixtures.REPORT, OCTOBER);

			// one run a minute for the report, whichever instance asks
			assertThatExceptionOfType(ReportRateLimiterTimeoutException.class).isThrownBy(() -> second
				.getBean(ServiceTitanClient.class)
				.reports()
				.run("accounting", ReportFixtures.REPORT, OCTOBER));
			try (var connection = redis.client().connect()) {
				assertThat(connection.sync().keys(KEY_PREFIX + ServiceTitanWireMock.TENANT + ":*:report:"
						+ ReportFixtures.REPORT + ":budget")).hasSize(1);
			}
		}));
	}

	@Test
	void whenReportBudgetsAreNotSharedThenEachInstanceRunsTheReportOnItsOwnTurn() {
		ApplicationContextRunner redisRunner = this.runner
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.withPropertyValues("servicetitan.rate-limit.store=redis", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + redis.port, "servicetitan.rate-limit.requests-per-second=60",
					"servicetitan.rate-limit.burst=5", "servicetitan.rate-limit.max-wait=30s",
					"servicetitan.reporting.max-wait=0s", "servicetitan.reporting.shared-budget=false");
		ReportFixtures.stubDescriptionAndOnePage(wireMock);
		redisRunner.run((first) -> redisRunner.run((second) -> {
			first.getBean(ServiceTitanClient.class).reports().run("accounting", ReportFixtures.REPORT, OCTOBER);

			assertThat(second.getBean(ServiceTitanClient.class)
				.reports()
				.run("accounting", ReportFixtures.REPORT, OCTOBER)
				.rows()).hasSize(1);
		}));
	}

	@Test
	void whenTheStoreIsJdbcThenTheTableIsCreatedAndTwoInstancesDrawFromOneBudgetInIt() {
		ApplicationContextRunner jdbcRunner = this.runner.withBean(DataSource.class, ServiceTitanRateLimitAutoConfigurationTests::dataSource)
			.withPropertyValues("servicetitan.rate-limit.store=jdbc");
		jdbcRunner.run((first) -> jdbcRunner.run((second) -> {
			for (int i = 0; i < 3; i++) {
				first.getBean(EndpointFactory.class).endpoint("jpm", "jobs").getOne(Integer.toString(i));
			}

			assertThatExceptionOfType(RateLimiterTimeoutException.class).isThrownBy(limiterOf(second)::acquire);
			assertThat(JdbcClient.create(postgres.dataSource())
				.sql("SELECT COUNT(*) FROM " + RateLimiterFactory.POSTGRESQL_TABLE + " WHERE id LIKE :prefix")
				.param("prefix", KEY_PREFIX + ServiceTitanWireMock.TENANT + ":%")
				.query(Integer.class)
				.single()).isEqualTo(3); // budget, calm and pause
		}));
	}

	@Test
	void whenTheStoreIsRedisButTheApplicationHasNoRedisThenStartupFailsSayingWhatIsMissing() {
		this.runner.withPropertyValues("servicetitan.rate-limit.store=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidServiceTitanPropertiesException.class)
				.hasMessageContaining("servicetitan.rate-limit.store is 'redis' but the application has no Lettuce"));
	}

	@Test
	void whenTheStoreIsJdbcButBucket4jIsMissingThenStartupFailsSayingWhatIsMissing() {
		this.runner.withBean(DataSource.class, ServiceTitanRateLimitAutoConfigurationTests::dataSource)
			.withClassLoader(new FilteredClassLoader("io.github.bucket4j.postgresql"))
			.withPropertyValues("servicetitan.rate-limit.store=jdbc")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("bucket4j_jdk17-postgresql"));
	}

	@Test
	void whenASharedStoreIsAskedForWithTheLimiterOffThenStartupFails() {
		this.runner.withBean(DataSource.class, ServiceTitanRateLimitAutoConfigurationTests::dataSource)
			.withPropertyValues("servicetitan.rate-limit.store=jdbc", "servicetitan.rate-limit.requests-per-second=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("requests-per-second is 0 (no limit to share)"));
	}

	@Test
	void whenTheRedisStoreIsDownThenTheClientStillWorksAndHealthSaysTheBudgetIsNotShared() {
		this.runner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.withPropertyValues("servicetitan.rate-limit.store=redis", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + RealRedis.freePort(), "servicetitan.rate-limit.store-timeout=300ms")
			.run((context) -> {
				context.getBean(EndpointFactory.class).endpoint("jpm", "jobs").getOne("1");

				assertThat(healthDetails(context)).containsEntry("available", false)
					.containsEntry("onStoreFailure", "fail-open")
					.containsEntry("failOpenShare", 0.25)
					.containsEntry("limiting",
							"locally in each instance at 25.0% of the budget (0.75 requests per second for a tenant)")
					.doesNotContainValue(ServiceTitanWireMock.APP_KEY);
				assertThat(context.getBean(ServiceTitanHealthIndicator.class).health().getDetails().toString())
					.doesNotContain(ServiceTitanWireMock.APP_KEY)
					.doesNotContain(ServiceTitanWireMock.CLIENT_SECRET);
			});
	}

	/** The server's pool, not closed with each context. */
	private static DataSource dataSource() {
		return new DelegatingDataSource(postgres.dataSource());
	}

	private static RateLimiter limiterOf(ApplicationContext context) {
		return context.getBean(RateLimiterFactory.class)
			.rateLimiter(ServiceTitanWireMock.TENANT, ServiceTitanWireMock.APP_KEY);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> healthDetails(ApplicationContext context) {
		return (Map<String, Object>) context.getBean(ServiceTitanHealthIndicator.class)
			.health()
			.getDetails()
			.get("rateLimitStore");
	}


}
