package io.github.servicetitan4j;

import java.util.StringJoiner;

/**
 * Builds page and export bodies for tests.
 */
final class Envelopes {

	private Envelopes() {
	}

	/** Records {@code {"id":n,"name":"record n","extra":...}} for ids from..to. */
	static String records(int from, int to) {
		StringJoiner data = new StringJoiner(",", "[", "]");
		for (int id = from; id <= to; id++) {
			data.add("{\"id\":" + id + ",\"name\":\"record " + id + "\",\"modifiedOn\":\"2026-01-01T00:00:00Z\","
					+ "\"unknown\":{\"nested\":[1,2,3]}}");
		}
		return data.toString();
	}

	/** A page with its properties before data. */
	static String page(int page, boolean hasMore, int from, int to) {
		return "{\"page\":" + page + ",\"pageSize\":50,\"hasMore\":" + hasMore + ",\"totalCount\":null,\"data\":"
				+ records(from, to) + "}";
	}

	/** A page with totalCount. */
	static String page(int page, int pageSize, boolean hasMore, long totalCount, int from, int to) {
		return "{\"page\":" + page + ",\"pageSize\":" + pageSize + ",\"hasMore\":" + hasMore + ",\"totalCount\":"
				+ totalCount + ",\"data\":" + records(from, to) + "}";
	}

	/** An export batch with its properties after data, as some endpoints send them. */
	static String batch(String continueFrom, boolean hasMore, int from, int to) {
		return "{\"data\":" + records(from, to) + ",\"hasMore\":" + hasMore + ",\"continueFrom\":\"" + continueFrom
				+ "\"}";
	}

}
