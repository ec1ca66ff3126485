package io.github.servicetitan4j.openapi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Readable Java class names for ServiceTitan's schema names. The specs name schemas after their .NET namespaces
 * ({@code Jpm.V2.JobResponse}, {@code Crm.V2.Locations.AddressPatchModel}, generic
 * {@code CollectionResult_Of_Pricebook.V2.MaterialsMarkupResponse}); the class keeps the last segment
 * ({@code JobResponse}) and takes one more segment, from the right, only where two schemas of one spec (or a
 * schema and a type the generated code uses, such as {@code Page} or {@code String}) would otherwise share a name,
 * so {@code Crm.V2.AddressPatchModel} and {@code Crm.V2.Locations.AddressPatchModel} become
 * {@code V2AddressPatchModel} and {@code LocationsAddressPatchModel}.
 */
final class JavaNames {

	/** Names the generated files use unqualified: a model of that name would shadow them. */
	static final Set<String> TAKEN = Set.of("Page", "ExportPage", "ExportStream", "ExportOptions", "Stream",
			"Resource", "List", "Map", "Set", "Objects", "Arrays", "Locale", "OffsetDateTime", "LocalDate", "LocalTime",
			"BigDecimal", "BigInteger", "UUID", "URI", "Generated", "JsonProperty", "JsonCreator", "JsonValue",
			"JsonInclude", "JsonIgnoreProperties", "Object", "String", "Integer", "Long", "Short", "Byte", "Double",
			"Float", "Boolean", "Character", "Void", "Class", "Enum", "Record", "Number", "Math", "System",
			"Override", "Deprecated", "Exception", "RuntimeException", "Error", "Iterable", "Runnable", "Thread");

	private static final String GENERIC = "_Of_";

	private JavaNames() {
	}

	/**
	 * Maps every schema name to a class name, unique within the spec, ignoring case (so the files are distinct on
	 * case-insensitive file systems too).
	 * @param schemaNames the component schema names of one spec
	 * @return schema name to class name, in the order given
	 */
	static Map<String, String> of(Collection<String> schemaNames) {
		Map<String, Integer> depth = new LinkedHashMap<>();
		schemaNames.forEach((name) -> depth.put(name, 1));
		for (int round = 0; round < 16; round++) {
			Map<String, List<String>> byName = group(depth);
			boolean grew = false;
			for (List<String> same : byName.values()) {
				boolean clash = same.size() > 1 || TAKEN.contains(candidate(same.get(0), depth.get(same.get(0))));
				if (!clash) {
					continue;
				}
				for (String name : same) {
					if (depth.get(name) < maxDepth(name)) {
						depth.put(name, depth.get(name) + 1);
						grew = true;
					}
				}
			}
			if (!grew) {
				break;
			}
		}
		Map<String, String> names = new LinkedHashMap<>();
		Map<String, Integer> used = new HashMap<>();
		for (Map.Entry<String, Integer> entry : depth.entrySet()) {
			String name = candidate(entry.getKey(), entry.getValue());
			if (TAKEN.contains(name)) {
				name = name + "Model";
			}
			// Still equal after every segment is used: the schema names differ only in punctuation or case
			int seen = used.merge(name.toLowerCase(Locale.ROOT), 1, Integer::sum);
			names.put(entry.getKey(), (seen == 1) ? name : name + seen);
		}
		return names;
	}

	private static Map<String, List<String>> group(Map<String, Integer> depth) {
		Map<String, List<String>> byName = new LinkedHashMap<>();
		depth.forEach((name, d) -> byName.computeIfAbsent(candidate(name, d).toLowerCase(Locale.ROOT),
				(key) -> new ArrayList<>()).add(name));
		return byName;
	}

	private static int maxDepth(String schemaName) {
		int max = 1;
		for (String part : schemaName.split(GENERIC)) {
			max = Math.max(max, part.split("\\.").length);
		}
		return max;
	}

	/** The last {@code depth} segments of every part of a generic name, each part camel-cased, joined by "Of". */
	static String candidate(String schemaName, int depth) {
		StringBuilder name = new StringBuilder();
		String[] parts = schemaName.split(GENERIC);
		for (int i = 0; i < parts.length; i++) {
			if (i > 0) {
				name.append("Of");
			}
			String[] segments = parts[i].split("\\.");
			for (int s = Math.max(0, segments.length - depth); s < segments.length; s++) {
				name.append(camel(segments[s]));
			}
		}
		if (name.length() == 0) {
			return "Model";
		}
		return Character.isJavaIdentifierStart(name.charAt(0)) ? name.toString() : "Model" + name;
	}

	/** {@code RepeatFrequency_Int32} to {@code RepeatFrequencyInt32}, {@code my-type} to {@code MyType}. */
	static String camel(String segment) {
		StringBuilder out = new StringBuilder();
		boolean upper = true;
		for (int i = 0; i < segment.length(); i++) {
			char c = segment.charAt(i);
			if (c < 128 && Character.isLetterOrDigit(c)) {
				out.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
			else {
				upper = true;
			}
		}
		return out.toString();
	}

}
