package io.github.servicetitan4j.test.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorTransformerTests {

	@Test
	void whenCreatedByTheContainerThenSystemPropertiesConfigureTheEngine() {
		Map<String, String> properties = Map.of("servicetitan.simulator.customers", "4",
				"servicetitan.simulator.locations", "4", "servicetitan.simulator.jobs", "7",
				"servicetitan.simulator.app-key", "ak1.container", "servicetitan.simulator.rate-limit", "0");
		properties.forEach(System::setProperty);
		try {
			SimulatorEngine engine = new SimulatorTransformer().engine();

			assertThat(engine.tenant().jobs().size()).isEqualTo(7);
			assertThat(engine.tenant().customers().size()).isEqualTo(4);
			assertThat(engine.settings().appKey).isEqualTo("ak1.container");
			assertThat(engine.settings().rateLimit).isZero();
			assertThat(engine.settings().clientId).isEqualTo(SimulatorSettings.DEFAULT_CLIENT_ID);
		}
		finally {
			properties.keySet().forEach(System::clearProperty);
		}
	}

	@Test
	void whenRegisteredThenItIsTheTransformerTheCatchAllMappingNamesAndNotGlobal() throws IOException {
		SimulatorTransformer transformer = new SimulatorTransformer(new SimulatorEngine(new SimulatorSettings()));
		Map<String, @Nullable Object> mapping;
		try (InputStream in = getClass().getResourceAsStream("servicetitan-simulator-mapping.json")) {
			mapping = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}

		assertThat(transformer.applyGlobally()).isFalse();
		assertThat(mapping).containsEntry("priority", 10L);
		assertThat(mapping.get("response")).isEqualTo(Map.of("transformers", List.of(transformer.getName())));
	}

}
