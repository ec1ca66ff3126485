package io.github.servicetitan4j.test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.Reports;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under {@link AutoConfigureServiceTitanSimulator}, nothing the client waits for costs real time: the per-report limit
 * is off, and every wait ({@code Retry-After}, a report's turn) moves the simulator's clock, as recorded by the
 * {@link SimulatorSleeper}. No assertion here measures time: each reads what the sleeper saw or the simulator's clock.
 */
class SimulatorAnnotationWaitsTests {

	private static final Map<String, LocalDate> OCTOBER = Map.of("From", LocalDate.of(2026, 10, 1), "To",
			LocalDate.of(2026, 10, 31));

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

	@Nested
	@SpringBootTest(classes = App.class)
	@AutoConfigureServiceTitanSimulator(customers = 12, locations = 12, jobs = 30, appointments = 10, invoices = 5)
	class ByDefault {

		@Autowired
		ServiceTitanSimulator simulator;

		@Autowired
		SimulatorSleeper sleeper;

		@Autowired
		EndpointFactory serviceTitan;

		@Autowired
		Environment environment;

		@BeforeEach
		void reset() {
			this.simulator.reset();
		}

		@Test
		void whenTheSameReportRunsTwiceInARowThenNeitherRunWaits() {
			Reports.Result first = this.serviceTitan.reports().run("accounting", 41001, OCTOBER);
			Reports.Result second = this.serviceTitan.reports().run("accounting", 41001, OCTOBER);

			assertThat(first.rows()).isNotEmpty().hasSameSizeAs(second.rows());
			// No report's turn waited for: at most the tenant's rate limiter spacing requests by milliseconds.
			assertThat(this.sleeper.total()).isLessThan(Duration.ofSeconds(1));
			assertThat(this.simulator.requests().count("POST", ".*/reports/41001/data.*")).isEqualTo(2);
			assertThat(this.environment.getProperty("servicetitan.reporting.requests-per-minute")).isEqualTo("0");
		}

		@Test
		void whenTheSimulatorRefusesAReportsSixthRunThenTheClientWaitsOnTheSimulatorsClock() {
			SimulatorAdmin admin = SimulatorAdmin.at(this.simulator.apiUrl());
			Instant before = admin.now();
			for (int run = 0; run < 6; run++) {
				this.serviceTitan.reports().run("accounting", 41001, OCTOBER);
			}

			assertThat(this.simulator.requests().count("POST", ".*/reports/41001/data.*")).as("five runs, a 429, a retry")
				.isEqualTo(7);
			assertThat(this.sleeper.waits()).isNotEmpty();
			assertThat(this.sleeper.total()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
			assertThat(Duration.between(before, admin.now())).isGreaterThanOrEqualTo(this.sleeper.total());
		}

		@Test
		void whenA429SaysRetryAfter30ThenTheClientWaits30SecondsOfTheSimulatorsClock() {
			SimulatorAdmin admin = SimulatorAdmin.at(this.simulator.apiUrl());
			long id = ((Number) this.simulator.tenant().jobs().get(0).get("id")).longValue();
			this.simulator.faults().next(1).status(429, Duration.ofSeconds(30));
			Instant before = admin.now();

			assertThat(this.serviceTitan.endpoint("jpm", "jobs").getOne(String.valueOf(id)).path("id").asLong())
				.isEqualTo(id);

			// The client honours Retry-After and spreads retries by up to a tenth on top of it (besides, the tenant's
			// rate limiter may space requests by milliseconds).
			assertThat(this.sleeper.waits())
				.anySatisfy((wait) -> assertThat(wait).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(33)));
			assertThat(this.sleeper.total()).isLessThan(Duration.ofSeconds(34));
			assertThat(Duration.between(before, admin.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
			assertThat(this.simulator.requests().count("GET", "/jpm/v2/tenant/\\d+/jobs/\\d+")).isEqualTo(2);
		}

		@Test
		void whenTheSimulatorIsResetThenTheSleeperForgetsItsWaits() {
			this.simulator.faults().next(1).status(429, Duration.ofSeconds(3));
			this.serviceTitan.endpoint("jpm", "jobs").getOne(String.valueOf(this.simulator.tenant().jobs().get(0).get("id")));
			assertThat(this.sleeper.waits()).isNotEmpty();

			this.simulator.reset();

			assertThat(this.sleeper.waits()).isEmpty();
			assertThat(this.sleeper.total()).isZero();
		}

	}

	@Nested
	@SpringBootTest(classes = App.class)
	@AutoConfigureServiceTitanSimulator(customers = 12, locations = 12, jobs = 30, appointments = 10, invoices = 5,
			reportRequestsPerMinute = "")
	class WithTheStartersReportLimit {

		@Autowired
		ServiceTitanSimulator simulator;

		@Autowired
		SimulatorSleeper sleeper;

		@Autowired
		EndpointFactory serviceTitan;

		@Test
		void whenTheSameReportRunsTwiceThenTheSecondRunWaitsItsMinuteOnTheSimulatorsClock() {
			this.simulator.reset();

			this.serviceTitan.reports().run("accounting", 41001, OCTOBER);
			this.serviceTitan.reports().run("accounting", 41001, OCTOBER);

			assertThat(this.sleeper.total()).isGreaterThan(Duration.ofSeconds(50))
				.isLessThanOrEqualTo(Duration.ofSeconds(60));
		}

	}

	@Nested
	@SpringBootTest(classes = App.class, properties = "servicetitan.reporting.requests-per-minute=3")
	@AutoConfigureServiceTitanSimulator(customers = 12, locations = 12, jobs = 30, appointments = 10, invoices = 5,
			waitOnSimulatorClock = false)
	class WhenTheTestSaysOtherwise {

		@Autowired
		Environment environment;

		@Autowired
		org.springframework.context.ApplicationContext context;

		@Test
		void whenTheTestSetsTheReportLimitOrTurnsTheSimulatorsClockOffThenTheAnnotationLeavesThemAlone() {
			assertThat(this.environment.getProperty("servicetitan.reporting.requests-per-minute")).isEqualTo("3");
			assertThat(this.context.getBeansOfType(SimulatorSleeper.class)).isEmpty();
		}

	}

}
