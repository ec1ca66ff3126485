package io.github.servicetitan4j.test;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.jar.JarFile;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts WireMock the way the {@code wiremock/wiremock} container does: the extension created by its no-argument
 * constructor from the extension jar alone (loaded child-first, so nothing of the module's other classes can help),
 * and the catch-all mapping from JSON; then runs the {@link SimulatorScenario} that the container test runs.
 */
class SimulatorExtensionJarTests {

	private static final String ENGINE_PACKAGE = "io.github.servicetitan4j.test.internal.";

	@Test
	void whenTheExtensionJarRunsInAPlainWireMockThenTheSimulatorBehavesAsInTheContainer(@TempDir Path directory)
			throws Exception {
		Path jar = SimulatorContainerSupport.writeExtensionJar(directory);
		try (URLClassLoader loader = new EngineFirstClassLoader(jar.toUri().toURL())) {
			Class<?> type = loader.loadClass(SimulatorContainerSupport.extensionClassName());
			assertThat(type.getClassLoader()).isSameAs(loader);
			Extension extension = (Extension) type.getConstructor().newInstance();
			WireMockServer server = new WireMockServer(
					WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort().extensions(extension));
			server.start();
			try {
				server.addStubMapping(StubMapping.buildFrom(SimulatorContainerSupport.mappingJson()));

				SimulatorScenario.verify(URI.create("http://127.0.0.1:" + server.port()));
			}
			finally {
				server.stop();
			}
		}
	}

	@Test
	void whenTheExtensionJarIsWrittenThenItHoldsOnlyTheEngineAndTheMapping(@TempDir Path directory) throws IOException {
		try (JarFile jar = new JarFile(SimulatorContainerSupport.writeExtensionJar(directory).toFile())) {
			assertThat(jar.stream().map((entry) -> entry.getName()).filter((name) -> !name.startsWith("META-INF/")))
				.contains("io/github/servicetitan4j/test/internal/SimulatorTransformer.class",
						"io/github/servicetitan4j/test/internal/servicetitan-simulator-mapping.json")
				.allSatisfy((name) -> assertThat(name).startsWith("io/github/servicetitan4j/test/internal/")
					.doesNotContain("Tests"));
		}
	}

	/** Loads the engine's classes from the jar only; everything else (the JDK, WireMock) from the test class path. */
	private static final class EngineFirstClassLoader extends URLClassLoader {

		EngineFirstClassLoader(URL jar) {
			super(new URL[] { jar }, SimulatorExtensionJarTests.class.getClassLoader());
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (!name.startsWith(ENGINE_PACKAGE)) {
				return super.loadClass(name, resolve);
			}
			synchronized (getClassLoadingLock(name)) {
				Class<?> loaded = findLoadedClass(name);
				if (loaded == null) {
					loaded = findClass(name);
				}
				if (resolve) {
					resolveClass(loaded);
				}
				return loaded;
			}
		}

	}

}
