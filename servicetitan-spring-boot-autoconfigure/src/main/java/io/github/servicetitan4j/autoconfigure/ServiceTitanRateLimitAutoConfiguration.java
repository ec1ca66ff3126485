package io.github.servicetitan4j.autoconfigure;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.servicetitan4j.ratelimit.RateBudget;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Auto-configuration of the {@link RateLimiterFactory} that shares one rate budget per tenant between every
 * instance of the application, when {@code servicetitan.rate-limit.store} is {@code redis} (over the application's
 * Lettuce connection factory, as Spring Boot configures it from {@code spring.data.redis.*}) or {@code jdbc} (over the
 * application's {@link DataSource}, PostgreSQL). The store is first used by the first request, so the application
 * starts while it is down. When the store asked for cannot be had, startup fails rather than silently limiting each
 * instance alone.
 */
@AutoConfiguration(before = ServiceTitanAutoConfiguration.class,
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
@Conditional(ServiceTitanConfiguredCondition.class)
@EnableConfigurationProperties(ServiceTitanProperties.class)
public final class ServiceTitanRateLimitAutoConfiguration {

	static final String PROPERTY = "servicetitan.rate-limit.store";

	// On the outer class: its beans are registered after those of the nested configurations, whatever their order.
	@Bean
	@Conditional(StoreAskedFor.class)
	@ConditionalOnMissingBean(RateLimiterFactory.class)
	RateLimiterFactory serviceTitanRateLimiterFactory(ServiceTitanProperties properties) {
		String message = switch (properties.getRateLimit().getStore()) {
			case REDIS -> PROPERTY + " is 'redis' but the application has no Lettuce connection factory "
					+ "(spring-boot-starter-data-redis) or com.bucket4j:bucket4j_jdk17-lettuce is not on the class path";
			case JDBC -> PROPERTY + " is 'jdbc' but the application has no DataSource bean, or "
					+ "com.bucket4j:bucket4j_jdk17-postgresql or spring-jdbc is not on the class path";
			case LOCAL -> PROPERTY + " is 'local'";
		};
		throw new InvalidServiceTitanPropertiesException(List.of(message));
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
			return RateLimiterFactory.redis(redis::getNativeClient, budget(rateLimit), rateLimit.getOnStoreFailure(),
					storeTimeout(rateLimit));
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
			return RateLimiterFactory.postgresql(dataSource, budget(rateLimit), rateLimit.getOnStoreFailure(),
					storeTimeout(rateLimit));
		}

	}

	/** A store shares a budget: without a rate there is nothing to share, and startup says so. */
	static ServiceTitanProperties.RateLimit checkedRate(String store, ServiceTitanProperties properties) {
		ServiceTitanProperties.RateLimit rateLimit = properties.getRateLimit();
		if (rateLimit.getRequestsPerSecond() <= 0) {
			throw new InvalidServiceTitanPropertiesException(List.of("servicetitan.rate-limit.store is '" + store
					+ "' but servicetitan.rate-limit.requests-per-second is 0 (no limit to share)"));
		}
		return rateLimit;
	}

	static RateBudget budget(ServiceTitanProperties.RateLimit rateLimit) {
		return new RateBudget(rateLimit.getRequestsPerSecond(), rateLimit.getBurst(), rateLimit.getMaxWait());
	}

	/** The store timeout, never longer than max-wait, so that an outage never holds a call longer than that. */
	static Duration storeTimeout(ServiceTitanProperties.RateLimit rateLimit) {
		Duration timeout = rateLimit.getStoreTimeout();
		Duration maxWait = rateLimit.getMaxWait();
		return (!maxWait.isZero() && maxWait.compareTo(timeout) < 0) ? maxWait : timeout;
	}

}
