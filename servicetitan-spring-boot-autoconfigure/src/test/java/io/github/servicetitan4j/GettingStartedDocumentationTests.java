package io.github.servicetitan4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Getting started" is what a new user copies: its Java snippets compile as shown, imports included,
 * against the starter's class path, and it says how to install the starter before the first release.
 */
class GettingStartedDocumentationTests {

	private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

	private static String gettingStarted() throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
		int start = readme.indexOf("## Getting started");
		assertThat(start).as("Getting started section").isNotNegative();
		int end = readme.indexOf("\n## ", start + 1);
		return readme.substring(start, (end > 0) ? end : readme.length());
	}

	@Test
	void gettingStartedSaysHowToInstallTheStarterAndWhichJsonNodeItUses() throws IOException {
		String section = gettingStarted();

		assertThat(section).contains("./mvnw -q install -DskipTests")
			.contains("Until the first release is published")
			.contains("tools.jackson.databind.JsonNode");
	}

	@Test
	void gettingStartedJavaSnippetsCompileAsShown(@TempDir Path sources) throws IOException {
		List<String> files = new ArrayList<>();
		Matcher block = JAVA_BLOCK.matcher(gettingStarted());
		while (block.find()) {
			Matcher type = Pattern.compile("(?m)^(?:public )?(?:final )?(?:class|record|interface) (\\w+)")
				.matcher(block.group(1));
			assertThat(type.find()).as("a type declaration in %s", block.group(1)).isTrue();
			Path file = sources.resolve(type.group(1) + ".java");
			Files.writeString(file, block.group(1), StandardCharsets.UTF_8);
			files.add(file.toString());
		}
		assertThat(files).as("Java snippets in Getting started").isNotEmpty();

		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> arguments = new ArrayList<>(List.of("-proc:none", "-Xlint:all", "-Werror", "-classpath", classPath,
				"-d", sources.resolve("classes").toString()));
		arguments.addAll(files);
		int status = compiler.run(null, diagnostics, diagnostics, arguments.toArray(String[]::new));

		assertThat(status).as("javac %s%n%s", String.join(" ", files), diagnostics.toString(StandardCharsets.UTF_8))
			.isZero();
	}

}
