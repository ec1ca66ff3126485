package io.github.servicetitan4j.observation;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard ({@code monitoring/grafana-dashboard.json}) queries only meters and tags that
 * {@link ServiceTitanObservationDocumentation} and {@link ServiceTitanMeterDocumentation} document, under the names
 * Micrometer's Prometheus registry gives them, so that the dashboard and the code cannot drift apart.
 */
class GrafanaDashboardTests {

	private static final Path DASHBOARD = Path.of("..", "monitoring", "grafana-dashboard.json");

	private static final Pattern SERIES = Pattern.compile("\\b(servicetitan_[a-z0-9_]+)\\s*(\\{([^}]*)})?");

	private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");

	private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*(servicetitan_[a-z0-9_]+)\\s*,\\s*(\\w+)\\s*\\)");

	/** Every Prometheus series the documented meters produce, with the labels each carries. */
	private static final Map<String, Set<String>> documentedSeries = new HashMap<>();

	private static JsonNode dashboard;

	@BeforeAll
	static void readDashboardAndDocumentation() {
		dashboard = JsonMapper.builder().build().readTree(DASHBOARD.toFile());
		for (ServiceTitanObservationDocumentation observation : ServiceTitanObservationDocumentation.values()) {
			document(observation.getName(), Meter.Type.TIMER, observation.getLowCardinalityKeyNames(),
					ServiceTitanObservationDocumentation.TimerKeys.values());
		}
		for (ServiceTitanMeterDocumentation meter : ServiceTitanMeterDocumentation.values()) {
			document(meter.getName(), meter.getType(), meter.getKeyNames());
		}
	}

	/**
	 * Micrometer's Prometheus naming: dots and dashes become underscores, a timer is in seconds and is exposed as
	 * {@code _seconds_count}, {@code _seconds_sum}, {@code _seconds_max} and, with a percentiles histogram,
	 * {@code _seconds_bucket} (with the {@code le} label); a counter ends in {@code _total}.
	 */
	private static void document(String meterName, Meter.Type type, KeyName[]... keys) {
		String base = meterName.toLowerCase(Locale.ROOT).replace('.', '_').replace('-', '_');
		Set<String> labels = Arrays.stream(keys).flatMap(Arrays::stream).map(KeyName::asString).collect(Collectors.toSet());
		switch (type) {
			case TIMER -> {
				for (String suffix : List.of("_seconds_count", "_seconds_sum", "_seconds_max")) {
					documentedSeries.put(base + suffix, labels);
				}
				Set<String> bucketLabels = new LinkedHashSet<>(labels);
				bucketLabels.add("le");
				documentedSeries.put(base + "_seconds_bucket", bucketLabels);
			}
			case COUNTER -> documentedSeries.put(base + "_total", labels);
			default -> throw new IllegalStateException("no Prometheus naming rule for " + type + " " + meterName);
		}
	}

	@Test
	void theNamingRuleIsWhatThePrometheusRegistryScrapes() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		for (ServiceTitanObservationDocumentation observation : ServiceTitanObservationDocumentation.values()) {
			Timer.builder(observation.getName())
				.tags(tags(observation.getLowCardinalityKeyNames(), ServiceTitanObservationDocumentation.TimerKeys.values()))
				.publishPercentileHistogram()
				.register(registry)
				.record(Duration.ofMillis(20));
		}
		for (ServiceTitanMeterDocumentation meter : ServiceTitanMeterDocumentation.values()) {
			switch (meter.getType()) {
				case TIMER -> Timer.builder(meter.getName())
					.tags(tags(meter.getKeyNames()))
					.publishPercentileHistogram()
					.register(registry)
					.record(Duration.ofMillis(20));
				case COUNTER -> Counter.builder(meter.getName()).tags(tags(meter.getKeyNames())).register(registry).increment();
				default -> throw new IllegalStateException(meter.getType().toString());
			}
		}
		String scrape = registry.scrape();
		documentedSeries.forEach((series, labels) -> {
			Matcher line = Pattern.compile("(?m)^" + series + "\\{([^}]*)}").matcher(scrape);
			assertThat(line.find()).as("%s in the scrape:%n%s", series, scrape).isTrue();
			Set<String> scraped = Arrays.stream(line.group(1).split(","))
				.map((pair) -> pair.substring(0, pair.indexOf('=')))
				.collect(Collectors.toSet());
			assertThat(scraped).as("labels of %s", series).isEqualTo(labels);
		});
	}

	private static Tags tags(KeyName[]... keys) {
		return Tags.of(Arrays.stream(keys).flatMap(Arrays::stream).map((key) -> Tag.of(key.asString(), "x")).toList());
	}

	@Test
	void everySeriesTheDashboardQueriesIsADocumentedMeter() {
		assertThat(queries()).isNotEmpty().allSatisfy((query) -> {
			List<String> series = series(query);
			assertThat(series).as("series in %s", query).isNotEmpty();
			assertThat(documentedSeries).as("documented series, queried by %s", query).containsKeys(series.toArray(String[]::new));
		});
	}

	@Test
	void everyTagTheDashboardFiltersOrGroupsByIsDocumentedOnItsMeter() {
		for (String query : queries()) {
			Matcher series = SERIES.matcher(query);
			while (series.find()) {
				if (series.group(3) != null) {
					Matcher matcher = MATCHER.matcher(series.group(3));
					while (matcher.find()) {
						assertThat(documentedSeries.get(series.group(1))).as("labels of %s in %s", series.group(1), query)
							.contains(matcher.group(1));
					}
				}
			}
			Matcher grouping = GROUPING.matcher(query);
			while (grouping.find()) {
				for (String label : grouping.group(1).split(",")) {
					for (String name : series(query)) {
						assertThat(documentedSeries.get(name)).as("labels of %s grouped in %s", name, query)
							.contains(label.strip());
					}
				}
			}
		}
		Matcher labelValues = LABEL_VALUES.matcher(dashboard.path("templating").toString());
		assertThat(labelValues.find()).as("the tenant variable's label_values query").isTrue();
		assertThat(documentedSeries.get(labelValues.group(1))).contains(labelValues.group(2));
	}

	@Test
	void everyPanelIsPerTenantAndShowsWhatTheReadmePromises() {
		assertThat(dashboard.path("templating").path("list").findValuesAsString("name")).contains("datasource", "tenant");
		assertThat(queries()).allSatisfy((query) -> assertThat(query).as("tenant filter").contains("tenant=~\"$tenant\""));
		assertThat(panels()).allSatisfy((panel) -> {
			assertThat(panel.path("targets")).as(panel.path("title").asString()).isNotEmpty();
			assertThat(panel.path("datasource").path("uid").asString()).isEqualTo("${datasource}");
		});
		String all = String.join("\n", queries());
		assertThat(all).contains("servicetitan_client_operation_seconds_count", "by (outcome)",
				"servicetitan_client_requests_seconds_bucket", "histogram_quantile(0.95",
				"servicetitan_client_retries_total", "by (reason)", "servicetitan_client_rate_limit_wait_seconds",
				"servicetitan_client_records_total", "servicetitan_client_token_requests_seconds_count");
	}

	private static List<String> series(String query) {
		List<String> names = new ArrayList<>();
		Matcher matcher = SERIES.matcher(query);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	private static List<JsonNode> panels() {
		List<JsonNode> panels = new ArrayList<>();
		dashboard.path("panels").forEach((panel) -> {
			panels.add(panel);
			panel.path("panels").forEach(panels::add);
		});
		return panels.stream().filter((panel) -> !"row".equals(panel.path("type").asString())).toList();
	}

	private static List<String> queries() {
		return panels().stream()
			.flatMap((panel) -> Stream.of(panel.path("targets")).flatMap((targets) -> targets.findValuesAsString("expr").stream()))
			.toList();
	}

}
