package io.github.servicetitan4j.export;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;

import io.github.servicetitan4j.ExportOptions;
import io.github.servicetitan4j.ExportStream;
import io.github.servicetitan4j.ServiceTitanWireMock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The JDBC checkpoint store against a real embedded database (H2), including a process that crashes part-way through
 * an export and a new one that resumes it.
 */
class JdbcExportCheckpointStoreTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	static final ExportCheckpointStore.Key KEY = new ExportCheckpointStore.Key(ServiceTitanWireMock.TENANT, "jpm",
			"jobs");

	String url;

	@BeforeEach
	void newDatabase() {
		this.url = "jdbc:h2:mem:checkpoints-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		createSchema(dataSource());
	}

	/** A new connection to the same database, as a restarted process would open. */
	private DataSource dataSource() {
		return new DriverManagerDataSource(this.url, "sa", "");
	}

	private static void createSchema(DataSource dataSource) {
		ResourceDatabasePopulator schema = new ResourceDatabasePopulator(
				new ClassPathResource("io/github/servicetitan4j/export/schema.sql"));
		DatabasePopulatorUtils.execute(schema, dataSource);
	}

	private JdbcExportCheckpointStore newStore() {
		return new JdbcExportCheckpointStore(dataSource());
	}

	@Test
	void whenATokenIsSavedThenItIsLoadedReplacedAndDeletedPerFeed() {
		JdbcExportCheckpointStore store = newStore();
		ExportCheckpointStore.Key otherTenant = new ExportCheckpointStore.Key("999", "jpm", "jobs");
		ExportCheckpointStore.Key otherFeed = new ExportCheckpointStore.Key(ServiceTitanWireMock.TENANT, "crm",
				"customers/contacts");

		assertThat(store.load(KEY)).isNull();
		store.save(KEY, "t1");
		store.save(otherTenant, "x1");
		store.save(KEY, "t2");
		store.save(otherFeed, "c1");

		assertThat(store.load(KEY)).isEqualTo("t2");
		assertThat(newStore().load(otherTenant)).isEqualTo("x1");
		assertThat(store.load(otherFeed)).isEqualTo("c1");
		store.delete(KEY);
		assertThat(store.load(KEY)).isNull();
		assertThat(store.load(otherTenant)).isEqualTo("x1");
		assertThat(JdbcClient.create(dataSource())
			.sql("SELECT COUNT(*) FROM " + JdbcExportCheckpointStore.TABLE)
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void whenTheSchemaScriptRunsAgainThenTheTokensAreKept() {
		newStore().save(KEY, "t1");

		createSchema(dataSource());

		assertThat(newStore().load(KEY)).isEqualTo("t1");
	}

	@Test
	void whenAnEmptyTokenIsSavedThenItIsRefused() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> newStore().save(KEY, ""));
	}

	/**
	 * Feed of five batches of three records: t0 -> t1 [1..3] -> ... -> t5 [13..15], end.
	 */
	private void stubFeed() {
		String path = wireMock.tenantPath("jpm") + "/export/jobs";
		for (int batch = 1; batch <= 5; batch++) {
			StringBuilder data = new StringBuilder();
			for (int id = batch * 3 - 2; id <= batch * 3; id++) {
				data.append((data.length() > 0) ? "," : "").append("{\"id\":").append(id).append('}');
			}
			String body = "{\"hasMore\":" + (batch < 5) + ",\"continueFrom\":\"t" + batch + "\",\"data\":[" + data + "]}";
			wireMock.server.stubFor(get(urlPathEqualTo(path))
				.withQueryParam("from", (batch == 1) ? absent() : equalTo("t" + (batch - 1)))
				.willReturn(okJson(body)));
		}
		wireMock.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("from", equalTo("t5"))
			.willReturn(okJson("{\"hasMore\":false,\"continueFrom\":\"t5\",\"data\":[]}")));
	}

	/**
	 * Runs one process: a new client and a new store over the database, delivering records until the consumer crashes
	 * on the given record (0: never).
	 */
	private List<Integer> runProcess(int crashOn) {
		List<Integer> delivered = new ArrayList<>();
		ExportCheckpointStore store = newStore();
		try (ExportStream<JsonNode> feed = wireMock.client()
			.endpoint("jpm", "jobs")
			.streamExport("jobs", ExportOptions.checkpointed(store))) {
			feed.forEach((record) -> {
				int id = record.path("id").asInt();
				delivered.add(id);
				if (id == crashOn) {
					throw new IllegalStateException("simulated crash while processing record " + id);
				}
			});
		}
		catch (IllegalStateException ex) {
			assertThat(ex).hasMessageContaining("simulated crash");
		}
		return delivered;
	}

	@ParameterizedTest(name = "crash on record {0}")
	@ValueSource(ints = { 1, 3, 4, 6, 7, 8, 15 })
	void whenTheProcessCrashesPartWayThenTheNextRunDeliversTheRestWithAtMostOnePageRepeated(int crashOn) {
		stubFeed();

		List<Integer> first = runProcess(crashOn);
		List<Integer> second = runProcess(0);

		Set<Integer> union = new HashSet<>(first);
		union.addAll(second);
		assertThat(union).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 15).boxed().toList());
		List<Integer> repeated = second.stream().filter(first::contains).toList();
		int crashedBatch = (crashOn + 2) / 3;
		assertThat(repeated).hasSizeLessThanOrEqualTo(3)
			.allSatisfy((id) -> assertThat((id + 2) / 3).isEqualTo(crashedBatch));
		assertThat(first).doesNotHaveDuplicates();
		assertThat(second).doesNotHaveDuplicates();
		assertThat(newStore().load(KEY)).isEqualTo("t5");
	}

	@Test
	void whenTheStoreFailsToSaveThenTheStreamFailsBeforeDeliveringTheNextBatch() {
		stubFeed();
		List<Integer> delivered = new ArrayList<>();
		ExportCheckpointStore failing = new ExportCheckpointStore() {

			@Override
			public @Nullable String load(ExportCheckpointStore.Key key) {
				return null;
			}

			@Override
			public void save(ExportCheckpointStore.Key key, String continueFrom) {
				throw new IllegalStateException("database down");
			}

			@Override
			public void delete(ExportCheckpointStore.Key key) {
			}

		};

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> {
			try (ExportStream<JsonNode> feed = wireMock.client()
				.endpoint("jpm", "jobs")
				.streamExport("jobs", ExportOptions.checkpointed(failing))) {
				feed.forEach((record) -> delivered.add(record.path("id").asInt()));
			}
		}).withMessage("database down");

		assertThat(delivered).containsExactly(1, 2, 3);
	}

}
