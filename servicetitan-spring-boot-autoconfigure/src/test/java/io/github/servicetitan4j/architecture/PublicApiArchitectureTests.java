package io.github.servicetitan4j.architecture;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.github.servicetitan4j.errors.ServiceTitanException;
import io.github.servicetitan4j.internal.RetryPolicy;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public API is what users use; everything else is package-private or lives in {@code ..internal..}. These rules
 * keep it so:
 * <ul>
 * <li>no public or protected signature of a public type outside {@code internal} (supertypes, fields, constructors,
 * methods, their generic arguments and thrown types) names an internal type, so internals never become API by
 * accident;</li>
 * <li>the auto-configuration packages keep their wiring package-private beside the auto-configuration that uses it,
 * as Spring Boot's own modules do ({@code PropertiesDataRedisConnectionDetails}, the Redis connection
 * configurations): what is public there is an auto-configuration, the properties, or a type users implement or
 * construct (customizers, connection details, tenant sources and their connections);</li>
 * <li>the client does not depend on its Spring Boot auto-configuration, so it stays usable without it;</li>
 * <li>exceptions have no public mutator ({@code withAttempts} was one), and the attempts of a call are recorded by the
 * client's retry policy alone;</li>
 * <li>each module has at most so many public top-level types outside {@code internal} (a ceiling raised only on
 * purpose, with the type's reason in {@code ARCHITECTURE.md}).</li>
 * </ul>
 */
@AnalyzeClasses(packages = "io.github.servicetitan4j", importOptions = ImportOption.DoNotIncludeTests.class)
class PublicApiArchitectureTests {

	private static final String INTERNAL_PACKAGE = "io.github.servicetitan4j.internal";

	private static final DescribedPredicate<JavaClass> PUBLIC_API_TYPES = DescribedPredicate.describe(
			"public types outside io.github.servicetitan4j.internal",
			(type) -> isVisible(type) && !type.getPackageName().startsWith("io.github.servicetitan4j.internal")
					&& !type.getPackageName().startsWith("io.github.servicetitan4j.test"));

	@ArchTest
	static final ArchRule publicSignaturesExposeNoInternalType = classes().that(PUBLIC_API_TYPES)
		.should(new ArchCondition<>("expose no internal type in a public or protected signature") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				Stream.concat(Stream.of(type.getSuperclass().orElse(null)), type.getInterfaces().stream())
					.filter((supertype) -> supertype != null)
					.forEach((supertype) -> report(events, type, type.getFullName() + " extends or implements", supertype));
				for (JavaMember member : type.getMembers()) {
					if (!isVisible(member)) {
						continue;
					}
					if (member instanceof JavaField field) {
						report(events, type, field.getFullName(), field.getType());
					}
					if (member instanceof JavaCodeUnit code) {
						report(events, type, code.getFullName(), code.getReturnType());
						code.getParameterTypes().forEach((parameter) -> report(events, type, code.getFullName(), parameter));
						code.getThrowsClause()
							.getTypes()
							.forEach((thrown) -> report(events, type, code.getFullName(), thrown));
					}
				}
			}

		});

	/**
	 * Public top-level types of this module outside {@code internal}; {@code ARCHITECTURE.md} says what each is for.
	 * Raise it only with a type users need, and say why there. 46: {@code ServiceTitanHttpServiceAutoConfiguration}
	 * (issue 20), an auto-configuration of its own because typed-interface beans must exist whatever the credential
	 * properties say, and the home of the group name users write in {@code @ImportHttpServices}.
	 */
	static final int PUBLIC_TYPE_CEILING = 46;

	@ArchTest
	static final ArchRule autoConfigurationKeepsItsWiringPackagePrivate = classes().that()
		.resideInAPackage("io.github.servicetitan4j.autoconfigure..")
		.and()
		.arePublic()
		.and()
		.areTopLevelClasses()
		.should(new ArchCondition<>("be an auto-configuration, the properties, or an interface or record users use") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				boolean api = type.isAnnotatedWith(AutoConfiguration.class)
						|| type.isAnnotatedWith(ConfigurationProperties.class) || type.isInterface() || type.isRecord();
				if (!api) {
					events.add(SimpleConditionEvent.violated(type, type.getName()
							+ " is public wiring: make it package-private beside the auto-configuration that uses it"));
				}
			}

		})
		.because("Spring Boot keeps wiring package-private beside its auto-configuration; users who build by hand "
				+ "use the factories on the client's interfaces");

	@ArchTest
	static final ArchRule onlyTheRetryPolicyRecordsAttempts = noClasses().that()
		.doNotBelongToAnyOf(RetryPolicy.class)
		.should()
		.callMethod(ServiceTitanException.class, "recordAttempts", List.class, String.class)
		.because("the attempts of a call are what the retry policy saw; the exception takes them from it, once, "
				+ "before it is thrown (a parameter handed over, not a hook installed)");

	@ArchTest
	static final ArchRule theClientDoesNotDependOnItsAutoConfiguration = noClasses().that()
		.resideOutsideOfPackage("io.github.servicetitan4j.autoconfigure..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.github.servicetitan4j.autoconfigure..")
		.because("the client is usable without Spring Boot (ServiceTitanClient.builder())");

	@ArchTest
	static final ArchRule exceptionsCannotBeChangedAfterTheFact = noMethods().that()
		.areDeclaredInClassesThat()
		.areAssignableTo(ServiceTitanException.class)
		.and()
		.arePublic()
		.should()
		.haveNameMatching("(with|set).*")
		.because("only the client's retry policy records attempts, once, before the exception is thrown");

	/** Packages of the module's optional dependencies. */
	private static final List<String> OPTIONAL_LIBRARIES = List.of("io.github.bucket4j", "io.lettuce",
			"org.springframework.integration", "org.springframework.data.redis", "org.springframework.jdbc",
			"io.micrometer.core");

	@ArchTest
	static final ArchRule interfacesUsersImplementNameNoOptionalLibrary = classes().that(PUBLIC_API_TYPES)
		.and()
		.areInterfaces()
		.and()
		.resideOutsideOfPackage("io.github.servicetitan4j.autoconfigure..")
		.should(new ArchCondition<>("name no optional library in a method's parameters or result") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				for (JavaMethod method : type.getMethods()) {
					Stream.concat(Stream.of(method.getRawReturnType()), method.getRawParameterTypes().stream())
						.filter((raw) -> OPTIONAL_LIBRARIES.stream()
							.anyMatch((library) -> raw.getPackageName().startsWith(library)))
						.forEach((raw) -> events.add(SimpleConditionEvent.violated(type,
								method.getFullName() + " names " + raw.getName() + ", of an optional library")));
				}
			}

		})
		.because("Spring introspects the interfaces of an application's bean (a lambda ExportLeases, say); a method "
				+ "naming a library the application does not have fails it with NoClassDefFoundError");

	@Test
	void theModuleKeepsItsPublicTypesUnderTheCeiling() {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
			.importPackages("io.github.servicetitan4j");
		List<String> publicTypes = classes.stream()
			.filter(JavaClass::isTopLevelClass)
			.filter((type) -> type.getModifiers().contains(JavaModifier.PUBLIC))
			.filter((type) -> !type.getPackageName().startsWith(INTERNAL_PACKAGE))
			.map(JavaClass::getName)
			.sorted()
			.toList();
		assertThat(publicTypes).as("public top-level types outside internal")
			.hasSizeLessThanOrEqualTo(PUBLIC_TYPE_CEILING);
	}

	private static void report(ConditionEvents events, JavaClass owner, String where, JavaType type) {
		Set<JavaClass> involved = type.getAllInvolvedRawTypes();
		for (JavaClass raw : involved) {
			if (raw.getPackageName().startsWith("io.github.servicetitan4j.internal")) {
				events.add(SimpleConditionEvent.violated(owner, where + " exposes internal type " + raw.getName()));
			}
		}
	}

	private static boolean isVisible(JavaClass type) {
		if (!type.getModifiers().contains(JavaModifier.PUBLIC)) {
			return false;
		}
		return type.getEnclosingClass().map(PublicApiArchitectureTests::isVisible).orElse(true);
	}

	private static boolean isVisible(JavaMember member) {
		Set<JavaModifier> modifiers = member.getModifiers();
		return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
	}

}
