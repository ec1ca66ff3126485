package io.github.servicetitan4j.test.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Records of a declared resource read from JSON: an array of objects, or an object whose {@code data} array holds
 * them (a page as ServiceTitan sends it, so a captured response can serve as a fixture).
 */
public final class ResourceFiles {

	private ResourceFiles() {
	}

	/**
	 * Reads records from a class-path resource or, when there is none, a file.
	 * @throws IllegalArgumentException naming the location when it cannot be found or read, or holds no records
	 */
	public static List<Map<String, @Nullable Object>> read(String location, @Nullable ClassLoader classLoader) {
		String text;
		try {
			text = text(location, (classLoader != null) ? classLoader : ResourceFiles.class.getClassLoader());
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Cannot read records from " + location + ": " + ex.getMessage(), ex);
		}
		Object value;
		try {
			value = Json.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Records in " + location + " are not valid JSON: " + ex.getMessage(),
					ex);
		}
		if (value instanceof Map && ((Map<?, ?>) value).get("data") instanceof List) {
			value = ((Map<?, ?>) value).get("data");
		}
		if (!(value instanceof List)) {
			throw new IllegalArgumentException(
					"Records in " + location + " must be a JSON array of objects, or an object with a data array");
		}
		List<Map<String, @Nullable Object>> records = new ArrayList<>();
		int index = 0;
		for (Object item : (List<?>) value) {
			if (!(item instanceof Map)) {
				throw new IllegalArgumentException("Record " + index + " in " + location + " is not a JSON object");
			}
			records.add(Records.copy(asRecord((Map<?, ?>) item)));
			index++;
		}
		return records;
	}

	/**
	 * A declaration such as {@code settings/technicians=fixtures/technicians.json} (read-only) or
	 * {@code settings/technicians:crud=...} (with create, update and delete), as system properties and command-line
	 * options give it.
	 */
	public static ResourceDefinition declaration(String text) {
		int equals = text.indexOf('=');
		String path = (equals >= 0) ? text.substring(0, equals).trim() : text.trim();
		boolean crud = path.endsWith(":crud");
		if (crud) {
			path = path.substring(0, path.length() - ":crud".length());
		}
		int slash = path.indexOf('/');
		if (slash <= 0) {
			throw new IllegalArgumentException(
					"A resource is declared as folder/name[:crud][=records.json], such as settings/technicians=technicians.json; got '"
							+ text + "'");
		}
		ResourceDefinition definition = new ResourceDefinition(path.substring(0, slash), path.substring(slash + 1));
		definition.create = crud;
		definition.update = crud;
		definition.delete = crud;
		if (equals >= 0) {
			definition.records.addAll(read(text.substring(equals + 1).trim(), null));
		}
		return definition;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, @Nullable Object> asRecord(Map<?, ?> item) {
		return (Map<String, @Nullable Object>) item;
	}

	private static String text(String location, ClassLoader classLoader) throws IOException {
		String name = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
		String resource = name.startsWith("/") ? name.substring(1) : name;
		try (InputStream in = classLoader.getResourceAsStream(resource)) {
			if (in != null) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
		Path file = Paths.get(name);
		if (!location.startsWith("classpath:") && Files.isRegularFile(file)) {
			return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
		}
		throw new IOException("no such class-path resource or file");
	}

}
