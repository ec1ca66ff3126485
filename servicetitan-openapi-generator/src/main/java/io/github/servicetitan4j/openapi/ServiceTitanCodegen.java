package io.github.servicetitan4j.openapi;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.servers.Server;
import org.openapitools.codegen.CodegenConstants;
import org.openapitools.codegen.CodegenModel;
import org.openapitools.codegen.CodegenOperation;
import org.openapitools.codegen.CodegenParameter;
import org.openapitools.codegen.CodegenProperty;
import org.openapitools.codegen.languages.SpringCodegen;
import org.openapitools.codegen.model.ModelMap;
import org.openapitools.codegen.model.ModelsMap;
import org.openapitools.codegen.model.OperationMap;
import org.openapitools.codegen.model.OperationsMap;
import org.openapitools.codegen.utils.ModelUtils;

/**
 * openapi-generator's {@code spring} generator, shaped for ServiceTitan's published specs and the starter: one
 * {@code @HttpExchange} interface per tag whose type-level path is the server folder, version and
 * {@code /tenant/{tenant}} (the tenant is filled in by the starter, never a method parameter);
 * {@code PaginatedResponse_Of_X} answers become {@code Page<X>} with a {@code Stream<X>} sibling that walks every
 * page, {@code ExportResponse_Of_X} answers become {@code ExportPage<X>} with an {@code ExportStream<X>} sibling
 * that takes {@code ExportOptions}; files are {@code Resource}; models are plain classes with Jackson annotations
 * only, whose enums read values they do not know as {@code UNRECOGNIZED}.
 * <p>
 * Used as {@code <generatorName>servicetitan</generatorName>} with this jar as a dependency of
 * {@code openapi-generator-maven-plugin}. The options that make the output fit are fixed here, not left to the build.
 */
public class ServiceTitanCodegen extends SpringCodegen {

	/** The generator name to put in the plugin's {@code generatorName}. */
	public static final String NAME = "servicetitan";

	static final String PAGED_ENVELOPE = "PaginatedResponse_Of_";

	static final String EXPORT_ENVELOPE = "ExportResponse_Of_";

	private static final String TENANT = "tenant";

	private static final String TEMPLATES = "servicetitan";

	private static final Set<String> EXPORT_QUERY = Set.of("from", "includeRecentChanges");

	private Map<String, String> modelNames = Map.of();

	private String serverPath = "";

	/** Creates the generator with the options that fit the starter. */
	public ServiceTitanCodegen() {
		this.templateDir = TEMPLATES;
		this.embeddedTemplateDir = TEMPLATES;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getHelp() {
		return "HTTP interfaces and models for ServiceTitan's OpenAPI specs, run through servicetitan-spring-boot-starter";
	}

	@Override
	public void processOpts() {
		setLibrary(SPRING_HTTP_INTERFACE);
		Map<String, Object> options = this.additionalProperties;
		options.put("interfaceOnly", true);
		options.put(USE_JAKARTA_EE, true);
		options.put(USE_TAGS, true);
		options.put(USE_SPRING_BOOT4, true);
		options.put(USE_JACKSON_3, true);
		options.put(USE_BEANVALIDATION, false);
		options.put(OPENAPI_NULLABLE, false);
		// The templates write the Jackson annotations themselves (these two only silence the generator's warnings)
		options.put("generateJsonIncludeAnnotations", false);
		options.put("generateJsonSetterNullsAnnotations", false);
		options.put(CodegenConstants.HIDE_GENERATION_TIMESTAMP, true);
		options.put(CodegenConstants.ENUM_PROPERTY_NAMING, "original");
		super.processOpts();
		// Own templates only: the interface and model files, no pom, README, configuration or docs
		this.templateDir = TEMPLATES;
		this.embeddedTemplateDir = TEMPLATES;
		this.supportingFiles.clear();
		this.apiTemplateFiles.clear();
		this.apiTemplateFiles.put("api.mustache", ".java");
		this.modelTemplateFiles.clear();
		this.modelTemplateFiles.put("model.mustache", ".java");
		this.apiTestTemplateFiles.clear();
		this.modelTestTemplateFiles.clear();
		this.apiDocTemplateFiles.clear();
		this.modelDocTemplateFiles.clear();
		// A property typed only "null" in the specs holds a value of any type (report parameter values)
		this.typeMapping.put("null", "Object");
		this.typeMapping.put("file", "Resource");
		this.typeMapping.put("binary", "Resource");
		this.importMapping.put("Resource", "org.springframework.core.io.Resource");
	}

	@Override
	public void preprocessOpenAPI(OpenAPI openAPI) {
		Set<String> schemaNames = (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null)
				? openAPI.getComponents().getSchemas().keySet() : null;
		if (schemaNames != null) {
			List<String> generated = new ArrayList<>();
			for (String name : schemaNames) {
				if (name.startsWith(PAGED_ENVELOPE)) {
					this.schemaMapping.put(name, "io.github.servicetitan4j.Page");
				}
				else if (name.startsWith(EXPORT_ENVELOPE)) {
					this.schemaMapping.put(name, "io.github.servicetitan4j.ExportPage");
				}
				else {
					generated.add(name);
				}
			}
			this.modelNames = JavaNames.of(generated);
		}
		this.serverPath = serverPath(openAPI.getServers());
		super.preprocessOpenAPI(openAPI);
	}

	/** The path of the first server url: {@code /jpm/v2}, {@code /sales/v2}, {@code /telecom}. */
	static String serverPath(List<Server> servers) {
		if (servers == null || servers.isEmpty() || servers.get(0).getUrl() == null) {
			return "";
		}
		String path = URI.create(servers.get(0).getUrl()).getPath();
		if (path == null) {
			return "";
		}
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

	@Override
	public String toModelName(String name) {
		String mapped = this.modelNames.get(name);
		return (mapped != null) ? mapped : super.toModelName(name);
	}

	@Override
	public CodegenOperation fromOperation(String path, String httpMethod, Operation operation, List<Server> servers) {
		CodegenOperation op = super.fromOperation(path, httpMethod, operation, servers);
		removeTenant(op);
		Map<String, Object> ext = op.vendorExtensions;
		Schema<?> success = successSchema(operation);
		String ref = (success != null && success.get$ref() != null) ? ModelUtils.getSimpleRef(success.get$ref()) : null;
		if (ref != null && (ref.startsWith(PAGED_ENVELOPE) || ref.startsWith(EXPORT_ENVELOPE))) {
			String model = itemModel(ref);
			if (model != null) {
				op.imports.add(model);
			}
		}
		if (ref != null && ref.startsWith(PAGED_ENVELOPE)) {
			String item = itemType(ref);
			ext.put("x-st-return", "Page<" + item + ">");
			ext.put("x-st-walk-return", "Stream<" + item + ">");
			ext.put("x-st-walk-params", signature(op.allParams, Set.of("page"), null));
		}
		else if (ref != null && ref.startsWith(EXPORT_ENVELOPE)) {
			String item = itemType(ref);
			ext.put("x-st-return", "ExportPage<" + item + ">");
			ext.put("x-st-walk-return", "ExportStream<" + item + ">");
			ext.put("x-st-walk-params", signature(op.allParams, EXPORT_QUERY, "ExportOptions options"));
		}
		else if (success == null && "GET".equalsIgnoreCase(httpMethod)) {
			// The spec declares no body (job attachments): the body is still there, handed over unread
			ext.put("x-st-return", "Resource");
		}
		else if (success != null && ModelUtils.isBinarySchema(success)) {
			ext.put("x-st-return", "Resource");
		}
		else {
			ext.put("x-st-return", (op.returnType != null) ? op.returnType : "void");
		}
		List<String> parts = multipartParts(operation.getRequestBody());
		if (parts != null) {
			op.allParams.removeIf((p) -> p.isBodyParam);
			op.bodyParams.clear();
			op.bodyParam = null;
			ext.put("x-st-content-type", "multipart/form-data");
			List<String> params = new ArrayList<>(Arrays.asList(signature(op.allParams, Set.of(), null).split(", ")));
			params.removeIf(String::isEmpty);
			params.addAll(parts);
			ext.put("x-st-params", String.join(", ", params));
		}
		else {
			ext.put("x-st-params", signature(op.allParams, Set.of(), null));
		}
		ext.put("x-st-exchange", exchange(httpMethod));
		return op;
	}

	private static void removeTenant(CodegenOperation op) {
		op.allParams.removeIf((p) -> p.isPathParam && TENANT.equals(p.baseName));
		op.pathParams.removeIf((p) -> TENANT.equals(p.baseName));
		op.requiredParams.removeIf((p) -> p.isPathParam && TENANT.equals(p.baseName));
	}

	private static String exchange(String httpMethod) {
		return switch (httpMethod.toUpperCase(java.util.Locale.ROOT)) {
			case "GET" -> "GetExchange";
			case "POST" -> "PostExchange";
			case "PUT" -> "PutExchange";
			case "PATCH" -> "PatchExchange";
			case "DELETE" -> "DeleteExchange";
			default -> throw new IllegalArgumentException("No HTTP interface annotation for method " + httpMethod);
		};
	}

	/** The schema of the first 2xx answer, JSON preferred; null when it declares no body. */
	private Schema<?> successSchema(Operation operation) {
		if (operation.getResponses() == null) {
			return null;
		}
		List<String> codes = new ArrayList<>(operation.getResponses().keySet());
		codes.sort(null);
		for (String code : codes) {
			if (!code.startsWith("2")) {
				continue;
			}
			ApiResponse response = ModelUtils.getReferencedApiResponse(this.openAPI, operation.getResponses().get(code));
			return schemaOf(response.getContent());
		}
		return null;
	}

	private static Schema<?> schemaOf(Content content) {
		if (content == null || content.isEmpty()) {
			return null;
		}
		MediaType json = content.get("application/json");
		MediaType media = (json != null) ? json : content.values().iterator().next();
		return media.getSchema();
	}

	/** The Java type of the records of an envelope: the items of its {@code data} array. */
	private String itemType(String envelope) {
		Schema<?> schema = ModelUtils.getSchema(this.openAPI, envelope);
		Schema<?> data = (schema != null && schema.getProperties() != null) ? schema.getProperties().get("data") : null;
		if (data == null || data.getItems() == null) {
			throw new IllegalStateException("Envelope " + envelope + " has no data array");
		}
		return getTypeDeclaration(data.getItems());
	}

	/** The model the records of an envelope are, for the interface's imports; null for a JSON type. */
	private String itemModel(String envelope) {
		Schema<?> schema = ModelUtils.getSchema(this.openAPI, envelope);
		Schema<?> data = (schema != null && schema.getProperties() != null) ? schema.getProperties().get("data") : null;
		Schema<?> items = (data != null) ? data.getItems() : null;
		return (items != null && items.get$ref() != null) ? toModelName(ModelUtils.getSimpleRef(items.get$ref())) : null;
	}

	/**
	 * ServiceTitan declares uploads as a JSON object with a binary {@code file} property; they are multipart on the
	 * wire. Returns the part parameters, or null when the body is not such an object.
	 */
	private List<String> multipartParts(RequestBody body) {
		if (body == null) {
			return null;
		}
		RequestBody resolved = ModelUtils.getReferencedRequestBody(this.openAPI, body);
		Schema<?> schema = ModelUtils.getReferencedSchema(this.openAPI, schemaOf(resolved.getContent()));
		if (schema == null || schema.getProperties() == null
				|| schema.getProperties().values().stream().noneMatch(ModelUtils::isBinarySchema)) {
			return null;
		}
		List<String> parts = new ArrayList<>();
		schema.getProperties().forEach((name, property) -> {
			String type = ModelUtils.isBinarySchema(property) ? "Resource" : getTypeDeclaration(property);
			parts.add("@RequestPart(\"" + name + "\") " + type + " " + toParamName(name));
		});
		return parts;
	}

	/** The Java parameter list of a method: annotations, types and names, without the tenant and the names left out. */
	private static String signature(List<CodegenParameter> params, Set<String> leftOut, String extra) {
		List<String> declared = new ArrayList<>();
		for (CodegenParameter p : params) {
			if (p.isQueryParam && leftOut.contains(p.baseName)) {
				continue;
			}
			String required = p.required ? "" : ", required = false";
			if (p.isPathParam) {
				declared.add("@PathVariable(\"" + p.baseName + "\") " + p.dataType + " " + p.paramName);
			}
			else if (p.isQueryParam) {
				declared.add("@RequestParam(value = \"" + p.baseName + "\"" + required + ") " + p.dataType + " "
						+ p.paramName);
			}
			else if (p.isHeaderParam) {
				declared.add("@RequestHeader(value = \"" + p.baseName + "\"" + required + ") " + p.dataType + " "
						+ p.paramName);
			}
			else if (p.isCookieParam) {
				declared.add("@CookieValue(value = \"" + p.baseName + "\"" + required + ") " + p.dataType + " "
						+ p.paramName);
			}
			else if (p.isBodyParam) {
				declared.add("@RequestBody" + (p.required ? "" : "(required = false)") + " " + p.dataType + " "
						+ p.paramName);
			}
			else if (p.isFormParam) {
				declared.add("@RequestPart(value = \"" + p.baseName + "\"" + required + ") " + p.dataType + " "
						+ p.paramName);
			}
		}
		if (extra != null) {
			declared.add(extra);
		}
		return String.join(", ", declared);
	}

	@Override
	public OperationsMap postProcessOperationsWithModels(OperationsMap objs, List<ModelMap> allModels) {
		OperationsMap result = super.postProcessOperationsWithModels(objs, allModels);
		OperationMap operations = result.getOperations();
		List<CodegenOperation> ops = operations.getOperation();
		String base = basePath(ops.stream().map((op) -> this.serverPath + op.path).toList());
		Set<String> names = new HashSet<>();
		ops.forEach((op) -> names.add(op.nickname));
		for (CodegenOperation op : ops) {
			op.vendorExtensions.put("x-st-path", (this.serverPath + op.path).substring(base.length()));
			if (op.vendorExtensions.containsKey("x-st-walk-return")) {
				String walk = op.nickname + "Stream";
				if (!names.add(walk)) {
					throw new IllegalStateException("Operation " + walk + " exists in the spec: the walk of "
							+ op.nickname + " cannot take its name");
				}
				op.vendorExtensions.put("x-st-walk-name", walk);
			}
		}
		result.put("stBasePath", base);
		result.setImports(keepImports(result.getImports()));
		return result;
	}

	/**
	 * The path every operation of one interface shares, up to and including {@code {tenant}}:
	 * {@code /jpm/v2/tenant/{tenant}}; {@code /telecom} where v2 and v3 operations share one interface.
	 */
	static String basePath(List<String> paths) {
		if (paths.isEmpty()) {
			return "";
		}
		String[] common = paths.get(0).split("/", -1);
		int length = common.length;
		for (String path : paths) {
			String[] segments = path.split("/", -1);
			int same = 0;
			while (same < Math.min(length, segments.length) && segments[same].equals(common[same])) {
				same++;
			}
			length = same;
		}
		int end = length;
		for (int i = length - 1; i >= 0; i--) {
			if (("{" + TENANT + "}").equals(common[i])) {
				end = i + 1;
				break;
			}
		}
		// Never the whole path of an operation: the method keeps at least its last segment
		int shared = length;
		if (end == length && paths.stream().anyMatch((p) -> p.split("/", -1).length == shared)) {
			end = length - 1;
		}
		return String.join("/", Arrays.copyOf(common, Math.max(end, 0)));
	}

	@Override
	public Map<String, ModelsMap> postProcessAllModels(Map<String, ModelsMap> objs) {
		Map<String, ModelsMap> result = super.postProcessAllModels(objs);
		for (ModelsMap models : result.values()) {
			models.setImports(keepImports(models.getImports()));
			for (ModelMap model : models.getModels()) {
				CodegenModel codegenModel = model.getModel();
				if (codegenModel.isEnum) {
					codegenModel.vendorExtensions.put("x-st-enum",
							Map.of("enumName", codegenModel.classname, "enumValueType", qualified(codegenModel.dataType)));
				}
				for (CodegenProperty property : codegenModel.vars) {
					if (property.isEnum) {
						property.vendorExtensions.put("x-st-enum",
								Map.of("enumName", property.datatypeWithEnum, "enumValueType", qualified(property.dataType)));
					}
					// Secrets stay out of toString()
					property.vendorExtensions.put("x-st-secret", "password".equals(property.dataFormat));
				}
			}
		}
		return result;
	}

	/**
	 * {@code java.lang.String} for {@code String}: enums keep ServiceTitan's value names as constant names, and a
	 * constant named {@code String} (report data types) would shadow the class inside the enum.
	 */
	private static String qualified(String type) {
		return Set.of("String", "Integer", "Long", "Short", "Byte", "Double", "Float", "Boolean").contains(type)
				? "java.lang." + type : type;
	}

	/** Only imports of types: Jackson, validation and documentation annotations are the templates' business. */
	private static List<Map<String, String>> keepImports(List<Map<String, String>> imports) {
		if (imports == null) {
			return new ArrayList<>();
		}
		List<Map<String, String>> kept = new ArrayList<>();
		for (Map<String, String> entry : imports) {
			String name = entry.get("import");
			if (name != null && !name.equals("java.util.Objects") && (name.startsWith("java.") || name.startsWith("org.springframework.core.io.")
					|| !name.contains(".") || isModelImport(name))) {
				kept.add(entry);
			}
		}
		return kept;
	}

	private static boolean isModelImport(String name) {
		return !name.startsWith("com.fasterxml.") && !name.startsWith("tools.jackson.") && !name.startsWith("io.swagger.")
				&& !name.startsWith("jakarta.") && !name.startsWith("javax.") && !name.startsWith("org.openapitools.")
				&& !name.startsWith("org.springframework.") && !name.equals("io.github.servicetitan4j.Page")
				&& !name.equals("io.github.servicetitan4j.ExportPage");
	}

}
