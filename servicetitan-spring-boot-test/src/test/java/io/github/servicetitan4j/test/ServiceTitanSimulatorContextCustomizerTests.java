package io.github.servicetitan4j.test;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceTitanSimulatorContextCustomizerTests {

	private final ServiceTitanSimulatorContextCustomizerFactory factory = new ServiceTitanSimulatorContextCustomizerFactory();

	@Test
	void whenTheTestClassIsNotAnnotatedThenNoCustomizer() {
		assertThat(this.factory.createContextCustomizer(Plain.class, List.of())).isNull();
	}

	@Test
	void whenTwoClassesHaveEqualAnnotationsThenEqualCustomizersSoTheContextIsShared() {
		ContextCustomizer first = this.factory.createContextCustomizer(SmallA.class, List.of());
		ContextCustomizer second = this.factory.createContextCustomizer(SmallB.class, List.of());
		ContextCustomizer other = this.factory.createContextCustomizer(Larger.class, List.of());

		assertThat(first).isEqualTo(second).hasSameHashCodeAs(second).isNotEqualTo(other);
	}

	@Test
	void whenTheContextClosesThenTheSimulatorStops() {
		ContextCustomizer customizer = this.factory.createContextCustomizer(SmallA.class, List.of());
		ServiceTitanSimulator simulator;
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			customizer.customizeContext(context,
					new MergedContextConfiguration(SmallA.class, new String[0], new Class<?>[0], new String[0], null));
			context.refresh();
			simulator = context.getBean(ServiceTitanSimulator.class);
			assertThat(simulator.isRunning()).isTrue();
		}

		assertThat(simulator.isRunning()).isFalse();
	}

	static class Plain {

	}

	@AutoConfigureServiceTitanSimulator(customers = 2)
	static class SmallA {

	}

	@AutoConfigureServiceTitanSimulator(customers = 2)
	static class SmallB {

	}

	@AutoConfigureServiceTitanSimulator(customers = 3)
	static class Larger {

	}

}
