package io.github.servicetitan4j.test.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Export feeds: {@code GET .../export/{resource}?from=&includeRecentChanges=} answering
 * {@code {"hasMore", "continueFrom", "data"}}.
 * <p>
 * Records come in the order of their last change, at most {@code batchSize} per call. {@code continueFrom} is an
 * opaque token naming the resource and the last change delivered; {@code from} takes such a token, nothing (the
 * start), or a date or date-time (every record changed since then). With {@code includeRecentChanges=true} each batch
 * first repeats the last few records up to {@code from} (at most 10, at most half a batch), so a client sees records
 * more than once, as ServiceTitan warns it may. Records changed during a test move to the feed's end.
 */
public final class ExportFeed {

	/** Most records repeated at the start of a batch with {@code includeRecentChanges=true}. */
	public static final int RECENT_CHANGES_REPEAT = 10;

	private static final String TOKEN_PREFIX = "st-sim/1/";

	private final int batchSize;

	public ExportFeed(int batchSize) {
		if (batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1");
		}
		this.batchSize = batchSize;
	}

	/** One export call for {@code resource} (such as {@code jpm/jobs}) over {@code store}. */
	public Map<String, @Nullable Object> export(String resource, RecordStore store, SimRequest request) {
		long position = position(resource, store, request.queryParam("from"));
		boolean recentChanges = "true".equalsIgnoreCase(request.queryParam("includeRecentChanges"));
		int repeat = recentChanges ? Math.min(RECENT_CHANGES_REPEAT, this.batchSize / 2) : 0;
		List<RecordStore.Change> batch = new ArrayList<>();
		if (repeat > 0 && position > 0) {
			batch.addAll(store.changesUpTo(position, repeat));
		}
		batch.addAll(store.changesAfter(position, this.batchSize - batch.size()));
		long last = position;
		List<Map<String, @Nullable Object>> data = new ArrayList<>();
		for (RecordStore.Change change : batch) {
			data.add(change.record());
			last = Math.max(last, change.sequence());
		}
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("hasMore", store.hasChangesAfter(last));
		body.put("continueFrom", token(resource, last));
		body.put("data", data);
		return body;
	}

	static String token(String resource, long position) {
		String plain = TOKEN_PREFIX + resource + "/" + position;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	private static long position(String resource, RecordStore store, @Nullable String from) {
		if (from == null || from.trim().isEmpty()) {
			return 0;
		}
		String text = from.trim();
		if (text.length() >= 10 && Character.isDigit(text.charAt(0)) && text.charAt(4) == '-') {
			Instant instant = PagedQuery.parseInstant(text);
			if (instant == null) {
				throw Problem.badRequest("From", "The value '" + text + "' is neither a continueFrom token nor a date.");
			}
			return store.positionBefore(instant);
		}
		String plain;
		try {
			plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw Problem.badRequest("From", "The value '" + text + "' is neither a continueFrom token nor a date.");
		}
		String expected = TOKEN_PREFIX + resource + "/";
		if (!plain.startsWith(expected)) {
			throw Problem.badRequest("From", "The continueFrom token belongs to another export.");
		}
		Long position = Records.asLong(plain.substring(expected.length()));
		if (position == null || position < 0) {
			throw Problem.badRequest("From", "The value '" + text + "' is not a valid continueFrom token.");
		}
		return position;
	}

}
