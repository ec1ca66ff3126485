package io.github.servicetitan4j;

import java.util.HashSet;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Drops records already delivered in this run of an export feed: with {@code includeRecentChanges=true} ServiceTitan
 * may send the same version of a record twice. A record is the same when its {@code id} and {@code modifiedOn} are;
 * records without an {@code id} are never dropped. It remembers one key per distinct record of the run, so its memory
 * grows with the number of records read (tens of bytes each), unlike the rest of a stream.
 */
final class RepeatFilter {

	private final Set<String> seen = new HashSet<>();

	/**
	 * Whether the record is delivered for the first time in this run (and remembers it).
	 * @param record the record
	 * @return false for a repeat
	 */
	boolean firstTime(JsonNode record) {
		JsonNode id = record.get("id");
		if (id == null || id.isNull()) {
			return true;
		}
		JsonNode modifiedOn = record.get("modifiedOn");
		// The JSON text of each value: works for numbers, strings and anything else the feed may use.
		String key = id + "\u0000" + modifiedOn;
		return this.seen.add(key);
	}

}
