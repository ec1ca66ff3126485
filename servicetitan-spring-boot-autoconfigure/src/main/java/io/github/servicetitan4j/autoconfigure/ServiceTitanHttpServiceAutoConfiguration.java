package io.github.servicetitan4j.autoconfigure;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanTenants;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * Typed ServiceTitan HTTP interfaces as beans, the Spring Framework 7 way: the application imports them into the HTTP
 * service group {@value #GROUP},
 * <pre>{@code
 * @ImportHttpServices(group = ServiceTitanHttpServiceAutoConfiguration.GROUP, types = JobsApi.class)
 * }</pre>
 * and this configures that group so that each of its proxies sends through the {@link EndpointFactory} bean's
 * {@link EndpointFactory#client(Class) typed client}, which goes through the ServiceTitan client's one pipeline (token,
 * limiter, retries, size bound, typed exceptions, observations). The group's own {@code RestClient} is never used.
 * The {@link EndpointFactory} is looked up on the first call, so these beans exist whatever the credential properties
 * say (the bean graph is fixed at build time under AOT); a call without the single-tenant {@link EndpointFactory} fails
 * saying so. Several tenants: {@code ServiceTitanTenants.tenant(name).client(JobsApi.class)}.
 */
@AutoConfiguration(after = ServiceTitanAutoConfiguration.class)
@ConditionalOnClass({ RestClientHttpServiceGroupConfigurer.class, ImportHttpServices.class })
public final class ServiceTitanHttpServiceAutoConfiguration {

	/** Name of the HTTP service group whose interfaces call ServiceTitan through the {@link EndpointFactory} bean. */
	public static final String GROUP = "servicetitan";

	@Bean
	RestClientHttpServiceGroupConfigurer serviceTitanHttpServiceGroupConfigurer(
			ObjectProvider<EndpointFactory> endpointFactory) {
		return (groups) -> groups.filterByName(GROUP)
			.forEachProxyFactory((group, proxyFactory) -> proxyFactory.proxyFactoryCustomizer(
					(factory, type) -> factory.addAdvice(0, new TenantClientDelegate(endpointFactory, type))));
	}

	/**
	 * Hands every call of a group proxy to the same interface's typed client of the {@link EndpointFactory} bean.
	 */
	private static final class TenantClientDelegate implements MethodInterceptor {

		private final ObjectProvider<EndpointFactory> endpointFactory;

		private final Class<?> type;

		private volatile @Nullable Object client;

		TenantClientDelegate(ObjectProvider<EndpointFactory> endpointFactory, Class<?> type) {
			this.endpointFactory = endpointFactory;
			this.type = type;
		}

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			if (AopUtils.isToStringMethod(invocation.getMethod())) {
				return this.type.getSimpleName() + "[HTTP service group " + GROUP + "]";
			}
			return AopUtils.invokeJoinpointUsingReflection(client(), invocation.getMethod(), invocation.getArguments());
		}

		private Object client() {
			Object client = this.client;
			if (client == null) {
				EndpointFactory factory = this.endpointFactory.getIfUnique();
				if (factory == null) {
					throw new IllegalStateException(this.type.getName() + " of the HTTP service group '" + GROUP
							+ "' calls ServiceTitan through the EndpointFactory bean, and there is none (set"
							+ " servicetitan.tenant-id, client-id and client-secret, or servicetitan.default-tenant"
							+ " with servicetitan.tenants); for one of several tenants use "
							+ ServiceTitanTenants.class.getSimpleName() + ".tenant(name).client("
							+ this.type.getSimpleName() + ".class)");
				}
				client = factory.client(this.type);
				this.client = client;
			}
			return client;
		}

	}

}
