package io.github.servicetitan4j.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated configuration metadata describes every property, and the documentation (the README and the pages
 * under docs/) has a table row for every one of them, so that neither can drift from the code.
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
	void theDocumentationDocumentsEveryProperty() throws IOException {
		StringBuilder pages = new StringBuilder(Files.readString(Path.of("..", "README.md")));
		try (Stream<Path> docs = Files.list(Path.of("..", "docs"))) {
			for (Path page : docs.filter((path) -> path.toString().endsWith(".md")).sorted().toList()) {
				pages.append(Files.readString(page));
			}
		}
		String documentation = pages.toString();
		assertThat(properties()).allSatisfy((property) -> assertThat(documentation)
			.as("README.md or docs/*.md row for " + property.path("name").asString())
			.contains("| `" + property.path("name").asString() + "` |"));
	}

}
