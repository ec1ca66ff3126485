package io.github.servicetitan4j.autoconfigure.webhook;

import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Finds the tenant an event belongs to: the tenant named in the endpoint's path (a configured tenant, or one the
 * application's tenant source knows), else the configured tenant whose tenant id the envelope carries (its
 * {@code tenantid} attribute or {@code data.tenantId}), else the only configured tenant. Null when none fits.
 */
final class TenantRouter {

	private final Map<String, String> namesByTenantId;

	private final Predicate<String> knownName;

	/**
	 * Creates the router.
	 * @param namesByTenantId configured tenants' names by tenant id
	 * @param knownName whether a name is a configured or runtime tenant
	 */
	TenantRouter(Map<String, String> namesByTenantId, Predicate<String> knownName) {
		this.namesByTenantId = Map.copyOf(namesByTenantId);
		this.knownName = knownName;
	}

	@Nullable String route(@Nullable String pathTenant, JsonNode envelope) {
		if (pathTenant != null) {
			return this.knownName.test(pathTenant) ? pathTenant : null;
		}
		String tenantId = tenantId(envelope);
		if (tenantId != null) {
			return this.namesByTenantId.get(tenantId);
		}
		return (this.namesByTenantId.size() == 1) ? this.namesByTenantId.values().iterator().next() : null;
	}

	/** Whether a name is a configured tenant (bounded, so usable as a meter tag). */
	boolean isConfigured(String name) {
		return this.namesByTenantId.containsValue(name);
	}

	private static @Nullable String tenantId(JsonNode envelope) {
		for (JsonNode node : new JsonNode[] { envelope.path("tenantid"), envelope.path("tenantId"),
				envelope.path("data").path("tenantId") }) {
			if (node.isNumber() || (node.isString() && !node.asString().isBlank())) {
				return node.asString().strip();
			}
		}
		return null;
	}

}
