package io.github.servicetitan4j;

import java.util.List;

import io.github.servicetitan4j.export.ExportCheckpointStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export forms that take the export resource from the endpoint's own name
 * ({@code endpoint("crm", "customers").streamExport(options)}) send what the reference-shaped forms
 * ({@code streamExport("customers", options)}) send, and share their checkpoints.
 */
class ExportFormsWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	String export;

	Endpoint customers;

	@BeforeEach
	void stubFeed() {
		this.export = wireMock.tenantPath("crm") + "/export/customers";
		wireMock.server.stubFor(get(urlPathEqualTo(this.export)).withQueryParam("from", absent())
			.willReturn(okJson(Envelopes.batch("t1", true, 1, 2))));
		wireMock.server.stubFor(get(urlPathEqualTo(this.export)).withQueryParam("from", equalTo("t1"))
			.willReturn(okJson(Envelopes.batch("t2", false, 3, 3))));
		wireMock.server.stubFor(get(urlPathEqualTo(this.export)).withQueryParam("from", equalTo("t2"))
			.willReturn(okJson("{\"data\":[],\"hasMore\":false,\"continueFrom\":\"t2\"}")));
		this.customers = wireMock.client().endpoint("crm", "customers");
	}

	record Customer(long id, String name) {
	}

	@Test
	void exportOneReadsTheFeedNamedLikeTheEndpoint() {
		ExportPage<JsonNode> batch = this.customers.exportOne("t1", true);

		assertThat(batch.continueFrom()).isEqualTo("t2");
		assertThat(batch.data()).extracting((record) -> record.path("id").asInt()).containsExactly(3);
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.export)).withQueryParam("from", equalTo("t1"))
			.withQueryParam("includeRecentChanges", equalTo("true")));
		wireMock.server.verify(0, getRequestedFor(urlPathMatching(".*/customers/export.*")));
	}

	@Test
	void exportAllFollowsTheFeedNamedLikeTheEndpointAndSavesTheCheckpointTheReferenceFormResumesFrom() {
		ExportCheckpointStore store = ExportCheckpointStore.inMemory();
		ExportCheckpointStore.Key key = new ExportCheckpointStore.Key(ServiceTitanWireMock.TENANT, "crm", "customers");

		ExportPage<JsonNode> all = this.customers.exportAll(ExportOptions.checkpointed(store));
		assertThat(store.load(key)).as("saved only once processed").isNull();
		this.customers.saveCheckpoint(store, all);

		assertThat(all.data()).hasSize(3);
		assertThat(store.load(key)).isEqualTo("t2");
		// The reference-shaped form resumes from the same checkpoint: one feed, one key.
		assertThat(this.customers.exportAll("customers", ExportOptions.checkpointed(store)).data()).isEmpty();
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.export)).withQueryParam("from", equalTo("t2")));
	}

	@Test
	void streamExportStreamsTheFeedNamedLikeTheEndpointAsNodesOrTypedRecords() {
		try (ExportStream<JsonNode> feed = this.customers.streamExport(ExportOptions.defaults())) {
			assertThat(feed.stream().map((record) -> record.path("id").asInt()).toList()).containsExactly(1, 2, 3);
			assertThat(feed.continueFrom()).isEqualTo("t2");
		}
		try (ExportStream<Customer> feed = this.customers.streamExport(ExportOptions.from("t1"), Customer.class)) {
			List<Customer> records = feed.stream().toList();
			assertThat(records).containsExactly(new Customer(3, "record 3"));
		}
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.export)).withQueryParam("from", equalTo("t1")));
	}

}
