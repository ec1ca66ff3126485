package io.github.servicetitan4j.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Renders ServiceTitan-shaped job records and the envelopes of list pages and export batches. Record {@code n} is
 * always the same bytes (330 to 370 of them, with the fields of a jpm job), so the server can build any page or batch
 * from its index alone and a client can check what it received by summing ids.
 */
final class JobRecords {

	/** Id of record 0; ids then count up by one, in page and feed order. */
	static final long FIRST_ID = 40_000_001L;

	private static final String[] STATUSES = { "Completed", "Scheduled", "InProgress", "Canceled", "Hold" };

	private static final String[] SUMMARIES = { "No cooling upstairs, unit running but blowing warm air",
			"Annual maintenance on furnace and water heater", "Kitchen sink leaking under cabinet, customer home after 3",
			"Replace breaker panel, permit pulled" };

	private static final String TOKEN_PREFIX = "Y2YtMjAyNC0wMS0wMXw";

	private static final long EPOCH_2024 = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();

	private JobRecords() {
	}

	static long id(long index) {
		return FIRST_ID + index;
	}

	/** Sum of the ids of records {@code [from, to)}, what a client that read them all should add up to. */
	static long idSum(long from, long to) {
		long count = to - from;
		return count * FIRST_ID + (from + to - 1) * count / 2;
	}

	/** Sum of the ids of a feed of {@code total} records that goes round the first {@code distinct} ones. */
	static long cycledIdSum(long total, long distinct) {
		return (total / distinct) * idSum(0, distinct) + idSum(0, total % distinct);
	}

	static byte[] record(long index) {
		StringBuilder json = new StringBuilder(360);
		appendRecord(json, index);
		return json.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** The records {@code [from, to)}, comma-separated: the inside of a {@code data} array. */
	static byte[] records(long from, long to) {
		ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(16, (to - from) * 330));
		StringBuilder json = new StringBuilder(64 * 1024 + 512);
		for (long i = from; i < to; i++) {
			if (i > from) {
				json.append(',');
			}
			appendRecord(json, i);
			if (json.length() > 64 * 1024) {
				out.writeBytes(json.toString().getBytes(StandardCharsets.UTF_8));
				json.setLength(0);
			}
		}
		out.writeBytes(json.toString().getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	/** What a page of {@code GET /jpm/v2/tenant/{t}/jobs} says before its records. */
	static byte[] pageHead(int page, int pageSize, boolean hasMore, @Nullable Long totalCount) {
		return ("{\"page\":" + page + ",\"pageSize\":" + pageSize + ",\"hasMore\":" + hasMore + ",\"totalCount\":"
				+ totalCount + ",\"data\":[")
			.getBytes(StandardCharsets.UTF_8);
	}

	/** What a batch of {@code GET /jpm/v2/tenant/{t}/export/jobs} says before its records. */
	static byte[] exportHead(boolean hasMore, String continueFrom) {
		return ("{\"hasMore\":" + hasMore + ",\"continueFrom\":\"" + continueFrom + "\",\"data\":[")
			.getBytes(StandardCharsets.UTF_8);
	}

	/** What closes a page or a batch after its records. */
	static byte[] tail() {
		return "]}".getBytes(StandardCharsets.UTF_8);
	}

	/** The opaque continuation token that asks for batch {@code batch}. */
	static String token(int batch) {
		return TOKEN_PREFIX + batch;
	}

	/** The batch a token asks for, or -1 if it is not one of ours. */
	static int batchOf(String token) {
		if (!token.startsWith(TOKEN_PREFIX)) {
			return -1;
		}
		try {
			return Integer.parseInt(token.substring(TOKEN_PREFIX.length()));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static void appendRecord(StringBuilder json, long index) {
		long id = id(index);
		int n = (int) (index % 9973);
		String created = Instant.ofEpochSecond(EPOCH_2024 + index * 37).toString();
		String modified = Instant.ofEpochSecond(EPOCH_2024 + index * 37 + 86_400 + n).toString();
		json.append("{\"id\":").append(id)
			.append(",\"jobNumber\":\"").append(id - 40_000_000L).append('"')
			.append(",\"customerId\":").append(30_000_000L + index / 3)
			.append(",\"locationId\":").append(31_000_000L + index / 3)
			.append(",\"jobStatus\":\"").append(STATUSES[n % STATUSES.length]).append('"')
			.append(",\"businessUnitId\":").append(1_000 + n % 12)
			.append(",\"jobTypeId\":").append(2_000 + n % 40)
			.append(",\"priority\":\"Normal\"")
			.append(",\"campaignId\":").append(5_000 + n % 25)
			.append(",\"summary\":\"").append(SUMMARIES[n % SUMMARIES.length]).append('"')
			.append(",\"noCharge\":").append(n % 17 == 0)
			.append(",\"createdOn\":\"").append(created).append('"')
			.append(",\"modifiedOn\":\"").append(modified).append('"')
			.append(",\"tagTypeIds\":[").append(7_000 + n % 5).append(',').append(7_100 + n % 7).append(']')
			.append(",\"active\":true}");
	}

}
