package io.github.servicetitan4j;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Walks whose records are built by creators ({@link CreatorHandles}): what the user gets, and what a creator's failure
 * says, are what they were when Jackson called the creators itself.
 */
class CreatorHandlesWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	record Job(long id, String jobStatus) {
		Job {
			if (id < 0) {
				throw new IllegalArgumentException("id must not be negative: " + id);
			}
		}
	}

	/** Named by the application's naming strategy and built by a factory. */
	record Visit(long visitId, String technicianName) {

		@JsonCreator
		static Visit of(long visitId, String technicianName) {
			return new Visit(visitId, technicianName.trim());
		}

	}

	private static String page(int page, boolean hasMore, String data) {
		return "{\"page\":" + page + ",\"pageSize\":2,\"hasMore\":" + hasMore + ",\"totalCount\":null,\"data\":" + data
				+ "}";
	}

	private static void stubPage(String path, int page, String body) {
		wireMock.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", equalTo(Integer.toString(page)))
			.willReturn(okJson(body)));
	}

	private static <T> List<T> all(Stream<T> records) {
		try (records) {
			return records.toList();
		}
	}

	@Test
	void whenARecordsConstructorThrowsThenTheMappingErrorSaysWhatJacksonSaysForThatRecord() {
		String jobs = wireMock.tenantPath("jpm") + "/jobs";
		stubPage(jobs, 1, page(1, false, "[{\"id\":1,\"jobStatus\":\"Completed\"},{\"id\":-2,\"jobStatus\":\"Hold\"}]"));
		try (ServiceTitanClient client = wireMock.client()) {

			assertThatExceptionOfType(ServiceTitanMappingException.class)
				.isThrownBy(() -> all(client.endpoint("jpm", "jobs").streamAll(Map.of(), Job.class)))
				.withMessage("Could not map record 1 of page 1 from jpm/jobs (get_all) to " + Job.class.getName()
						+ " at field ?: Cannot construct instance of `" + Job.class.getName()
						+ "`, problem: id must not be negative: -2")
				.havingCause()
				.isExactlyInstanceOf(ValueInstantiationException.class)
				.havingCause()
				.isExactlyInstanceOf(IllegalArgumentException.class)
				.withMessage("id must not be negative: -2");
		}
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(jobs)));
	}

	@Test
	void whenTheApplicationNamesPropertiesInSnakeCaseThenFactoryRecordsAreBuiltFromEveryPage() {
		String visits = wireMock.tenantPath("jpm") + "/visits";
		stubPage(visits, 1, page(1, true,
				"[{\"visit_id\":1,\"technician_name\":\" Ana \"},{\"visit_id\":2,\"technician_name\":\"Bo\"}]"));
		stubPage(visits, 2, page(2, false, "[{\"visit_id\":3,\"technician_name\":\"Cy \"}]"));
		JsonMapper application = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
		try (ServiceTitanClient client = wireMock.clientBuilder().jsonMapper(application).build()) {

			List<Visit> read = all(client.endpoint("jpm", "visits").streamAll(Map.of("pageSize", 2), Visit.class));

			assertThat(read).containsExactly(new Visit(1, "Ana"), new Visit(2, "Bo"), new Visit(3, "Cy"));
		}
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(visits)).withQueryParam("pageSize", equalTo("2")));
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(visits)).withQueryParam("page", equalTo("2")));
	}

}
