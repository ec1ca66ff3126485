package io.github.servicetitan4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * The pages of one report run, for a {@link PageWalk}: each page is read whole (at most a page of rows in memory, as
 * bytes), its {@code fields} are read wherever they stand in the envelope (ServiceTitan's own example puts them after
 * {@code data}), and its rows are then handed out named by them, with the data types of the report's description.
 */
final class ReportPages implements PageWalk.PageSource {

	private final IntFunction<BufferedPage> reader;

	private final RecordMapper records;

	private final CallDescriptor call;

	private final Reports.Description description;

	private volatile @Nullable ReportColumns columns;

	/**
	 * @param reader reads a page whole, by the {@link WholeBodyReader}, over either data flow ({@link ReportQueries})
	 * @param records JSON reading
	 * @param call the run
	 * @param description the report's description
	 */
	ReportPages(IntFunction<BufferedPage> reader, RecordMapper records, CallDescriptor call,
			Reports.Description description) {
		this.reader = reader;
		this.records = records;
		this.call = call;
		this.description = description;
	}

	@Override
	public RecordBatch open(int page, RecordWalk.Scope scope) {
		return read(page).batch(scope);
	}

	@Override
	public PageWalk.ReadPage read(int page) {
		// Read whole like every page held in memory: a body cut short is a failed attempt, retried like any read; a body
		// past servicetitan.max-response-size is not. Checked whole there, so it needs no re-read when consumed.
		BufferedPage read = this.reader.apply(page);
		return (scope) -> batch(read);
	}

	private RecordBatch batch(BufferedPage page) {
		this.columns = new ReportColumns(fields(page.body()), this.records, this.call);
		return page.batch(this.records, this.call);
	}

	/** Turns the rows of the page last opened into {@link Reports.Row}s. */
	RecordDecoder<Reports.Row> decoder() {
		return (node, batch, index) -> new Reports.Row(current(), node, "row " + index + " of " + batch);
	}

	/** The fields of the page last read; the description's before any page is read. */
	List<Reports.Description.Field> fields() {
		ReportColumns current = this.columns;
		return (current != null) ? current.fields() : this.description.fields();
	}

	private ReportColumns current() {
		ReportColumns current = this.columns;
		if (current == null) {
			throw new IllegalStateException("no page has been read");
		}
		return current;
	}

	private List<Reports.Description.Field> fields(byte[] body) {
		JsonNode header = null;
		try (JsonParser parser = this.records.parser(body)) {
			if (parser.nextToken() == JsonToken.START_OBJECT) {
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String name = parser.currentName();
					parser.nextToken();
					if ("fields".equals(name)) {
						header = parser.readValueAsTree();
						break;
					}
					parser.skipChildren();
				}
			}
		}
		if (header == null || !header.isArray() || header.isEmpty()) {
			// A page that does not name its fields has the description's.
			return this.description.fields();
		}
		Map<String, Reports.DataType> declared = new HashMap<>();
		this.description.fields().forEach((field) -> declared.put(field.name(), field.dataType()));
		List<Reports.Description.Field> fields = new ArrayList<>(header.size());
		for (JsonNode field : header) {
			String name = field.path("name").asString("");
			String label = field.path("label").asString(name);
			Reports.DataType type = Reports.DataType.of(field.path("dataType").asString(null));
			if (type == Reports.DataType.UNKNOWN) {
				// Data pages name fields without types; the description gives them.
				type = declared.getOrDefault(name, Reports.DataType.UNKNOWN);
			}
			fields.add(new Reports.Description.Field(name, label, type));
		}
		return fields;
	}

}
