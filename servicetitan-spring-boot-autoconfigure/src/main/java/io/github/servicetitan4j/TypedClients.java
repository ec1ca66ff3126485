package io.github.servicetitan4j;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

import org.aopalliance.intercept.MethodInterceptor;

import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.Assert;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The typed HTTP-interface clients of one {@link ServiceTitanClient}, one per interface, made on first use with
 * Spring's {@link HttpServiceProxyFactory} over a {@link TypedExchangeAdapter} of the client's context.
 */
final class TypedClients {

	private final HttpServiceProxyFactory factory;

	private final Map<Class<?>, Object> clients = new ConcurrentHashMap<>();

	TypedClients(ClientContext client) {
		TypedArguments arguments = new TypedArguments(client.json());
		String tenant = client.tenantId();
		this.factory = HttpServiceProxyFactory.builder()
			.exchangeAdapter(new TypedExchangeAdapter(client))
			.customArgumentResolver(arguments)
			.httpRequestValuesProcessor(arguments)
			.proxyFactoryCustomizer((proxyFactory, type) -> proxyFactory.addAdvice(0, named(type, tenant)))
			.build();
	}

	<T> T client(Class<T> api) {
		Assert.notNull(api, "api must not be null");
		if (!api.isInterface()) {
			throw new IllegalArgumentException(api.getName() + " is not an interface");
		}
		return api.cast(this.clients.computeIfAbsent(api, (type) -> {
			checkReturnTypes(type);
			return this.factory.createClient(type);
		}));
	}

	/** Refuses, before anything is sent, what the client would otherwise try to read as JSON. */
	private static void checkReturnTypes(Class<?> api) {
		for (Method method : api.getMethods()) {
			if (!MergedAnnotations.from(method).isPresent(HttpExchange.class)) {
				continue;
			}
			Class<?> returned = method.getReturnType();
			if (ReactiveAdapterRegistry.getSharedInstance().getAdapter(returned) != null
					|| Future.class.isAssignableFrom(returned) || InputStream.class.isAssignableFrom(returned)) {
				throw new IllegalArgumentException(TypedArguments.operation(method) + " returns "
						+ returned.getSimpleName() + ", which a typed ServiceTitan client does not read (see"
						+ " EndpointFactory.client for the return types it does)");
			}
		}
	}

	/** Answers toString itself: the default proxy would fail, having no HTTP exchange for it. */
	private static MethodInterceptor named(Class<?> type, String tenant) {
		return (invocation) -> {
			if (invocation.getMethod().getName().equals("toString") && invocation.getArguments().length == 0) {
				return type.getSimpleName() + "[tenant " + tenant + "]";
			}
			return invocation.proceed();
		};
	}

}
