package io.github.servicetitan4j.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.servicetitan4j.ratelimit.RateLimiter;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Configuration, imported by {@link ServiceTitanAutoConfiguration}, of the {@link RateLimiterFactory} that shares one
 * rate budget per tenant between every instance of the application, when {@code servicetitan.rate-limit.store} is
 * {@code redis} (over the application's Lettuce connection factory, as Spring Boot configures it from
 * {@code spring.data.redis.*}) or {@code jdbc} (over the application's {@link DataSource}, PostgreSQL). The factory
 * connects to its store once every bean is created, before the application reports ready
 * ({@link RateLimiterFactory#warmUp()}), so that the first request of a cold instance is already limited by the shared
 * budget; a store that does not answer by {@code servicetitan.rate-limit.store-startup-timeout} is handled as
 * {@code servicetitan.rate-limit.on-store-failure} says (fail-open: the application starts with each instance at its
 * share of the budget; fail-closed: the startup fails). When the store asked for cannot be had at all, startup fails
 * rather than silently limiting each instance alone.
 */
@Configuration(proxyBeanMethods = false)
final class ServiceTitanRateLimitConfiguration {

	static final String PROPERTY = "servicetitan.rate-limit.store";

	// On the outer class: its beans are registered after those of the nested configurations, whatever their order.
	@Bean
	@Conditional(StoreAskedFor.class)
	@ConditionalOnMissingBean(RateLimiterFactory.class)
	RateLimiterFactory serviceTitanRateLimiterFactory(ServiceTitanProperties properties) {
		String message = switch (properties.getRateLimit().getStore()) {
			case REDIS -> PROPERTY + " is 'redis' but the application has no Lettuce connection factory "
					+ "(spring-boot-starter-data-redis) or com.bucket4j:bucket4j_jdk17-lettuce is not on the class "
					+ "path";
			case JDBC -> PROPERTY + " is 'jdbc' but the application has no DataSource bean, or "
					+ "com.bucket4j:bucket4j_jdk17-postgresql or spring-jdbc is not on the class path";
			case LOCAL -> PROPERTY + " is 'local'";
		};
		String store = properties.getRateLimit().getStore().name().toLowerCase(Locale.ROOT);
		throw new InvalidServiceTitanPropertiesException(List.of(message), ServiceTitanSetupHelp.STORE_HEADING,
				ServiceTitanSetupHelp.rateLimitStoreAction(store));
	}

	/**
	 * Connects the factory to its store after every bean is created and before the application starts taking
	 * traffic (the web server and the readiness state come later).
	 */
	@Bean
	static SmartInitializingSingleton serviceTitanRateLimiterWarmUp(ObjectProvider<RateLimiterFactory> factory) {
		return () -> factory.ifAvailable(RateLimiterFactory::warmUp);
	}

	static final class StoreAskedFor extends AnyNestedCondition {

		StoreAskedFor() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(name = PROPERTY, havingValue = "redis")
		static class Redis {

		}

		@ConditionalOnProperty(name = PROPERTY, havingValue = "jdbc")
		static class Jdbc {

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = PROPERTY, havingValue = "redis")
	@ConditionalOnClass({ Bucket4jLettuce.class, LettuceConnectionFactory.class })
	@ConditionalOnBean(LettuceConnectionFactory.class)
	static class RedisConfiguration {

		@Bean
		@ConditionalOnMissingBean(RateLimiterFactory.class)
		RateLimiterFactory serviceTitanRateLimiterFactory(LettuceConnectionFactory redis,
				ServiceTitanProperties properties) {
			ServiceTitanProperties.RateLimit rateLimit = checkedRate("redis", properties);
			// The native client exists once the connection factory has started: ask for it at first use.
			return RateLimiterFactory.redis(redis::getNativeClient, budget(rateLimit), storeSettings(rateLimit));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = PROPERTY, havingValue = "jdbc")
	@ConditionalOnClass({ Bucket4jPostgreSQL.class, DatabasePopulatorUtils.class })
	@ConditionalOnBean(DataSource.class)
	static class JdbcConfiguration {

		@Bean
		@ConditionalOnMissingBean(RateLimiterFactory.class)
		RateLimiterFactory serviceTitanRateLimiterFactory(DataSource dataSource, ServiceTitanProperties properties) {
			ServiceTitanProperties.RateLimit rateLimit = checkedRate("jdbc", properties);
			if (rateLimit.getJdbc().isInitializeSchema()) {
				DatabasePopulatorUtils.execute(new ResourceDatabasePopulator(
						new DefaultResourceLoader(RateLimiterFactory.class.getClassLoader())
							.getResource(RateLimiterFactory.POSTGRESQL_SCHEMA_LOCATION)),
						dataSource);
			}
			return RateLimiterFactory.postgresql(dataSource, budget(rateLimit), storeSettings(rateLimit));
		}

	}

	/** A store shares a budget: without a rate there is nothing to share, and startup says so. */
	static ServiceTitanProperties.RateLimit checkedRate(String store, ServiceTitanProperties properties) {
		ServiceTitanProperties.RateLimit rateLimit = properties.getRateLimit();
		if (rateLimit.getRequestsPerSecond() <= 0) {
			throw new InvalidServiceTitanPropertiesException(List.of("servicetitan.rate-limit.store is '" + store
					+ "' but servicetitan.rate-limit.requests-per-second is 0 (no limit to share)"), null,
					"Set servicetitan.rate-limit.requests-per-second above 0 (ServiceTitan allows 60), or "
							+ "servicetitan.rate-limit.store to local.");
		}
		return rateLimit;
	}

	static RateLimiter.Budget budget(ServiceTitanProperties.RateLimit rateLimit) {
		return new RateLimiter.Budget(rateLimit.getRequestsPerSecond(), rateLimit.getBurst(), rateLimit.getMaxWait());
	}

	static StoreSettings storeSettings(ServiceTitanProperties.RateLimit rateLimit) {
		return new StoreSettings(rateLimit.getOnStoreFailure(), storeTimeout(rateLimit),
				rateLimit.getStoreStartupTimeout(), rateLimit.getFailOpenShare());
	}

	/** The store timeout, never longer than max-wait, so that an outage never holds a call longer than that. */
	static Duration storeTimeout(ServiceTitanProperties.RateLimit rateLimit) {
		Duration timeout = rateLimit.getStoreTimeout();
		Duration maxWait = rateLimit.getMaxWait();
		return (!maxWait.isZero() && maxWait.compareTo(timeout) < 0) ? maxWait : timeout;
	}

}
