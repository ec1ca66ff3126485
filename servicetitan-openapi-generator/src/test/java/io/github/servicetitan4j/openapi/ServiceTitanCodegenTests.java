package io.github.servicetitan4j.openapi;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator over a small spec in the shape of ServiceTitan's telecom module (v2 and v3 paths under one server
 * folder, dotted schema names that clash, envelopes, files, an upload declared as JSON), read back as source text.
 */
class ServiceTitanCodegenTests {

	@TempDir
	static Path output;

	static Map<String, String> sources;

	@BeforeAll
	static void generate() {
		sources = Generation.run("tiny-telecom.json", output);
	}

	@Test
	void whenOperationsOfOneTagSpanVersionsThenTheInterfaceKeepsTheFolderAndEachMethodItsVersionAndTenant() {
		String calls = sources.get("CallsApi.java");

		assertThat(calls).contains("@HttpExchange(\"/telecom\")")
			.contains("@GetExchange(\"/v3/tenant/{tenant}/calls\")")
			.contains("@GetExchange(\"/v2/tenant/{tenant}/calls/{id}\")");
	}

	@Test
	void whenAllOperationsShareTheTenantPathThenItIsTheInterfacePathAndNoMethodTakesTheTenant() {
		assertThat(sources.get("ExportApi.java")).contains("@HttpExchange(\"/telecom/v2/tenant/{tenant}\")")
			.contains("@GetExchange(\"/export/calls\")");
		assertThat(sources.get("BundlesApi.java")).contains("@HttpExchange(\"/telecom/v2/tenant/{tenant}\")")
			.contains("@GetExchange(\"/bundles\")");
		assertThat(String.join("", sources.values())).doesNotContain("@PathVariable(\"tenant\")")
			.doesNotContain("Long tenant");
	}

	@Test
	void whenAnOperationAnswersAPaginatedEnvelopeThenItReturnsPageAndGetsAStreamSiblingWithoutPage() {
		String calls = sources.get("CallsApi.java");

		assertThat(calls).contains("Page<V3CallModel> callsCalls(@RequestParam(value = \"page\", required = false) Integer page, "
				+ "@RequestParam(value = \"pageSize\", required = false) Integer pageSize, "
				+ "@RequestParam(value = \"callType\", required = false) V3CallType callType);");
		assertThat(calls).contains("Stream<V3CallModel> callsCallsStream(@RequestParam(value = \"pageSize\", required = false) "
				+ "Integer pageSize, @RequestParam(value = \"callType\", required = false) V3CallType callType);");
		assertThat(calls).contains("import com.example.st.model.V3CallModel;");
	}

	@Test
	void whenAnOperationAnswersAnExportEnvelopeThenItReturnsExportPageAndGetsAnExportStreamTakingExportOptions() {
		String export = sources.get("ExportApi.java");

		assertThat(export).contains("ExportPage<V2CallModel> exportCalls(@RequestParam(value = \"from\", required = false) "
				+ "String from, @RequestParam(value = \"includeRecentChanges\", required = false) Boolean includeRecentChanges);");
		assertThat(export).contains("ExportStream<V2CallModel> exportCallsStream(ExportOptions options);");
	}

	@Test
	void whenEnvelopesAreMappedToTheStartersTypesThenNoEnvelopeModelIsGenerated() {
		assertThat(sources.keySet()).noneMatch((name) -> name.startsWith("PaginatedResponse") || name.startsWith("ExportResponse")
				|| name.contains("OfV3CallModel") || name.contains("OfV2CallModel"));
		// Other generic wrappers are models like any other, named after their parts
		assertThat(sources).containsKey("CollectionResultOfBundleCallModel.java");
		assertThat(sources.get("BundlesApi.java")).contains("CollectionResultOfBundleCallModel bundlesGet();");
	}

	@Test
	void whenFilesAreDownloadedThenTheyAreResourcesAndAnUndeclaredBodyIsNotDropped() {
		String calls = sources.get("CallsApi.java");

		assertThat(calls).contains("Resource callsGetRecording(@PathVariable(\"id\") Long id);")
			.contains("Resource callsGetAttachment(@PathVariable(\"id\") Long id);")
			.contains("void callsDelete(@PathVariable(\"id\") Long id);");
	}

	@Test
	void whenAnUploadIsDeclaredAsAJsonObjectWithABinaryFileThenTheMethodSendsAMultipartFilePart() {
		assertThat(sources.get("CallsApi.java"))
			.contains("@PostExchange(value = \"/v2/tenant/{tenant}/calls/{id}/files\", contentType = \"multipart/form-data\")")
			.contains("UploadResponse callsUpload(@PathVariable(\"id\") Long id, @RequestPart(\"file\") Resource file);");
	}

	@Test
	void whenDottedSchemaNamesClashThenOnlyTheClashingOnesTakeAnotherSegment() {
		assertThat(sources).containsKeys("V2CallType.java", "V3CallType.java", "V2CallModel.java", "V3CallModel.java",
				"DataType.java", "BundleCallModel.java", "ApiErrorResponse.java");
		// Page is the starter's: the model takes its namespace
		assertThat(sources).containsKey("V2Page.java").doesNotContainKey("Page.java");
		assertThat(sources.get("V2CallModel.java")).contains("private V2Page page;");
	}

	@Test
	void whenEnumsAreGeneratedThenTheyKeepTheWireNamesAndReadUnknownValuesAsUnrecognized() {
		String dataType = sources.get("DataType.java");

		assertThat(dataType).contains("String(\"String\"),").contains("UNRECOGNIZED(null);")
			.contains("private final java.lang.String value;")
			.contains("@JsonValue")
			.contains("@JsonCreator")
			.contains("return UNRECOGNIZED;");
	}

	@Test
	void whenModelsAreGeneratedThenTheyUseJacksonAnnotationsOnlyAndHideSecretsFromToString() {
		String call = sources.get("V2CallModel.java");

		assertThat(call).contains("import com.fasterxml.jackson.annotation.JsonProperty;")
			.contains("@JsonIgnoreProperties(ignoreUnknown = true)")
			.contains("private OffsetDateTime receivedOn;")
			.contains("private Object anything;")
			.contains("((this.agentPassword != null) ? \"(hidden)\" : \"null\")");
		assertThat(String.join("", sources.values())).doesNotContain("jakarta.validation")
			.doesNotContain("io.swagger")
			.doesNotContain("JsonNullable")
			.doesNotContain("tools.jackson.databind.annotation");
	}

}
