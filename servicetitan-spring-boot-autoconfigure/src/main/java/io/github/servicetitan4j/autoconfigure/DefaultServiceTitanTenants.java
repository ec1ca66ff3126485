package io.github.servicetitan4j.autoconfigure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.ServiceTitanTenants;
import org.jspecify.annotations.Nullable;

/**
 * The tenants of an application: the configured ones, built at startup and kept, and those a
 * {@link ServiceTitanTenantSource} supplies, built on first use and kept in a least-recently-used cache of at most
 * {@code maxClients} clients. A client leaving the cache is closed; a later use of its tenant builds a new one (with a
 * new token: the old one is not carried over, so a rotated secret takes effect).
 */
final class DefaultServiceTitanTenants implements ServiceTitanTenants, AutoCloseable {

	private final Map<String, EndpointFactory> configured;

	private final List<ServiceTitanClient> owned;

	private final @Nullable ServiceTitanTenantSource source;

	private final TenantClientFactory factory;

	private final int maxClients;

	private final Object lock = new Object();

	// Access order: the eldest entry is the least recently used.
	private final LinkedHashMap<String, ServiceTitanClient> runtime = new LinkedHashMap<>(16, 0.75f, true);

	private long runtimeClientsClosed;

	/**
	 * Creates the tenants.
	 * @param configured the configured tenants by name, in order
	 * @param owned the clients among them that this object built, and closes
	 * @param source the source of runtime tenants, if any
	 * @param factory builds the clients of runtime tenants
	 * @param maxClients most runtime clients kept at once
	 */
	DefaultServiceTitanTenants(Map<String, ? extends EndpointFactory> configured, List<ServiceTitanClient> owned,
			@Nullable ServiceTitanTenantSource source, TenantClientFactory factory, int maxClients) {
		this.configured = Collections.unmodifiableMap(new LinkedHashMap<>(configured));
		this.owned = List.copyOf(owned);
		this.source = source;
		this.factory = factory;
		this.maxClients = maxClients;
	}

	@Override
	public EndpointFactory tenant(String name) {
		EndpointFactory tenant = this.configured.get(name);
		if (tenant != null) {
			return tenant;
		}
		ServiceTitanTenantSource source = this.source;
		if (source == null || name == null || name.isBlank()) {
			throw unknown(name);
		}
		synchronized (this.lock) {
			ServiceTitanClient cached = this.runtime.get(name);
			if (cached != null) {
				return cached;
			}
		}
		// Looked up and built outside the lock: the source may read a database, and other tenants must not wait.
		ServiceTitanTenantSource.Connection connection = source.find(name);
		if (connection == null) {
			throw unknown(name);
		}
		ServiceTitanClient built = this.factory.create(connection.tenantId(), this.factory.connection(connection));
		List<ServiceTitanClient> toClose = new ArrayList<>();
		ServiceTitanClient result;
		synchronized (this.lock) {
			ServiceTitanClient raced = this.runtime.get(name);
			if (raced != null) {
				toClose.add(built);
				result = raced;
			}
			else {
				this.runtime.put(name, built);
				result = built;
				Iterator<ServiceTitanClient> eldest = this.runtime.values().iterator();
				while (this.runtime.size() > this.maxClients) {
					toClose.add(eldest.next());
					eldest.remove();
				}
			}
			this.runtimeClientsClosed += toClose.size();
		}
		toClose.forEach(ServiceTitanClient::close);
		return result;
	}

	private IllegalArgumentException unknown(@Nullable String name) {
		return new IllegalArgumentException("No ServiceTitan tenant named '" + name + "'; configured tenants: "
				+ this.configured.keySet()
				+ ((this.source != null) ? ", and the ServiceTitanTenantSource knows none of that name" : ""));
	}

	@Override
	public Set<String> names() {
		return this.configured.keySet();
	}

	@Override
	public boolean evict(String name) {
		ServiceTitanClient evicted;
		synchronized (this.lock) {
			evicted = this.runtime.remove(name);
			if (evicted != null) {
				this.runtimeClientsClosed++;
			}
		}
		if (evicted == null) {
			return false;
		}
		evicted.close();
		return true;
	}

	/** Runtime tenants whose clients are cached now. */
	int runtimeClients() {
		synchronized (this.lock) {
			return this.runtime.size();
		}
	}

	/** Runtime clients closed so far, by eviction or by losing a race to build the same tenant. */
	long runtimeClientsClosed() {
		synchronized (this.lock) {
			return this.runtimeClientsClosed;
		}
	}

	@Override
	public void close() {
		List<ServiceTitanClient> clients;
		synchronized (this.lock) {
			clients = new ArrayList<>(this.runtime.values());
			this.runtime.clear();
		}
		clients.addAll(this.owned);
		clients.forEach(ServiceTitanClient::close);
	}

	@Override
	public String toString() {
		return "ServiceTitanTenants[configured=" + this.configured.keySet() + ", runtime=" + runtimeClients() + "]";
	}

}
