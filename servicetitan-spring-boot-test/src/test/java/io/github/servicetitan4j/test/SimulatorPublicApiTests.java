package io.github.servicetitan4j.test;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator module's public API stays what tests use: at most {@link #PUBLIC_TYPE_CEILING} public top-level types
 * outside {@code io.github.servicetitan4j.test.internal}, as the autoconfigure module's
 * {@code PublicApiArchitectureTests} counts its own.
 */
class SimulatorPublicApiTests {

	/** Raise it only with a type tests need, and say why in its javadoc. */
	static final int PUBLIC_TYPE_CEILING = 15;

	@Test
	void theModuleKeepsItsPublicTypesUnderTheCeiling() throws IOException, URISyntaxException {
		Path classes = Path.of(ServiceTitanSimulator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		List<String> publicTypes;
		try (Stream<Path> files = Files.walk(classes)) {
			publicTypes = files.map((file) -> classes.relativize(file).toString().replace('\\', '/'))
				.filter((name) -> name.endsWith(".class") && !name.contains("$"))
				.filter((name) -> !name.endsWith("package-info.class"))
				.map((name) -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
				.filter((name) -> !name.startsWith("io.github.servicetitan4j.test.internal."))
				.filter(SimulatorPublicApiTests::isPublic)
				.sorted()
				.toList();
		}
		assertThat(publicTypes).as("public top-level types outside internal")
			.contains(ServiceTitanSimulator.class.getName())
			.hasSizeLessThanOrEqualTo(PUBLIC_TYPE_CEILING);
	}

	private static boolean isPublic(String className) {
		try {
			return Modifier.isPublic(Class.forName(className, false, SimulatorPublicApiTests.class.getClassLoader())
				.getModifiers());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(className + " was compiled but cannot be loaded", ex);
		}
	}

}
