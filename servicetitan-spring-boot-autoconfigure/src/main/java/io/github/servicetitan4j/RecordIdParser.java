package io.github.servicetitan4j;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.util.JsonParserDelegate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The parser a record is bound through when it is mapped straight from the token stream: it notes the record's
 * top-level {@code id} on the way past, so that a batch read again after being cut short can check that the last record
 * it delivered is still the one it skips to, without building the record as a tree. Watching costs a depth comparison
 * per token.
 */
final class RecordIdParser extends JsonParserDelegate {

	private int recordDepth = -1;

	private @Nullable JsonNode id;

	RecordIdParser(JsonParser parser) {
		super(parser);
	}

	/** Called on the record's {@code START_OBJECT}, before it is bound. */
	void startRecord() {
		this.id = null;
		this.recordDepth = this.delegate.streamReadContext().getNestingDepth();
	}

	/** The {@code id} of the record last bound, or null if it had none (or it was not a scalar). */
	@Nullable JsonNode id() {
		return this.id;
	}

	@Override
	public @Nullable JsonToken nextToken() {
		return watch(this.delegate.nextToken());
	}

	@Override
	public @Nullable JsonToken nextValue() {
		return watch(this.delegate.nextValue());
	}

	private @Nullable JsonToken watch(@Nullable JsonToken token) {
		if (token != null && token.isScalarValue() && this.id == null
				&& this.delegate.streamReadContext().getNestingDepth() == this.recordDepth
				&& "id".equals(this.delegate.currentName())) {
			this.id = scalar(token);
		}
		return token;
	}

	private JsonNode scalar(JsonToken token) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		return switch (token) {
			case VALUE_STRING -> nodes.stringNode(this.delegate.getString());
			case VALUE_NUMBER_INT -> switch (this.delegate.getNumberType()) {
				case INT -> nodes.numberNode(this.delegate.getIntValue());
				case LONG -> nodes.numberNode(this.delegate.getLongValue());
				default -> nodes.numberNode(this.delegate.getBigIntegerValue());
			};
			// As a tree reads it by default, so that the two compare equal.
			case VALUE_NUMBER_FLOAT -> nodes.numberNode(this.delegate.getDoubleValue());
			case VALUE_TRUE, VALUE_FALSE -> nodes.booleanNode(token == JsonToken.VALUE_TRUE);
			default -> nodes.nullNode();
		};
	}

}
