package io.github.servicetitan4j;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.servicetitan4j.export.ExportCheckpointStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.servicetitan4j.ReportFixtures.FIELDS;
import static io.github.servicetitan4j.ReportFixtures.REPORT;
import static io.github.servicetitan4j.ReportFixtures.dataPath;
import static io.github.servicetitan4j.ReportFixtures.stubDescription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Backfills on the wire: a date range run window by window over the asynchronous flow, each finished window a checkpoint,
 * a backfill killed in the middle resumed at the first unfinished window with no window skipped and none but the one
 * in progress repeated, rows tagged with their window, and windows within the look-back run again.
 */
class ReportBackfillWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	final String queryPath = dataPath(wireMock) + "/query";

	final ExportCheckpointStore checkpoints = ExportCheckpointStore.inMemory();

	Reports reports() {
		return wireMock.clientBuilder()
			.reporting(new Reports.Settings(0, Duration.ZERO, 2, Reports.Settings.Flow.ASYNCHRONOUS,
					Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5), 1))
			.build()
			.reports();
	}

	/** Each day's query answers two rows of that day at once. */
	void stubDays(LocalDate from, LocalDate to) {
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			wireMock.server.stubFor(post(urlPathEqualTo(this.queryPath))
				.withRequestBody(containing("{\"name\":\"From\",\"value\":\"" + day + "\"}"))
				.willReturn(okJson("{\"page\":1,\"pageSize\":2,\"hasMore\":false,\"data\":[[\"" + day + "\",\"HVAC\",1,true],"
						+ "[\"" + day + "\",\"Plumbing\",2,true]],\"fields\":" + FIELDS + "}")));
		}
	}

	int queriesOf(LocalDate day) {
		return wireMock.server.findAll(postRequestedFor(urlPathEqualTo(this.queryPath))
			.withRequestBody(equalToJson("{\"parameters\":[{\"name\":\"From\",\"value\":\"" + day + "\"},"
					+ "{\"name\":\"To\",\"value\":\"" + day + "\"}]}")))
			.size();
	}

	@Test
	void whenABackfillIsKilledMidWindowThenTheNextOneResumesThereWithNoWindowSkipped() {
		stubDescription(wireMock);
		LocalDate from = LocalDate.of(2025, 10, 1);
		LocalDate to = LocalDate.of(2025, 10, 5);
		stubDays(from, to);
		Reports.Backfill backfill = Reports.Backfill.of("revenue", from, to, Reports.Window.DAY, this.checkpoints);
		List<String> delivered = new ArrayList<>();

		// The process dies while handling the first row of October 3rd.
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> {
			try (Stream<Reports.WindowRow> rows = reports().backfill("accounting", REPORT, Map.of(), backfill)) {
				rows.forEach((row) -> {
					if (row.from().equals(LocalDate.of(2025, 10, 3))) {
						throw new IllegalStateException("killed");
					}
					delivered.add(row.from() + " " + row.row().getString("BusinessUnit"));
				});
			}
		});
		assertThat(delivered).containsExactly("2025-10-01 HVAC", "2025-10-01 Plumbing", "2025-10-02 HVAC",
				"2025-10-02 Plumbing");

		List<Reports.WindowRow> resumed;
		try (Stream<Reports.WindowRow> rows = reports().backfill("accounting", REPORT, Map.of(), backfill)) {
			resumed = rows.toList();
		}

		assertThat(resumed).extracting((row) -> row.from() + ".." + row.to() + " " + row.row().getString("BusinessUnit"))
			.containsExactly("2025-10-03..2025-10-03 HVAC", "2025-10-03..2025-10-03 Plumbing",
					"2025-10-04..2025-10-04 HVAC", "2025-10-04..2025-10-04 Plumbing", "2025-10-05..2025-10-05 HVAC",
					"2025-10-05..2025-10-05 Plumbing");
		assertThat(resumed).allSatisfy((row) -> assertThat(row.row().getDate("Date")).isEqualTo(row.from()));
		// Each window once, except the one in progress at the kill.
		assertThat(List.of(queriesOf(from), queriesOf(from.plusDays(1)), queriesOf(from.plusDays(2)),
				queriesOf(from.plusDays(3)), queriesOf(from.plusDays(4))))
			.containsExactly(1, 1, 2, 1, 1);
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			assertThat(this.checkpoints.load(new ExportCheckpointStore.Key(ServiceTitanWireMock.TENANT, "reporting",
					"report/4001/backfill/revenue/day/" + day)))
				.isEqualTo(day.toString());
		}

		// Finished: a third run asks for nothing.
		try (Stream<Reports.WindowRow> rows = reports().backfill("accounting", REPORT, Map.of(), backfill)) {
			assertThat(rows).isEmpty();
		}
		wireMock.server.verify(6, postRequestedFor(urlPathEqualTo(this.queryPath)));
	}

	@Test
	void whenAStreamIsClosedAfterAWindowThenOnlyWindowsReadWholeAreSaved() {
		stubDescription(wireMock);
		LocalDate from = LocalDate.of(2025, 10, 1);
		stubDays(from, from.plusDays(2));
		Reports.Backfill backfill = Reports.Backfill.of("partial", from, from.plusDays(2), Reports.Window.DAY,
				this.checkpoints);

		try (Stream<Reports.WindowRow> rows = reports().backfill("accounting", REPORT, Map.of(), backfill)) {
			// The first window whole, then one row of the second.
			assertThat(rows.limit(3)).hasSize(3);
		}

		assertThat(this.checkpoints.load(new ExportCheckpointStore.Key(ServiceTitanWireMock.TENANT, "reporting",
				"report/4001/backfill/partial/day/2025-10-01"))).isEqualTo("2025-10-01");
		assertThat(this.checkpoints.load(new ExportCheckpointStore.Key(ServiceTitanWireMock.TENANT, "reporting",
				"report/4001/backfill/partial/day/2025-10-02"))).isNull();
	}

	@Test
	void whenWindowsEndWithinTheLookBackThenTheyAreRunAgainOnEveryBackfill() {
		stubDescription(wireMock);
		// The extension's clock says 2026-01-01: with two days of look-back, December 30th and 31st may still change.
		LocalDate from = LocalDate.of(2025, 12, 28);
		LocalDate to = LocalDate.of(2025, 12, 31);
		stubDays(from, to);
		Reports.Backfill backfill = new Reports.Backfill("recent", from, to, Reports.Window.DAY, Period.ofDays(2), "From",
				"To", this.checkpoints);

		try (Stream<Reports.WindowRow> rows = reports().backfill("accounting", REPORT, Map.of(), backfill)) {
			assertThat(rows).hasSize(8);
		}
		try (Stream<Reports.WindowRow> rows = reports().backfill("accounting", REPORT, Map.of(), backfill)) {
			assertThat(rows).extracting(Reports.WindowRow::from)
				.containsExactly(to.minusDays(1), to.minusDays(1), to, to);
		}

		assertThat(List.of(queriesOf(from), queriesOf(from.plusDays(1)), queriesOf(to.minusDays(1)), queriesOf(to)))
			.containsExactly(1, 1, 2, 2);
	}

	@Test
	void weeksAndMonthsAreCutAtTheRangesEnds() {
		ExportCheckpointStore store = ExportCheckpointStore.inMemory();
		LocalDate from = LocalDate.of(2026, 1, 28);
		LocalDate to = LocalDate.of(2026, 3, 3);

		assertThat(DefaultReports.windows(Reports.Backfill.of("w", from, to, Reports.Window.MONTH, store)))
			.extracting((window) -> window[0] + ".." + window[1])
			.containsExactly("2026-01-28..2026-01-31", "2026-02-01..2026-02-28", "2026-03-01..2026-03-03");
		// 2026-01-28 is a Wednesday: ISO weeks end on Sunday.
		assertThat(DefaultReports.windows(Reports.Backfill.of("w", from, LocalDate.of(2026, 2, 10), Reports.Window.WEEK,
				store)))
			.extracting((window) -> window[0] + ".." + window[1])
			.containsExactly("2026-01-28..2026-02-01", "2026-02-02..2026-02-08", "2026-02-09..2026-02-10");
	}

	@Test
	void whenTheRangeIsReversedOrAParameterUnknownThenNothingIsSent() {
		stubDescription(wireMock);
		assertThatIllegalArgumentException().isThrownBy(() -> Reports.Backfill.of("r", LocalDate.of(2026, 2, 1),
				LocalDate.of(2026, 1, 1), Reports.Window.DAY, this.checkpoints)).withMessageContaining("must not be before");
		Reports.Backfill wrongName = new Reports.Backfill("r", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2),
				Reports.Window.DAY, Period.ZERO, "Start", "To", this.checkpoints);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> reports().backfill("accounting", REPORT, Map.of(), wrongName))
			.withMessageContaining("Start");
		wireMock.server.verify(0, postRequestedFor(urlPathEqualTo(this.queryPath)));
	}

}
