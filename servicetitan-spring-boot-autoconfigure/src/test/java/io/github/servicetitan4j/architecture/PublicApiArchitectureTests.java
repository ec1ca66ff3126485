package io.github.servicetitan4j.architecture;

import java.util.Set;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.github.servicetitan4j.ServiceTitanException;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

/**
 * The public API is what users use; everything else is package-private or lives in {@code ..internal..}. These rules
 * keep it so:
 * <ul>
 * <li>no public or protected signature of a public type outside {@code internal} (supertypes, fields, constructors,
 * methods, their generic arguments and thrown types) names an internal type, so internals never become API by
 * accident;</li>
 * <li>the auto-configuration ({@code ..autoconfigure..}) uses the public API only, never {@code internal}: what it
 * wires is what a user without Spring Boot can wire too;</li>
 * <li>the client does not depend on its Spring Boot auto-configuration, so it stays usable without it;</li>
 * <li>exceptions have no public mutator ({@code withAttempts} was one).</li>
 * </ul>
 */
@AnalyzeClasses(packages = "io.github.servicetitan4j", importOptions = ImportOption.DoNotIncludeTests.class)
class PublicApiArchitectureTests {

	private static final String INTERNAL = "io.github.servicetitan4j.internal..";

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

	@ArchTest
	static final ArchRule autoConfigurationUsesThePublicApiOnly = noClasses().that()
		.resideInAPackage("io.github.servicetitan4j.autoconfigure..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage(INTERNAL)
		.because("the auto-configuration wires only what a user without Spring Boot could wire: the public API");

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
