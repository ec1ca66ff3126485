package io.github.servicetitan4j.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated configuration metadata describes every property, and the README documents every one of them, so that
 * neither can drift from the code.
 */
class ConfigurationMetadataTests {

	private static List<JsonNode> properties() throws IOException {
		try (InputStream in = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated configuration metadata").isNotNull();
			List<JsonNode> properties = new ArrayList<>();
			JsonMapper.builder().build().readTree(in).path("properties").forEach(properties::add);
			return properties;
		}
	}

	@Test
	void everyPropertyHasADescription() throws IOException {
		List<JsonNode> properties = properties();
		assertThat(properties).isNotEmpty();
		assertThat(properties).allSatisfy((property) -> assertThat(property.path("description").asString(""))
			.as(property.path("name").asString())
			.isNotBlank());
	}

	@Test
	void theReadmeDocumentsEveryProperty() throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"));
		assertThat(properties()).allSatisfy((property) -> assertThat(readme)
			.as("README.md row for " + property.path("name").asString())
			.contains("| `" + property.path("name").asString() + "` |"));
	}

}
