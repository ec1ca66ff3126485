package io.github.servicetitan4j.test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.servicetitan4j.test.internal.UrlCodec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks that must pass wherever the engine runs, in the JVM or in the {@code wiremock/wiremock} container, against
 * a simulator with the default settings.
 */
final class SimulatorScenario {

	private SimulatorScenario() {
	}

	static void verify(URI baseUrl) {
		SimulatorHttp http = new SimulatorHttp(baseUrl, ServiceTitanSimulator.DEFAULT_TENANT_ID,
				ServiceTitanSimulator.DEFAULT_CLIENT_ID, ServiceTitanSimulator.DEFAULT_CLIENT_SECRET,
				ServiceTitanSimulator.DEFAULT_APP_KEY);

		assertThat(SimulatorHttp.json(http.tokenRequest("grant_type=client_credentials&client_id=x&client_secret=y")))
			.containsEntry("error", "invalid_client");

		HttpResponse<String> noAppKey = http.send(HttpRequest.newBuilder(baseUrl.resolve(http.path("jpm", "jobs")))
			.header("Authorization", "Bearer " + http.token())
			.build());
		assertThat(noAppKey.statusCode()).isEqualTo(401);
		assertThat(noAppKey.body()).contains("Application key not present, check ST-App-Key header value.");

		assertThat(http.get(http.path("jpm", "jobs") + "?pageSize=5001").statusCode()).isEqualTo(400);
		HttpResponse<String> missing = http.get(http.path("jpm", "jobs/1"));
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(SimulatorHttp.json(missing)).containsKey("traceId");

		Set<Long> exported = new HashSet<>();
		int records = 0;
		String from = "";
		while (true) {
			Map<String, @Nullable Object> batch = http.getJson(http.path("jpm", "export/jobs") + "?from="
					+ UrlCodec.encode(from));
			for (Map<String, @Nullable Object> job : SimulatorHttp.data(batch)) {
				exported.add(SimulatorHttp.id(job));
				records++;
			}
			from = (String) batch.get("continueFrom");
			if (!Boolean.TRUE.equals(batch.get("hasMore"))) {
				break;
			}
		}
		assertThat(exported).hasSize(1000);
		assertThat(records).isEqualTo(1000);

		HttpResponse<String> image = http.get(http.path("pricebook", "images") + "?path="
				+ UrlCodec.encode("Images/Pricebook/service-1.jpg"));
		assertThat(image.statusCode()).isEqualTo(302);
		String location = image.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(baseUrl.toString());
		assertThat(http.send(HttpRequest.newBuilder(URI.create(location)).build()).statusCode()).isEqualTo(200);

		verifyAdminApi(baseUrl, http);
	}

	/** The admin API drives faults, the clock, the journal and reset over HTTP, wherever the simulator runs. */
	static void verifyAdminApi(URI baseUrl, SimulatorHttp http) {
		SimulatorAdmin admin = SimulatorAdmin.at(baseUrl);
		admin.reset();
		assertThat(admin.requests()).isEmpty();

		admin.addFault(Map.of("method", "GET", "path", "/jpm/v2/tenant/{tenant}/jobs", "next", 1, "status", 503,
				"retryAfterSeconds", 3));
		HttpResponse<String> failed = http.get(http.path("jpm", "jobs"));
		assertThat(failed.statusCode()).isEqualTo(503);
		assertThat(failed.headers().firstValue("Retry-After")).hasValue("3");
		assertThat(http.get(http.path("jpm", "jobs") + "?jobStatus=Completed").statusCode()).isEqualTo(200);

		List<RecordedRequest> requests = admin.requests();
		assertThat(requests).extracting(RecordedRequest::path).containsOnly(http.path("jpm", "jobs"));
		assertThat(requests.get(1).queryParam("jobStatus")).isEqualTo("Completed");
		assertThat(requests.get(1).header("ST-App-Key")).isEqualTo(ServiceTitanSimulator.DEFAULT_APP_KEY);

		admin.advanceClock(Duration.ofMinutes(16));
		assertThat(http.get(http.path("jpm", "jobs")).statusCode()).as("token expired by the clock").isEqualTo(401);

		admin.reset();
		assertThat(http.get(http.path("jpm", "jobs")).statusCode()).as("clock back after reset").isEqualTo(200);
		assertThat(admin.records("default", "crm", "customers")).hasSize(250);
		assertThat(admin.info()).containsKeys("tenants", "appKeys", "now");
	}

}
