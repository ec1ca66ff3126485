package io.github.servicetitan4j.architecture;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.errors.ServiceTitanException;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the packages of the autoconfigure module may use each other, as {@code ARCHITECTURE.md} draws it ("Packages and
 * their layers"): no cycle between any two packages (the root package {@code io.github.servicetitan4j} included), and
 * no package uses one drawn above it or beside it.
 */
@AnalyzeClasses(packages = "io.github.servicetitan4j", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageArchitectureTests {

	private static final String ROOT = "io.github.servicetitan4j";

	/**
	 * One slice per package, named by the package itself: a pattern such as {@code io.github.servicetitan4j.(*)..}
	 * would leave the classes of the root package out of every slice, and with them the cycles through the client.
	 */
	static final SliceAssignment PACKAGES = new SliceAssignment() {

		@Override
		public SliceIdentifier getIdentifierOf(JavaClass type) {
			String name = type.getPackageName();
			return (name.equals(ROOT) || name.startsWith(ROOT + ".")) ? SliceIdentifier.of(name)
					: SliceIdentifier.ignore();
		}

		@Override
		public String getDescription() {
			return "every package under " + ROOT + ", the root package included";
		}

	};

	@ArchTest
	static final ArchRule noCyclesBetweenPackages = slices().assignedFrom(PACKAGES)
		.should()
		.beFreeOfCycles()
		.because("a cycle makes two packages one; a static hook installed from one into the other is a cycle too");

	/**
	 * The drawing of {@code ARCHITECTURE.md}, top to bottom; packages of one row do not use each other, and a package
	 * may use only the rows below its own.
	 */
	static final List<List<String>> LAYERS = List.of(
			List.of("autoconfigure.actuate", "autoconfigure.health", "autoconfigure.observation",
					"autoconfigure.webhook"),
			List.of("autoconfigure"), List.of("health", "observation"), List.of(""), List.of("internal.auth"),
			List.of("internal"), List.of("ratelimit", "export"), List.of("errors"), List.of("retry", "auth", "webhook"));

	@ArchTest
	static final ArchRule noPackageUsesOneAboveIt = layers()
		.because("ARCHITECTURE.md draws these layers; a package that reaches up or sideways makes a cycle sooner or "
				+ "later");

	/** One ArchUnit layer per package, each accessible only from the packages of the rows above its own. */
	private static LayeredArchitecture layers() {
		LayeredArchitecture architecture = layeredArchitecture().consideringOnlyDependenciesInLayers();
		for (List<String> row : LAYERS) {
			for (String name : row) {
				architecture = architecture.layer(layerName(name)).definedBy(packageOf(name));
			}
		}
		for (int i = 0; i < LAYERS.size(); i++) {
			List<String> above = LAYERS.subList(0, i)
				.stream()
				.flatMap(List::stream)
				.map(PackageArchitectureTests::layerName)
				.toList();
			for (String name : LAYERS.get(i)) {
				architecture = above.isEmpty() ? architecture.whereLayer(layerName(name)).mayNotBeAccessedByAnyLayer()
						: architecture.whereLayer(layerName(name))
							.mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
			}
		}
		return architecture;
	}

	private static String layerName(String name) {
		return name.isEmpty() ? "(root)" : name;
	}

	private static String packageOf(String name) {
		return name.isEmpty() ? ROOT : ROOT + "." + name;
	}

	@Test
	void theLayersSeeTheDependenciesBetweenPackages() {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
			.importPackages(ROOT);
		// Drawn upside down, the same packages break the rule: it is not vacuously true.
		ArchRule upsideDown = layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("Client")
			.definedBy(ROOT)
			.layer("Errors")
			.definedBy(ROOT + ".errors")
			.whereLayer("Errors")
			.mayNotBeAccessedByAnyLayer();
		assertThat(upsideDown.evaluate(classes).hasViolation()).isTrue();
		assertThat(noCyclesBetweenPackages.evaluate(classes).hasViolation()).isFalse();
	}

	@Test
	void theRootPackageIsASliceOfItsOwn() {
		JavaClasses classes = new ClassFileImporter().importClasses(ServiceTitanClient.class,
				ServiceTitanException.class);
		assertThat(PACKAGES.getIdentifierOf(classes.get(ServiceTitanClient.class)))
			.isEqualTo(SliceIdentifier.of(ROOT));
		assertThat(PACKAGES.getIdentifierOf(classes.get(ServiceTitanException.class)))
			.isEqualTo(SliceIdentifier.of(ROOT + ".errors"));
	}

}
