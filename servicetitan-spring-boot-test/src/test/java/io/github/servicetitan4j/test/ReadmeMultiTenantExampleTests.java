package io.github.servicetitan4j.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's complete multi-tenant app is {@code com.example.jobs} in this module's tests, where it compiles and its
 * test runs ({@code CompletedJobsTests}); the README shows each file exactly, from its package line on.
 */
class ReadmeMultiTenantExampleTests {

	@ParameterizedTest
	@ValueSource(strings = { "JobsApplication.java", "CompletedJobs.java", "CompletedJobsTests.java" })
	void theReadmeShowsTheExampleFileAsItCompilesAndRuns(String file) throws IOException {
		String source = Files.readString(Path.of("src/test/java/com/example/jobs", file), StandardCharsets.UTF_8);
		String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);

		assertThat(readme).as("README.md shows %s as it is in src/test/java/com/example/jobs", file)
			.contains(source.strip());
	}

}
