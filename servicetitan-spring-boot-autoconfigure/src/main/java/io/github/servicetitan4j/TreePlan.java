package io.github.servicetitan4j;

import java.util.LinkedHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.deser.jackson.JsonNodeDeserializer;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads records as {@link JsonNode} trees straight from JSON bytes held in memory (a page read ahead), building the
 * nodes Jackson's own tree deserializer would build, with the application's {@link JsonNodeFactory}: an object for an
 * object (its properties in order), an {@code int} node for an integer that fits an {@code int}, a {@code long} node for
 * a longer one, a {@code double} node for a number with a fraction or an exponent, and text, boolean and null nodes. It
 * is used only when Jackson's settings for trees are the defaults (no {@code USE_BIG_INTEGER_FOR_INTS},
 * {@code USE_LONG_FOR_INTS} or {@code USE_BIG_DECIMAL_FOR_FLOATS}, null properties read), and it
 * {@link JsonBytes#bail() bails} on anything it does not read exactly as Jackson would (an integer of more than 18
 * digits, a repeated property, JSON that is not strict): Jackson then reads that record from the same bytes.
 */
final class TreePlan {

	/** How many property names are kept as strings, so that records share their names as Jackson's parser shares them. */
	private static final int NAMES = 1024;

	private final JsonNodeFactory nodes;

	/**
	 * Whether the factory is Jackson's own, whose object nodes are nodes over a new {@code LinkedHashMap}: a record's
	 * node is then made over a map already sized for its properties.
	 */
	private final boolean sizedRecords;

	private final Name[] names = new Name[NAMES];

	/**
	 * How many properties the last record read had: the records of a page keep one shape. Threads that share the plan
	 * may see another's figure; it only sizes a map.
	 */
	private int recordSize;

	private TreePlan(JsonNodeFactory nodes) {
		this.nodes = nodes;
		this.sizedRecords = nodes.getClass() == JsonNodeFactory.class;
	}

	/**
	 * The plan for trees, if Jackson reads them in the default way.
	 * @param context a context of the client's mapper
	 * @param config the configuration trees are read with
	 * @param factory the client's stream factory
	 * @return the plan, or null
	 */
	static @Nullable TreePlan of(DeserializationContext context, DeserializationConfig config,
			TokenStreamFactory factory) {
		Boolean bigDecimals = config.getDatatypeFeatures().getExplicitState(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS);
		if (!JsonBytes.reads(factory, config) || config.isEnabled(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
				|| config.isEnabled(DeserializationFeature.USE_LONG_FOR_INTS)
				|| ((bigDecimals != null) ? bigDecimals : config.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS))
				|| !config.isEnabled(JsonNodeFeature.READ_NULL_PROPERTIES)) {
			return null;
		}
		try {
			if (context.findRootValueDeserializer(context.constructType(JsonNode.class))
				.getClass() != JsonNodeDeserializer.class) {
				return null;
			}
		}
		catch (RuntimeException ex) {
			return null;
		}
		return new TreePlan(config.getNodeFactory());
	}

	/**
	 * Reads the value the cursor stands on as a tree.
	 * @param in the cursor, left after the value
	 * @param depth how deep the value is nested
	 * @return the tree
	 * @throws JsonBytes.Bail if Jackson is to read it
	 */
	JsonNode read(JsonBytes in, int depth) {
		int c = in.peek();
		switch (c) {
			case '{':
				return object(in, depth + 1);
			case '[':
				return array(in, depth + 1);
			case '"':
				return this.nodes.stringNode(in.string());
			case 't':
			case 'f':
				return this.nodes.booleanNode(in.booleanValue());
			case 'n':
				if (!in.nullValue()) {
					throw JsonBytes.bail();
				}
				return this.nodes.nullNode();
			default:
				return number(in);
		}
	}

	/**
	 * Reads a record of a page as a tree, as {@link #read} does, its object made at the size of the last record's.
	 * @param in the cursor, left after the record
	 * @param depth how deep the record is nested
	 * @return the tree
	 * @throws JsonBytes.Bail if Jackson is to read it
	 */
	JsonNode record(JsonBytes in, int depth) {
		int size = this.recordSize;
		JsonNode record;
		if (!this.sizedRecords || size == 0 || in.peek() != '{') {
			record = read(in, depth);
		}
		else {
			// Without growing: Jackson's own node maps start at 16 slots and double at 12 properties.
			record = object(in, depth + 1, new ObjectNode(this.nodes, new LinkedHashMap<>(size + size / 3 + 1)));
		}
		if (record.size() != size) {
			this.recordSize = record.size();
		}
		return record;
	}

	private JsonNode number(JsonBytes in) {
		int start = in.pos;
		if (!in.number()) {
			return this.nodes.numberNode(in.parsedDouble(start));
		}
		in.pos = start;
		long integer = in.longValue();
		return (integer >= Integer.MIN_VALUE && integer <= Integer.MAX_VALUE) ? this.nodes.numberNode((int) integer)
				: this.nodes.numberNode(integer);
	}

	// The two loops below are spelt out rather than built on JsonBytes.opens() and more(): trees nest, and written
	// this way they measured about a tenth faster (ten pages of trees, alternating builds, 34.7 against 38.1 ms).
	private ObjectNode object(JsonBytes in, int depth) {
		return object(in, depth, this.nodes.objectNode());
	}

	private ObjectNode object(JsonBytes in, int depth, ObjectNode object) {
		in.checkDepth(depth);
		in.pos++;
		int c = in.peek();
		if (c == '}') {
			in.pos++;
			return object;
		}
		while (true) {
			if (c != '"') {
				throw JsonBytes.bail();
			}
			String name = in.name(this.names);
			in.expect(':');
			if (object.replace(name, read(in, depth)) != null) {
				// A repeated property: what Jackson does with it depends on its settings.
				throw JsonBytes.bail();
			}
			c = in.peek();
			in.pos++;
			if (c == '}') {
				return object;
			}
			if (c != ',') {
				throw JsonBytes.bail();
			}
			c = in.peek();
		}
	}

	private ArrayNode array(JsonBytes in, int depth) {
		in.checkDepth(depth);
		in.pos++;
		ArrayNode array = this.nodes.arrayNode();
		int c = in.peek();
		if (c == ']') {
			in.pos++;
			return array;
		}
		while (true) {
			array.add(read(in, depth));
			c = in.peek();
			in.pos++;
			if (c == ']') {
				return array;
			}
			if (c != ',') {
				throw JsonBytes.bail();
			}
		}
	}

	/** A property name as bytes and as the string it is; immutable, so it can be shared between threads as it is. */
	static final class Name {

		final byte[] bytes;

		final String text;

		Name(byte[] bytes, String text) {
			this.bytes = bytes;
			this.text = text;
		}

	}

}
