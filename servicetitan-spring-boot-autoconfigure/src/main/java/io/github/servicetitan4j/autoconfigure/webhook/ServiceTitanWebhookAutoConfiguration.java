package io.github.servicetitan4j.autoconfigure.webhook;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

import io.github.servicetitan4j.autoconfigure.ServiceTitanProperties;
import io.github.servicetitan4j.autoconfigure.ServiceTitanTenantSource;
import io.github.servicetitan4j.internal.ReportReadySignals;
import io.github.servicetitan4j.webhook.WebhookHandler;

/**
 * Receives ServiceTitan's webhook deliveries in a Spring MVC application when {@code servicetitan.webhooks.enabled}
 * is true: an endpoint at {@code servicetitan.webhooks.path} that checks the signature, routes the event to its tenant,
 * claims its id in the deduplication store ({@code memory}, {@code jdbc} or {@code redis}) and hands it to the
 * application's {@link WebhookHandler} beans and {@code @EventListener} methods before it answers 2xx.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ HttpRequestHandler.class, SimpleUrlHandlerMapping.class })
@ConditionalOnBooleanProperty("servicetitan.webhooks.enabled")
@EnableConfigurationProperties({ ServiceTitanWebhookProperties.class, ServiceTitanProperties.class })
public final class ServiceTitanWebhookAutoConfiguration {

	private static final String STORE = "servicetitan.webhooks.dedup.store";

	@Bean
	@ConditionalOnMissingBean
	ReportReadySignals serviceTitanReportReadySignals() {
		return new ReportReadySignals();
	}

	// On the outer class: registered after the nested configurations' stores, so it sees whether one was made.
	@Bean
	@ConditionalOnMissingBean(DeliveryStore.class)
	DeliveryStore serviceTitanWebhookDeliveryStore(ServiceTitanWebhookProperties properties) {
		ServiceTitanWebhookProperties.DedupStore store = properties.getDedup().getStore();
		if (store != ServiceTitanWebhookProperties.DedupStore.MEMORY) {
			throw new IllegalStateException(STORE + " is '" + store.name().toLowerCase(Locale.ROOT)
					+ "' but the application has " + ((store == ServiceTitanWebhookProperties.DedupStore.JDBC)
							? "no spring-jdbc" : "no spring-data-redis")
					+ " on the class path");
		}
		return new InMemoryDeliveryStore(properties.getDedup().getClaimTimeout());
	}

	@Bean
	WebhookEndpoint serviceTitanWebhookEndpoint(ServiceTitanWebhookProperties properties,
			ServiceTitanProperties serviceTitan, ObjectProvider<ServiceTitanTenantSource> tenantSource,
			DeliveryStore store, ObjectProvider<WebhookHandler> handlers, ApplicationEventPublisher publisher,
			ReportReadySignals reportReady, ObjectProvider<WebhookMeters> meters) {
		if (properties.getSecrets().isEmpty() && !properties.isAllowUnsigned()) {
			throw new IllegalStateException("servicetitan.webhooks.secrets is empty: set the HMAC key (32 to 64 "
					+ "characters) of the subscriptions, or servicetitan.webhooks.allow-unsigned=true for subscriptions "
					+ "without one");
		}
		SignatureVerifier verifier = properties.getSecrets().isEmpty() ? null
				: new SignatureVerifier(properties.getSecrets(), properties.getAlgorithm(), properties.getEncoding());
		Map<String, String> namesByTenantId = new LinkedHashMap<>();
		serviceTitan.getTenants().forEach((name, tenant) -> {
			if (tenant.getTenantId() != null) {
				namesByTenantId.put(tenant.getTenantId().strip(), name);
			}
		});
		if (namesByTenantId.isEmpty() && serviceTitan.getTenantId() != null) {
			namesByTenantId.put(serviceTitan.getTenantId().strip(), "default");
		}
		TenantRouter router = new TenantRouter(namesByTenantId, (name) -> namesByTenantId.containsValue(name)
				|| knownAtRuntime(tenantSource.getIfAvailable(), name));
		WebhookDispatcher dispatcher = new WebhookDispatcher(handlers.orderedStream().toList(), publisher, reportReady);
		return new WebhookEndpoint(properties, verifier, router, store, dispatcher,
				meters.getIfAvailable(() -> WebhookMeters.NONE), Clock.systemUTC());
	}

	private static boolean knownAtRuntime(ServiceTitanTenantSource source, String name) {
		return source != null && !name.isBlank() && source.find(name) != null;
	}

	@Bean
	SimpleUrlHandlerMapping serviceTitanWebhookHandlerMapping(WebhookEndpoint endpoint) {
		Map<String, Object> urls = new LinkedHashMap<>();
		endpoint.paths().forEach((path) -> urls.put(path, endpoint));
		// Before the application's controllers, so that no catch-all mapping takes the path
		return new SimpleUrlHandlerMapping(urls, Ordered.HIGHEST_PRECEDENCE + 10);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetersConfiguration {

		@Bean
		WebhookMeters serviceTitanWebhookMeters(ObjectProvider<MeterRegistry> registry) {
			MeterRegistry available = registry.getIfAvailable();
			return (available != null) ? new MicrometerWebhookMeters(available) : WebhookMeters.NONE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = STORE, havingValue = "jdbc")
	@ConditionalOnClass({ JdbcTemplate.class, DatabasePopulatorUtils.class })
	static class JdbcStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(DeliveryStore.class)
		DeliveryStore serviceTitanWebhookDeliveryStore(ServiceTitanWebhookProperties properties,
				ObjectProvider<DataSource> dataSource) {
			DataSource available = dataSource.getIfAvailable();
			if (available == null) {
				throw new IllegalStateException(STORE + " is 'jdbc' but the application has no DataSource bean");
			}
			if (properties.getDedup().isInitializeSchema()) {
				DatabasePopulatorUtils.execute(new ResourceDatabasePopulator(
						new DefaultResourceLoader(WebhookHandler.class.getClassLoader())
							.getResource("classpath:" + ServiceTitanWebhookRuntimeHints.SCRIPT)),
						available);
			}
			return new JdbcDeliveryStore(available, properties.getDedup().getClaimTimeout());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = STORE, havingValue = "redis")
	@ConditionalOnClass(RedisConnectionFactory.class)
	static class RedisStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(DeliveryStore.class)
		DeliveryStore serviceTitanWebhookDeliveryStore(ServiceTitanWebhookProperties properties,
				ObjectProvider<RedisConnectionFactory> connectionFactory) {
			RedisConnectionFactory available = connectionFactory.getIfAvailable();
			if (available == null) {
				throw new IllegalStateException(STORE + " is 'redis' but the application has no Redis connection");
			}
			return new RedisDeliveryStore(available, properties.getDedup().getClaimTimeout(),
					properties.getDedup().getRetention());
		}

	}

}
