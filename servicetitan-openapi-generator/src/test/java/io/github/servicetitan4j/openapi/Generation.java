package io.github.servicetitan4j.openapi;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;

/** Runs the generator as the Maven plugin does, by name, and reads back the Java files it wrote. */
final class Generation {

	private Generation() {
	}

	static Map<String, String> run(String specResource, Path output) {
		CodegenConfigurator configurator = new CodegenConfigurator().setGeneratorName(ServiceTitanCodegen.NAME)
			.setInputSpec(specResource.startsWith("/") ? specResource : Path.of("src/test/resources", specResource).toString())
			.setOutputDir(output.toString())
			.setApiPackage("com.example.st.api")
			.setModelPackage("com.example.st.model");
		List<File> files = new DefaultGenerator().opts(configurator.toClientOptInput()).generate();
		Map<String, String> sources = new TreeMap<>();
		for (File file : files) {
			if (file.getName().endsWith(".java")) {
				sources.put(file.getName(), read(file.toPath()));
			}
		}
		return sources;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
