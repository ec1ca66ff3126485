package io.github.servicetitan4j.observation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.github.servicetitan4j.health.ServiceTitanHealthIndicator;
import io.github.servicetitan4j.observation.ServiceTitanObservationDocumentation.DocumentedKeyName;
import io.micrometer.common.docs.KeyName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "Monitoring" tables of docs/observability.md are rendered from {@link ServiceTitanObservationDocumentation},
 * {@link ServiceTitanMeterDocumentation} and {@link ServiceTitanHealthIndicator.Detail}, so they cannot drift. On a
 * mismatch the rendered text is in {@code target/monitoring.md}, ready to paste between the markers.
 */
class MonitoringDocumentationTests {

	static final String BEGIN = "<!-- monitoring:begin (rendered by MonitoringDocumentationTests; do not edit) -->";

	static final String END = "<!-- monitoring:end -->";

	@Test
	void theMonitoringPageMatchesTheDocumentationEnums() throws IOException {
		String rendered = render();
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target", "monitoring.md"), rendered, StandardCharsets.UTF_8);
		String readme = Files.readString(Path.of("..", "docs", "observability.md"), StandardCharsets.UTF_8);

		assertThat(readme).contains(BEGIN, END);
		String section = readme.substring(readme.indexOf(BEGIN) + BEGIN.length(), readme.indexOf(END));
		assertThat(section.strip()).as("docs/observability.md monitoring tables (see target/monitoring.md)").isEqualTo(rendered.strip());
	}

	static String render() {
		StringBuilder out = new StringBuilder();
		for (ServiceTitanObservationDocumentation observation : ServiceTitanObservationDocumentation.values()) {
			out.append("#### `").append(observation.getName()).append("` (timer and span)\n\n");
			out.append(observation.description()).append(".\n\n");
			out.append("| Tag | Values |\n|---|---|\n");
			keys(out, observation.getLowCardinalityKeyNames(), "");
			keys(out, ServiceTitanObservationDocumentation.TimerKeys.values(), " (timer only)");
			keys(out, observation.getHighCardinalityKeyNames(), " (span only)");
			out.append('\n');
		}
		for (ServiceTitanMeterDocumentation meter : ServiceTitanMeterDocumentation.values()) {
			out.append("#### `").append(meter.getName()).append("` (").append(meter.getType().name().toLowerCase(Locale.ROOT))
				.append(")\n\n");
			out.append(meter.description()).append(".\n\n");
			out.append("| Tag | Values |\n|---|---|\n");
			keys(out, meter.getKeyNames(), "");
			out.append('\n');
		}
		out.append("#### Health details (`/actuator/health/servicetitan`)\n\n");
		out.append("| Detail | Value |\n|---|---|\n");
		for (ServiceTitanHealthIndicator.Detail detail : ServiceTitanHealthIndicator.Detail.values()) {
			out.append("| `").append(detail.key()).append("` | ").append(detail.description()).append(" |\n");
		}
		return out.toString();
	}

	private static void keys(StringBuilder out, KeyName[] keys, String suffix) {
		for (KeyName key : keys) {
			out.append("| `").append(key.asString()).append('`').append(suffix).append(" | ")
				.append(((DocumentedKeyName) key).description()).append(" |\n");
		}
	}

}
