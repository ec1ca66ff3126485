package io.github.servicetitan4j.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import org.springframework.http.HttpMethod;
import org.springframework.web.client.RestClient;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The inside of the client keeps the shape {@code ARCHITECTURE.md} draws:
 * <ul>
 * <li>the client's parts never call back into the client: only the client itself (and its builder) and
 * {@code Arguments} (which asks it the tenant-id rule) depend on {@code ServiceTitanClient};</li>
 * <li>the context is a value: its components are final and none is a callback ({@code java.util.function});</li>
 * <li>one class sends API requests ({@code Sender}), one reads bodies held whole ({@code WholeBodyReader}, the only
 * user of {@code BoundedResponse}), and only the executor's parts read the redirect and status rules.</li>
 * </ul>
 */
@AnalyzeClasses(packages = "io.github.servicetitan4j", importOptions = ImportOption.DoNotIncludeTests.class)
class ClientInsideArchitectureTests {

	private static final String CLIENT = "io.github.servicetitan4j.ServiceTitanClient";

	private static final DescribedPredicate<JavaClass> THE_CLIENT_ITSELF = DescribedPredicate.describe(
			"the client and its nested classes",
			(type) -> type.getName().equals(CLIENT) || type.getName().startsWith(CLIENT + "$"));

	@ArchTest
	static final ArchRule thePartsNeverCallBackIntoTheClient = noClasses().that()
		.resideInAPackage("io.github.servicetitan4j")
		.and(DescribedPredicate.not(THE_CLIENT_ITSELF))
		.and()
		.doNotHaveFullyQualifiedName("io.github.servicetitan4j.Arguments")
		.should()
		.dependOnClassesThat()
		.haveFullyQualifiedName(CLIENT)
		.because("the builder hands every part the ClientContext once; none of them reaches back");

	@ArchTest
	static final ArchRule theContextIsAValueWithoutCallbacks = classes().that()
		.haveFullyQualifiedName("io.github.servicetitan4j.ClientContext")
		.should(new ArchCondition<>("hold only final fields, none of them a java.util.function callback") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				for (JavaField field : type.getFields()) {
					if (!field.getModifiers().contains(JavaModifier.FINAL)) {
						events.add(SimpleConditionEvent.violated(type, field.getFullName() + " is not final"));
					}
					if (field.getRawType().getPackageName().equals("java.util.function")) {
						events.add(SimpleConditionEvent.violated(type,
								field.getFullName() + " is a callback: " + field.getRawType().getName()));
					}
				}
			}

		});

	@ArchTest
	static final ArchRule onlyTheSenderSendsApiRequests = noClasses().that()
		.resideInAPackage("io.github.servicetitan4j")
		.and()
		.doNotHaveFullyQualifiedName("io.github.servicetitan4j.Sender")
		.should()
		.callMethod(RestClient.class, "method", HttpMethod.class)
		.because("one attempt (token, permit, app key, redirects, statuses) lives in one place");

	@ArchTest
	static final ArchRule onlyTheWholeBodyReaderBoundsBodies = noClasses().that()
		.doNotHaveFullyQualifiedName("io.github.servicetitan4j.WholeBodyReader")
		.and()
		.doNotHaveFullyQualifiedName("io.github.servicetitan4j.BoundedResponse")
		.and()
		.doNotHaveFullyQualifiedName("io.github.servicetitan4j.BoundedResponse$Counting")
		.should()
		.dependOnClassesThat()
		.haveFullyQualifiedName("io.github.servicetitan4j.BoundedResponse")
		.because("every read held whole in memory goes through one reader, bounded by max-response-size");

	@ArchTest
	static final ArchRule redirectAndStatusRulesBelongToTheSender = noClasses().that(DescribedPredicate.not(THE_CLIENT_ITSELF))
		.and()
		.doNotHaveFullyQualifiedName("io.github.servicetitan4j.Sender")
		.and()
		.doNotHaveFullyQualifiedName("io.github.servicetitan4j.Sender$Hop")
		.should()
		.dependOnClassesThat()
		.haveFullyQualifiedName("io.github.servicetitan4j.Redirects")
		.orShould()
		.dependOnClassesThat()
		.haveFullyQualifiedName("io.github.servicetitan4j.ProblemReader")
		.because("the executor's parts each own one rule; ServiceTitanClient only builds them");

}
