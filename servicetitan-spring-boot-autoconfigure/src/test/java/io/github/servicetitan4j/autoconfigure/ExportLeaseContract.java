package io.github.servicetitan4j.autoconfigure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ExportOptions;
import io.github.servicetitan4j.ExportStream;
import io.github.servicetitan4j.RealPostgres;
import io.github.servicetitan4j.ServiceTitanWireMock;
import io.github.servicetitan4j.export.ExportCheckpointStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of an application (two contexts) syncing the same export feed, with checkpoints in a real PostgreSQL
 * and leases in the store under test: each record is delivered once per run.
 */
abstract class ExportLeaseContract {

	/** The API; each test class has its own. */
	abstract ServiceTitanWireMock wireMock();

	/** The database of checkpoints (and JDBC leases); each test class has its own. */
	abstract RealPostgres postgres();

	/** The records each instance received, in order. */
	final List<Integer> delivered = Collections.synchronizedList(new ArrayList<>());

	ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class,
					ServiceTitanExportCheckpointAutoConfiguration.class, ServiceTitanExportLeaseAutoConfiguration.class))
			.withBean(DataSource.class, () -> new DelegatingDataSource(postgres().dataSource()))
			.withPropertyValues("servicetitan.client-id=" + ServiceTitanWireMock.CLIENT_ID,
					"servicetitan.client-secret=" + ServiceTitanWireMock.CLIENT_SECRET,
					"servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY,
					"servicetitan.tenant-id=" + ServiceTitanWireMock.TENANT, "servicetitan.api-url=" + wireMock().url(),
					"servicetitan.auth-url=" + wireMock().url(), "servicetitan.rate-limit.requests-per-second=0",
					"servicetitan.export.checkpoints=jdbc");
	}

	/** Makes the lease held by a dead instance lapse, as its time to live running out would. */
	abstract void expireLeases();

	@BeforeEach
	void stubFeedAndForgetCheckpoints() {
		String path = wireMock().tenantPath("jpm") + "/export/jobs";
		stubBatch(path, null, "{\"hasMore\":true,\"continueFrom\":\"t1\",\"data\":[{\"id\":1},{\"id\":2}]}");
		stubBatch(path, "t1", "{\"hasMore\":true,\"continueFrom\":\"t2\",\"data\":[{\"id\":3},{\"id\":4}]}");
		stubBatch(path, "t2", "{\"hasMore\":false,\"continueFrom\":\"t3\",\"data\":[{\"id\":5},{\"id\":6}]}");
		stubBatch(path, "t3", "{\"hasMore\":false,\"continueFrom\":\"t3\",\"data\":[]}");
		JdbcClient.create(postgres().dataSource())
			.sql("DROP TABLE IF EXISTS " + ExportCheckpointStore.JDBC_TABLE)
			.update();
	}

	private void stubBatch(String path, @Nullable String from, String body) {
		wireMock().server.stubFor(get(urlPathEqualTo(path))
			.withQueryParam("from", (from != null) ? equalTo(from) : absent())
			.willReturn(okJson(body)));
	}

	static ExportStream<JsonNode> open(ApplicationContext instance) {
		return instance.getBean(EndpointFactory.class)
			.endpoint("jpm", "export")
			.streamExport("jobs", ExportOptions.checkpointed(instance.getBean(ExportCheckpointStore.class)));
	}

	void take(Iterator<JsonNode> records, int count) {
		for (int i = 0; i < count && records.hasNext(); i++) {
			this.delivered.add(records.next().path("id").asInt());
		}
	}

	void drain(Iterator<JsonNode> records) {
		take(records, Integer.MAX_VALUE);
	}

	@Test
	void whenAnotherInstanceDrainsTheFeedThenThisOneSkipsItAndTheNextRunFindsNothingLeft() {
		runner().withPropertyValues("servicetitan.export.lease.when-held=skip").run((first) -> runner()
			.withPropertyValues("servicetitan.export.lease.when-held=skip")
			.run((second) -> {
				assertThat(first.getBean(ExportCheckpointStore.class).getClass().getSimpleName())
					.isEqualTo("LeasedExportCheckpointStore");
				try (ExportStream<JsonNode> draining = open(first)) {
					Iterator<JsonNode> records = draining.iterator();
					take(records, 1);
					try (ExportStream<JsonNode> skipped = open(second)) {
						assertThat(skipped.skipped()).isTrue();
						drain(skipped.iterator());
					}
					drain(records);
				}
				try (ExportStream<JsonNode> after = open(second)) {
					assertThat(after.skipped()).isFalse();
					assertThat(after.continueFrom()).isEqualTo("t3");
					drain(after.iterator());
				}
			}));

		assertThat(this.delivered).containsExactly(1, 2, 3, 4, 5, 6);
	}

	@Test
	void whenAnotherInstanceDrainsTheFeedThenThisOneWaitsAndResumesFromItsLastCheckpoint() throws Exception {
		runner().run((first) -> runner()
			.withPropertyValues("servicetitan.export.lease.when-held=wait", "servicetitan.export.lease.max-wait=30s")
			.run((second) -> {
				CompletableFuture<Boolean> waiter;
				try (ExportStream<JsonNode> draining = open(first)) {
					Iterator<JsonNode> records = draining.iterator();
					take(records, 3);
					waiter = CompletableFuture.supplyAsync(() -> {
						try (ExportStream<JsonNode> waited = open(second)) {
							drain(waited.iterator());
							return waited.skipped();
						}
					});
					drain(records);
				}
				assertThat(waiter.get(30, TimeUnit.SECONDS)).isFalse();
			}));

		assertThat(this.delivered).containsExactly(1, 2, 3, 4, 5, 6);
	}

	@Test
	void whenTheHolderDiesThenItsLeaseLapsesAndAnotherInstanceDrainsFromItsLastCheckpoint() {
		runner().run((first) -> runner().run((second) -> {
			ExportStream<JsonNode> abandoned = open(first);
			take(abandoned.iterator(), 3); // the first batch is done and checkpointed; the instance then dies
			try (ExportStream<JsonNode> skipped = open(second)) {
				assertThat(skipped.skipped()).isTrue();
			}

			expireLeases();

			try (ExportStream<JsonNode> taken = open(second)) {
				assertThat(taken.skipped()).isFalse();
				drain(taken.iterator());
			}
		}));

		// the batch in progress when the holder died (3, 4) is read again: at least once, nothing skipped
		assertThat(this.delivered).containsExactly(1, 2, 3, 3, 4, 5, 6);
	}

}
