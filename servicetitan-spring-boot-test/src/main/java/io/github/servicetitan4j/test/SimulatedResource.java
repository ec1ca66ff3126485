package io.github.servicetitan4j.test;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.servicetitan4j.test.internal.ResourceDefinition;
import io.github.servicetitan4j.test.internal.ResourceFiles;

/**
 * An endpoint the simulator does not know by itself, declared by a test with its records: it is then served in every
 * tenant (or those of {@link #inTenants(String...)}) at {@code /{folder}/v2/tenant/{t}/{name}} by the same rules as the built-in resources,
 * and under any other version too ({@code /telecom/v3/tenant/{t}/calls}, as typed clients of the telecom spec call it).
 * <pre>
 * ServiceTitanSimulator.builder()
 *     .resource(SimulatedResource.of("settings", "technicians").fromJson("simulator/technicians.json"))
 *     .resource(SimulatedResource.of("crm", "bookings").record(Map.of("id", 1, "name", "Leak")).writable())
 *     .start();
 * </pre>
 * What it gets: paged lists ({@code page}, {@code pageSize}, {@code includeTotal}, {@code sort}, {@code ids},
 * {@code createdBefore} and friends, {@code active}), equality filters on any field, {@code GET {id}}, the export feed
 * {@code /{folder}/v2/tenant/{t}/export/{name}} and, when declared, {@code POST}, {@code PUT}, {@code PATCH} and
 * {@code DELETE}. Records without {@code id} get one from {@link #firstId(long)} on; without {@code createdOn},
 * {@code modifiedOn} or {@code active} they get the simulator's current time and {@code true}. Each
 * {@code reset()} brings back the declared records.
 */
public final class SimulatedResource {

	private final ResourceDefinition definition;

	private SimulatedResource(String folder, String name) {
		this.definition = new ResourceDefinition(folder, name);
	}

	/**
	 * A read-only resource without records yet.
	 * @param folder the API folder, such as {@code settings}
	 * @param name the endpoint, such as {@code technicians} or {@code customers/contacts}
	 * @throws IllegalArgumentException when either is empty or the folder is more than one path segment
	 * @return resource with no records yet
	 */
	public static SimulatedResource of(String folder, String name) {
		return new SimulatedResource(folder, name);
	}

	/**
	 * Adds one record (a JSON-like map: strings, numbers, booleans, nested maps and lists).
	 * @param record record; an {@code id} is given when it has none
	 * @return this resource
	 */
	public SimulatedResource record(Map<String, ? extends @Nullable Object> record) {
		return records(List.of(record));
	}

	/**
	 * Adds records.
	 * @param records records, each as for {@link #record(Map)}
	 * @return this resource
	 */
	public SimulatedResource records(List<? extends Map<String, ? extends @Nullable Object>> records) {
		for (Map<String, ? extends @Nullable Object> record : records) {
			@SuppressWarnings("unchecked")
			Map<String, @Nullable Object> map = (Map<String, @Nullable Object>) record;
			this.definition.records.add(map);
		}
		return this;
	}

	/**
	 * Adds the records of a JSON file: an array of objects, or a page ({@code {"data": [...]}}) as ServiceTitan sends
	 * it. The location is a class-path resource (the test's class path, such as {@code simulator/technicians.json}
	 * for {@code src/test/resources/simulator/technicians.json}) or else a file.
	 * @throws IllegalArgumentException naming the location when it is missing or does not hold records
	 * @param location class-path resource or file holding a JSON array of records
	 * @return this resource
	 */
	public SimulatedResource fromJson(String location) {
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		this.definition.records.addAll(ResourceFiles.read(location, loader));
		return this;
	}

	/**
	 * Singular name in messages such as "Technician with id 7 not found"; by default the name without its s.
	 * @param label singular name
	 * @return this resource
	 */
	public SimulatedResource label(String label) {
		this.definition.label = label;
		return this;
	}

	/**
	 * Id of the first record that comes without one, and of the first one created; 90000001 by default.
	 * @param firstId first id to give
	 * @return this resource
	 */
	public SimulatedResource firstId(long firstId) {
		this.definition.firstId = firstId;
		return this;
	}

	/**
	 * Allows {@code POST} to the list, creating a record from the body as given.
	 * @return this resource
	 */
	public SimulatedResource creatable() {
		this.definition.create = true;
		return this;
	}

	/**
	 * Allows {@code PATCH {id}} (merges the fields given) and {@code PUT {id}} (replaces the record's fields).
	 * @return this resource
	 */
	public SimulatedResource updatable() {
		this.definition.update = true;
		return this;
	}

	/**
	 * Allows {@code DELETE {id}}: the record leaves lists and the export feed delivers it once more as deleted.
	 * @return this resource
	 */
	public SimulatedResource deletable() {
		this.definition.delete = true;
		return this;
	}

	/**
	 * Allows create, update and delete.
	 * @return this resource
	 */
	public SimulatedResource writable() {
		return creatable().updatable().deletable();
	}

	/**
	 * Serves the resource only in these tenants (by name, {@link ServiceTitanSimulator#DEFAULT_TENANT} for the
	 * default one); by default every tenant serves it. The same folder and name can then be declared again, with
	 * other records, for other tenants.
	 * @param tenants tenant names
	 * @return this resource
	 */
	public SimulatedResource inTenants(String... tenants) {
		this.definition.tenants.addAll(List.of(tenants));
		return this;
	}

	/**
	 * Serves no export feed for this resource (404 at {@code export/{name}}), as for most endpoints upstream.
	 * @return this resource
	 */
	public SimulatedResource withoutExport() {
		this.definition.export = false;
		return this;
	}

	/**
	 * API folder the resource lives in, such as {@code settings}.
	 * @return folder
	 */
	public String folder() {
		return this.definition.folder;
	}

	/**
	 * Endpoint name, such as {@code technicians}.
	 * @return name
	 */
	public String name() {
		return this.definition.name;
	}

	/**
	 * Number of records declared so far.
	 * @return number of records
	 */
	public int size() {
		return this.definition.records.size();
	}

	ResourceDefinition definition() {
		return this.definition;
	}

	@Override
	public String toString() {
		return "SimulatedResource[" + this.definition.key() + ", " + size() + " records]";
	}

}
