package io.github.servicetitan4j.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the jar that users get, not the class path of the build: IDEs and Boot's own tooling read
 * {@code META-INF/spring-configuration-metadata.json} from it, and a build that forgets the annotation processor
 * still compiles and passes every unit test. Run by failsafe after {@code package}, so {@code ./mvnw verify} runs it.
 */
class PackagedJarIT {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static Path jar() {
		String location = System.getProperty("servicetitan.packaged-jar");
		assertThat(location).as("system property servicetitan.packaged-jar (set by the failsafe configuration)")
			.isNotBlank();
		Path jar = Path.of(location);
		assertThat(jar).as("packaged jar").isRegularFile();
		return jar;
	}

	private static List<JsonNode> properties(JarFile jar) throws IOException {
		ZipEntry entry = jar.getEntry(METADATA);
		assertThat(entry).as(METADATA + " in " + jar.getName()).isNotNull();
		try (InputStream in = jar.getInputStream(entry)) {
			List<JsonNode> properties = new ArrayList<>();
			JsonMapper.builder().build().readTree(in).path("properties").forEach(properties::add);
			return properties;
		}
	}

	@Test
	void thePackagedJarDescribesEveryServiceTitanProperty() throws IOException {
		try (JarFile jar = new JarFile(jar().toFile())) {
			List<JsonNode> properties = properties(jar);
			assertThat(properties).extracting((property) -> property.path("name").asString())
				.contains("servicetitan.client-id", "servicetitan.client-secret", "servicetitan.app-key",
						"servicetitan.tenant-id", "servicetitan.environment")
				.allSatisfy((name) -> assertThat(name).startsWith("servicetitan."));
			assertThat(properties).allSatisfy((property) -> assertThat(property.path("description").asString(""))
				.as("description of %s in the packaged metadata", property.path("name").asString())
				.isNotBlank());
		}
	}

	@Test
	void thePackagedJarHoldsTheSameMetadataAsTheBuild() throws IOException {
		try (JarFile jar = new JarFile(jar().toFile())) {
			Path built = Path.of("target", "classes", METADATA);
			assertThat(properties(jar)).hasSameSizeAs(
					JsonMapper.builder().build().readTree(Files.readString(built, StandardCharsets.UTF_8)).path("properties"));
		}
	}

	@Test
	void thePackagedJarRegistersTheAutoConfigurations() throws IOException {
		try (JarFile jar = new JarFile(jar().toFile())) {
			ZipEntry imports = jar
				.getEntry("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
			assertThat(imports).as("auto-configuration imports").isNotNull();
			try (InputStream in = jar.getInputStream(imports)) {
				assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
					.contains(ServiceTitanAutoConfiguration.class.getName());
			}
		}
	}

	@Test
	void thePackagedPomNamesTheModuleAndItsLicence() throws IOException {
		try (JarFile jar = new JarFile(jar().toFile())) {
			ZipEntry pom = jar.getEntry(
					"META-INF/maven/io.github.servicetitan4j/servicetitan-spring-boot-autoconfigure/pom.xml");
			assertThat(pom).as("pom.xml in the jar").isNotNull();
			try (InputStream in = jar.getInputStream(pom)) {
				assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("<name>", "<description>",
						"<name>Apache License, Version 2.0</name>");
			}
		}
	}

}
