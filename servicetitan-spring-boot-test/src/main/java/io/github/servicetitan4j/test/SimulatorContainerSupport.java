package io.github.servicetitan4j.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import io.github.servicetitan4j.test.internal.SimulatorTransformer;

/**
 * What it takes to run the simulator inside the official {@code wiremock/wiremock} container instead of in the JVM:
 * the extension's jar for {@code /var/wiremock/extensions}, its class name for {@code --extensions}, and the one
 * catch-all mapping for {@code /home/wiremock/mappings}. With the Testcontainers WireMock module:
 * <pre>
 * new WireMockContainer("wiremock/wiremock:3.13.2")
 *     .withMappingFromJSON("servicetitan-simulator", SimulatorContainerSupport.mappingJson())
 *     .withExtensions("servicetitan-simulator", List.of(SimulatorContainerSupport.extensionClassName()),
 *             List.of(SimulatorContainerSupport.writeExtensionJar(tempDir).toFile()));
 * </pre>
 * The engine is compiled for Java 11 like the image's JRE and needs nothing beyond WireMock. In the container it is
 * configured by {@code servicetitan.simulator.*} system properties (set {@code JAVA_OPTS}) and driven through the
 * simulator's HTTP admin API, the same as the standalone program's: {@code admin(container.getBaseUrl())} gives reset,
 * faults, the clock, token expiry, the journal and the data.
 */
public final class SimulatorContainerSupport {

	private static final String ENGINE_PACKAGE = "io/github/servicetitan4j/test/internal/";

	private static final String MAPPING = ENGINE_PACKAGE + "servicetitan-simulator-mapping.json";

	private SimulatorContainerSupport() {
	}

	/**
	 * The admin API of a simulator running in a container, at its base URL (such as {@code getBaseUrl()}).
	 * @param baseUrl base URL of the container's WireMock
	 * @return admin client
	 */
	public static SimulatorAdmin admin(String baseUrl) {
		return SimulatorAdmin.at(java.net.URI.create(baseUrl));
	}

	/**
	 * Class to pass to WireMock's {@code --extensions}.
	 * @return class name
	 */
	public static String extensionClassName() {
		return SimulatorTransformer.class.getName();
	}

	/**
	 * The catch-all stub mapping, at low priority, that hands every request to the extension.
	 * @return mapping, as JSON
	 */
	public static String mappingJson() {
		try (InputStream in = SimulatorContainerSupport.class.getClassLoader().getResourceAsStream(MAPPING)) {
			if (in == null) {
				throw new IllegalStateException("Missing resource " + MAPPING);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes {@code servicetitan-simulator-extension.jar} (the engine's classes and the mapping, taken from the class
	 * path) into a directory and returns its path. The build also publishes the same content as the artifact with the
	 * {@code wiremock-extension} classifier.
	 * @param directory directory to write into, created when missing
	 * @return path of the jar
	 * @throws java.io.UncheckedIOException when the jar cannot be written
	 */
	public static Path writeExtensionJar(Path directory) {
		Path jar = directory.resolve("servicetitan-simulator-extension.jar");
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		try {
			Files.createDirectories(directory);
			try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
				copyEnginePackage(out);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + jar, ex);
		}
		return jar;
	}

	private static void copyEnginePackage(JarOutputStream out) throws IOException {
		Path location;
		try {
			location = Path.of(SimulatorTransformer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IOException("Cannot locate the simulator's classes", ex);
		}
		if (Files.isDirectory(location)) {
			List<Path> files = new ArrayList<>();
			try (Stream<Path> walk = Files.walk(location.resolve(ENGINE_PACKAGE))) {
				walk.filter(Files::isRegularFile).sorted().forEach(files::add);
			}
			for (Path file : files) {
				String name = location.relativize(file).toString().replace('\\', '/');
				out.putNextEntry(new JarEntry(name));
				Files.copy(file, out);
				out.closeEntry();
			}
			return;
		}
		try (JarFile source = new JarFile(location.toFile())) {
			Enumeration<JarEntry> entries = source.entries();
			while (entries.hasMoreElements()) {
				JarEntry entry = entries.nextElement();
				if (entry.getName().startsWith(ENGINE_PACKAGE) && !entry.isDirectory()) {
					out.putNextEntry(new JarEntry(entry.getName()));
					try (InputStream in = source.getInputStream(entry)) {
						in.transferTo(out);
					}
					out.closeEntry();
				}
			}
		}
	}

}
