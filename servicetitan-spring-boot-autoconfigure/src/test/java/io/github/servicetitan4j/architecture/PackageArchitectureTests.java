package io.github.servicetitan4j.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
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
 * no package uses one drawn above it.
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

	@ArchTest
	static final ArchRule noPackageUsesOneAboveIt = layeredArchitecture().consideringOnlyDependenciesInLayers()
		.layer("Spring Boot integrations")
		.definedBy(ROOT + ".autoconfigure.actuate", ROOT + ".autoconfigure.health", ROOT + ".autoconfigure.observation")
		.layer("Auto-configuration")
		.definedBy(ROOT + ".autoconfigure")
		.layer("Health and observation")
		.definedBy(ROOT + ".health", ROOT + ".observation")
		.layer("Client")
		.definedBy(ROOT)
		.layer("Token client")
		.definedBy(ROOT + ".internal.auth")
		.layer("Internal")
		.definedBy(ROOT + ".internal")
		.layer("Rate limits and export stores")
		.definedBy(ROOT + ".ratelimit", ROOT + ".export")
		.layer("Errors")
		.definedBy(ROOT + ".errors")
		.layer("Settings and tokens")
		.definedBy(ROOT + ".retry", ROOT + ".auth")
		.whereLayer("Spring Boot integrations")
		.mayNotBeAccessedByAnyLayer()
		.whereLayer("Auto-configuration")
		.mayOnlyBeAccessedByLayers("Spring Boot integrations")
		.whereLayer("Health and observation")
		.mayOnlyBeAccessedByLayers("Spring Boot integrations", "Auto-configuration")
		.whereLayer("Client")
		.mayOnlyBeAccessedByLayers("Spring Boot integrations", "Auto-configuration", "Health and observation")
		.whereLayer("Token client")
		.mayOnlyBeAccessedByLayers("Spring Boot integrations", "Auto-configuration", "Health and observation", "Client")
		.whereLayer("Internal")
		.mayOnlyBeAccessedByLayers("Spring Boot integrations", "Auto-configuration", "Health and observation", "Client",
				"Token client")
		.whereLayer("Rate limits and export stores")
		.mayOnlyBeAccessedByLayers("Spring Boot integrations", "Auto-configuration", "Health and observation", "Client",
				"Token client", "Internal")
		.whereLayer("Errors")
		.mayOnlyBeAccessedByLayers("Spring Boot integrations", "Auto-configuration", "Health and observation", "Client",
				"Token client", "Internal", "Rate limits and export stores")
		.because("ARCHITECTURE.md draws these layers; a package that reaches up makes a cycle sooner or later");

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
		assertThat(slices().assignedFrom(PACKAGES).should().beFreeOfCycles().evaluate(classes).hasViolation()).isFalse();
	}

	@Test
	void theRootPackageIsASliceOfItsOwn() {
		JavaClasses classes = new ClassFileImporter().importClasses(ServiceTitanClient.class, ServiceTitanException.class);
		assertThat(PACKAGES.getIdentifierOf(classes.get(ServiceTitanClient.class)))
			.isEqualTo(SliceIdentifier.of(ROOT));
		assertThat(PACKAGES.getIdentifierOf(classes.get(ServiceTitanException.class)))
			.isEqualTo(SliceIdentifier.of(ROOT + ".errors"));
	}

}
