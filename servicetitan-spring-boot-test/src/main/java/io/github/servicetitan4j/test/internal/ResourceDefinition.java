package io.github.servicetitan4j.test.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A resource a user declared ({@code /{folder}/v2/tenant/{t}/{name}}) with its records and what it allows beyond
 * reading: it is served by {@link GenericApi} with the same paging, filter, id and export rules as the built-in ones.
 */
public final class ResourceDefinition {

	public final String folder;

	public final String name;

	/** Singular name used in messages, such as {@code Technician}. */
	public String label;

	/** Id of the first record that comes without one, and of the first created. */
	public long firstId = 90_000_001L;

	public final List<Map<String, @Nullable Object>> records = new ArrayList<>();

	public boolean create;

	public boolean update;

	public boolean delete;

	/** Whether {@code /{folder}/v2/tenant/{t}/export/{name}} serves the records as an export feed. */
	public boolean export = true;

	/** Names of the tenants that serve the resource; empty for every tenant. */
	public final List<String> tenants = new ArrayList<>();

	public ResourceDefinition(String folder, String name) {
		if (folder.isEmpty() || folder.contains("/") || name.isEmpty() || name.startsWith("/") || name.endsWith("/")) {
			throw new IllegalArgumentException("A resource needs a folder (one path segment) and a name, such as "
					+ "settings and technicians; got '" + folder + "' and '" + name + "'");
		}
		this.folder = folder;
		this.name = name;
		this.label = singular(name);
	}

	/** Key of the resource in a tenant's stores, {@code folder/name}. */
	public String key() {
		return this.folder + "/" + this.name;
	}

	public ResourceDefinition copy() {
		ResourceDefinition copy = new ResourceDefinition(this.folder, this.name);
		copy.label = this.label;
		copy.firstId = this.firstId;
		for (Map<String, @Nullable Object> record : this.records) {
			copy.records.add(Records.copy(record));
		}
		copy.create = this.create;
		copy.update = this.update;
		copy.delete = this.delete;
		copy.export = this.export;
		copy.tenants.addAll(this.tenants);
		return copy;
	}

	/** Whether a tenant of this name serves the resource. */
	public boolean servedIn(String tenant) {
		return this.tenants.isEmpty() || this.tenants.contains(tenant);
	}

	/** Whether some tenant would serve both this and the other definition. */
	boolean overlaps(ResourceDefinition other) {
		if (!key().equals(other.key())) {
			return false;
		}
		if (this.tenants.isEmpty() || other.tenants.isEmpty()) {
			return true;
		}
		for (String tenant : this.tenants) {
			if (other.tenants.contains(tenant)) {
				return true;
			}
		}
		return false;
	}

	private static String singular(String name) {
		String last = name.substring(name.lastIndexOf('/') + 1);
		String word = last.endsWith("s") ? last.substring(0, last.length() - 1) : last;
		return word.isEmpty() ? "Record" : Character.toUpperCase(word.charAt(0)) + word.substring(1);
	}

}
