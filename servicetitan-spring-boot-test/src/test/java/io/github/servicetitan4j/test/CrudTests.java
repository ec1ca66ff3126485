package io.github.servicetitan4j.test;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ServiceTitanSimulatorExtension.class)
class CrudTests {

	private final ServiceTitanSimulator simulator;

	private final SimulatorHttp http;

	CrudTests(ServiceTitanSimulator simulator) {
		this.simulator = simulator;
		this.http = new SimulatorHttp(simulator);
	}

	private Map<String, Object> newJob() {
		Map<String, @Nullable Object> location = this.simulator.tenant().locations().get(0);
		Map<String, Object> job = new LinkedHashMap<>();
		job.put("customerId", location.get("customerId"));
		job.put("locationId", location.get("id"));
		job.put("businessUnitId", 201);
		job.put("jobTypeId", 305);
		job.put("priority", "High");
		job.put("summary", "Leaking pipe under sink");
		return job;
	}

	@Test
	void whenCustomerIsCreatedThenReadsReturnIt() {
		Map<String, Object> body = Map.of("name", "Jane Roe", "type", "Residential", "address",
				Map.of("street", "1 Main St", "city", "Austin", "state", "TX", "zip", "78701", "country", "USA"));

		HttpResponse<String> created = this.http.sendJson("POST", this.http.path("crm", "customers"), body);

		assertThat(created.statusCode()).isEqualTo(200);
		long id = SimulatorHttp.id(SimulatorHttp.json(created));
		Map<String, @Nullable Object> read = this.http.getJson(this.http.path("crm", "customers/" + id));
		assertThat(read).containsEntry("name", "Jane Roe").containsEntry("active", true).containsKeys("createdOn",
				"modifiedOn");
		assertThat(this.simulator.tenant().customer(id)).isPresent();
	}

	@Test
	void whenCustomerIsPatchedThenOnlyNamedFieldsChange() {
		Map<String, @Nullable Object> before = this.simulator.tenant().customers().get(0);
		long id = SimulatorHttp.id(before);

		HttpResponse<String> patched = this.http.sendJson("PATCH", this.http.path("crm", "customers/" + id),
				Map.of("name", "Renamed", "address", Map.of("city", "Boise")));

		assertThat(patched.statusCode()).isEqualTo(200);
		Map<String, @Nullable Object> after = this.http.getJson(this.http.path("crm", "customers/" + id));
		assertThat(after).containsEntry("name", "Renamed").containsEntry("type", before.get("type"));
		@SuppressWarnings("unchecked")
		Map<String, Object> address = (Map<String, Object>) after.get("address");
		@SuppressWarnings("unchecked")
		Map<String, Object> oldAddress = (Map<String, Object>) before.get("address");
		assertThat(address).containsEntry("city", "Boise").containsEntry("street", oldAddress.get("street"));
		assertThat((String) after.get("modifiedOn")).isGreaterThan((String) before.get("modifiedOn"));
	}

	@Test
	void whenCustomerIsDeletedThenReadsAnswer404() {
		long id = SimulatorHttp.id(this.simulator.tenant().customers().get(1));

		assertThat(this.http.sendJson("DELETE", this.http.path("crm", "customers/" + id), null).statusCode())
			.isEqualTo(200);

		assertThat(this.http.get(this.http.path("crm", "customers/" + id)).statusCode()).isEqualTo(404);
		assertThat(this.simulator.tenant().customer(id)).isEmpty();
	}

	@Test
	void whenCustomerHasNoNameThenBadRequestNamingTheField() {
		HttpResponse<String> response = this.http.sendJson("POST", this.http.path("crm", "customers"),
				Map.of("type", "Residential"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(SimulatorHttp.json(response).get("errors")).asString().contains("Name");
	}

	@Test
	void whenBodyIsNotJsonThenBadRequest() {
		HttpResponse<String> response = this.http.send(this.http.request(this.http.path("crm", "customers"))
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{not json"))
			.build());

		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void whenIdIsUnknownThen404ProblemWithTraceId() {
		HttpResponse<String> response = this.http.get(this.http.path("jpm", "jobs/42"));

		assertThat(response.statusCode()).isEqualTo(404);
		Map<String, @Nullable Object> problem = SimulatorHttp.json(response);
		assertThat(problem).containsEntry("status", 404L).containsKeys("type", "title");
		assertThat(problem.get("traceId")).asString().isNotBlank();
	}

	@Test
	void whenIdIsNotANumberThen404() {
		assertThat(this.http.get(this.http.path("jpm", "jobs/abc")).statusCode()).isEqualTo(404);
	}

	@Test
	void whenJobIsCreatedThenItIsScheduledWithANewJobNumber() {
		HttpResponse<String> created = this.http.sendJson("POST", this.http.path("jpm", "jobs"), newJob());

		assertThat(created.statusCode()).isEqualTo(200);
		Map<String, @Nullable Object> job = SimulatorHttp.json(created);
		assertThat(job).containsEntry("jobStatus", "Scheduled").containsEntry("priority", "High").containsKey("jobNumber");
		assertThat(this.simulator.tenant().job(SimulatorHttp.id(job))).hasValueSatisfying(
				(stored) -> assertThat(stored).containsEntry("summary", "Leaking pipe under sink"));
	}

	@Test
	void whenJobNamesALocationOfAnotherCustomerThenBadRequest() {
		Map<String, Object> job = newJob();
		job.put("locationId", this.simulator.tenant().locations().get(1).get("id"));

		HttpResponse<String> response = this.http.sendJson("POST", this.http.path("jpm", "jobs"), job);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("LocationId");
	}

	@Test
	void whenJobLacksRequiredFieldsThenBadRequest() {
		HttpResponse<String> response = this.http.sendJson("POST", this.http.path("jpm", "jobs"),
				Map.of("summary", "no customer"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("CustomerId");
	}

	@Test
	void whenJobIsReplacedThenEveryMutableFieldIsTheNewOne() {
		long id = SimulatorHttp.id(this.simulator.tenant().jobs().get(0));
		Map<String, Object> replacement = newJob();
		replacement.put("summary", "Replaced");

		HttpResponse<String> put = this.http.sendJson("PUT", this.http.path("jpm", "jobs/" + id), replacement);

		assertThat(put.statusCode()).isEqualTo(200);
		assertThat(this.http.getJson(this.http.path("jpm", "jobs/" + id))).containsEntry("summary", "Replaced")
			.containsEntry("businessUnitId", 201L)
			.containsEntry("jobTypeId", 305L);
	}

	@Test
	void whenJobIsPatchedThenOtherFieldsStay() {
		Map<String, @Nullable Object> before = this.simulator.tenant().jobs().get(2);
		long id = SimulatorHttp.id(before);

		this.http.sendJson("PATCH", this.http.path("jpm", "jobs/" + id), Map.of("priority", "Urgent"));

		assertThat(this.http.getJson(this.http.path("jpm", "jobs/" + id))).containsEntry("priority", "Urgent")
			.containsEntry("summary", before.get("summary"))
			.containsEntry("customerId", before.get("customerId"));
	}

	@Test
	void whenJobIsDeletedThenItIsGoneFromLists() {
		long id = SimulatorHttp.id(this.simulator.tenant().jobs().get(0));

		assertThat(this.http.sendJson("DELETE", this.http.path("jpm", "jobs/" + id), null).statusCode()).isEqualTo(200);

		Map<String, @Nullable Object> page = this.http.getJson(this.http.path("jpm", "jobs") + "?active=Any&ids=" + id);
		assertThat(SimulatorHttp.data(page)).isEmpty();
		assertThat(this.http.sendJson("DELETE", this.http.path("jpm", "jobs/" + id), null).statusCode()).isEqualTo(404);
	}

	@Test
	void whenNotesAreAddedThenTheJobListsThemAndOneCanBeDeleted() {
		long jobId = SimulatorHttp.id(this.simulator.tenant().jobs().get(0));
		String notes = this.http.path("jpm", "jobs/" + jobId + "/notes");

		Map<String, @Nullable Object> first = SimulatorHttp.json(
				this.http.sendJson("POST", notes, Map.of("text", "Customer has a dog", "pinToTop", true)));
		this.http.sendJson("POST", notes, Map.of("text", "Gate code 1234"));

		assertThat(first).containsEntry("text", "Customer has a dog").containsEntry("isPinned", true);
		assertThat(SimulatorHttp.data(this.http.getJson(notes))).extracting((note) -> note.get("text"))
			.containsExactly("Customer has a dog", "Gate code 1234");

		HttpResponse<String> deleted = this.http.sendJson("DELETE", notes + "/" + SimulatorHttp.id(first), null);

		assertThat(deleted.statusCode()).isEqualTo(200);
		assertThat(this.simulator.tenant().notes(jobId)).extracting((note) -> note.get("text"))
			.containsExactly("Gate code 1234");
	}

	@Test
	void whenNoteBelongsToAnotherJobThenDeleteAnswers404() {
		List<Map<String, @Nullable Object>> jobs = this.simulator.tenant().jobs();
		long jobA = SimulatorHttp.id(jobs.get(0));
		long jobB = SimulatorHttp.id(jobs.get(1));
		long noteId = SimulatorHttp.id(SimulatorHttp.json(this.http.sendJson("POST",
				this.http.path("jpm", "jobs/" + jobA + "/notes"), Map.of("text", "mine"))));

		HttpResponse<String> response = this.http.sendJson("DELETE",
				this.http.path("jpm", "jobs/" + jobB + "/notes/" + noteId), null);

		assertThat(response.statusCode()).isEqualTo(404);
	}

	@Test
	void whenNotesOfAnUnknownJobAreReadThen404() {
		assertThat(this.http.get(this.http.path("jpm", "jobs/1/notes")).statusCode()).isEqualTo(404);
	}

	@Test
	void whenMethodIsNotSupportedThen405() {
		long id = SimulatorHttp.id(this.simulator.tenant().locations().get(0));

		assertThat(this.http.sendJson("DELETE", this.http.path("crm", "locations/" + id), null).statusCode())
			.isEqualTo(405);
	}

}
