package io.github.servicetitan4j.test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
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
	}

}
