package io.github.servicetitan4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import io.github.servicetitan4j.Endpoint;
import io.github.servicetitan4j.ExportOptions;
import io.github.servicetitan4j.ExportStream;
import io.github.servicetitan4j.ServiceTitanClient;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records at the speed of the bytes (issue 25): 50,000 jpm jobs read as a page walk and as an export feed, at page
 * sizes 100, 1,000 and 5,000, by five readers side by side in one JVM, round by round in rotating order:
 * <ul>
 * <li>{@code bytes}: the byte floor, one JDK {@link HttpClient} on one keep-alive connection, pages read as bytes
 * into a reused buffer, nothing parsed (it knows the page count and the export tokens in advance);</li>
 * <li>{@code jackson-tree}, {@code jackson-record} and {@code jackson-record-text}: the same requests, each body parsed
 * once by a plain Jackson loop over the response stream, one {@link JsonNode}, {@link Job} or {@link JobText} per
 * record;</li>
 * <li>{@code starter-tree}, {@code starter-record} and {@code starter-record-text}: the client as users get it (default
 * look-ahead, default retry settings, the rate limiter off), {@code streamAll}/{@code streamExport} as
 * {@link JsonNode}, {@link Job} and {@link JobText}.</li>
 * </ul>
 * Each cell reports wall time (median and range over the rounds), the ratio of medians to the byte floor (the figure
 * judged), the rounds' own ratios, and the CPU time of the whole JVM per run (all threads), less disturbed by other
 * processes. Then the cold figure: for each reader, three fresh JVMs started together, each timing its first walk of
 * 50,000 records at pageSize 5,000 (no warm-up at all). Run by hand:
 * {@code java -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' io.github.servicetitan4j.benchmarks.RecordsBenchmark}
 * ({@code -Drecords.rounds=n}, {@code -Drecords.warmup=n}, {@code -Drecords.cold=false}).
 */
public final class RecordsBenchmark {

	static final int RECORDS = 50_000;

	private static final int[] PAGE_SIZES = java.util.Arrays
		.stream(System.getProperty("records.pageSizes", "100,1000,5000").split(","))
		.mapToInt(Integer::parseInt)
		.toArray();

	/** Shapes measured ({@code -Drecords.shapes=walk,export}). */
	private static final String SHAPES = System.getProperty("records.shapes", "walk,export");

	private static final int COLD_PAGE_SIZE = 5_000;

	private static final int COLD_JVMS = 3;

	private static final long ID_SUM = JobRecords.idSum(0, RECORDS);

	private RecordsBenchmark() {
	}

	/** A jpm job as an application would map it, its dates as {@link Instant}s. */
	public record Job(long id, String jobNumber, long customerId, long locationId, String jobStatus, long businessUnitId,
			long jobTypeId, String priority, long campaignId, String summary, boolean noCharge, Instant createdOn,
			Instant modifiedOn, List<Long> tagTypeIds, boolean active) {
	}

	/**
	 * The same job with its dates kept as text: Jackson's own {@code Instant} deserializer costs about 1.5 us a date
	 * here, more than the rest of the record, so this type shows the client's share without it.
	 */
	public record JobText(long id, String jobNumber, long customerId, long locationId, String jobStatus,
			long businessUnitId, long jobTypeId, String priority, long campaignId, String summary, boolean noCharge,
			String createdOn, String modifiedOn, List<Long> tagTypeIds, boolean active) {
	}

	enum Shape {

		WALK, EXPORT

	}

	enum Reader {

		BYTES("bytes"), JACKSON_TREE("jackson-tree"), JACKSON_RECORD("jackson-record"),
		JACKSON_RECORD_TEXT("jackson-record-text"), STARTER_TREE("starter-tree"), STARTER_RECORD("starter-record"),
		STARTER_RECORD_TEXT("starter-record-text");

		private final String label;

		Reader(String label) {
			this.label = label;
		}

		static Reader named(String label) {
			for (Reader reader : values()) {
				if (reader.label.equals(label)) {
					return reader;
				}
			}
			throw new IllegalArgumentException(label);
		}

	}

	public static void main(String[] args) throws Exception {
		if (args.length == 3 && "cold".equals(args[0])) {
			cold(Reader.named(args[1]), URI.create(args[2]));
			return;
		}
		int warmup = Integer.getInteger("records.warmup", 3);
		int rounds = Integer.getInteger("records.rounds", 7);
		String date = Instant.now().toString();
		double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		StringBuilder table = new StringBuilder();
		StringBuilder byThread = new StringBuilder();
		byThread.append("CPU ms by thread group (median of the measured rounds): where the time went\n\n| pageSize | shape | reader | ")
			.append(String.join(" | ", ThreadCpu.GROUPS))
			.append(" |\n|---|---|---|")
			.append("---|".repeat(ThreadCpu.GROUPS.length))
			.append("\n");
		table.append("| pageSize | shape | reader | median ms | range ms | x bytes (medians) | rounds' x bytes (median, range)"
				+ " | CPU ms (median) | CPU x bytes |\n");
		table.append("|---|---|---|---|---|---|---|---|---|\n");
		Map<Integer, StubServer> servers = new LinkedHashMap<>();
		try {
			for (int pageSize : PAGE_SIZES) {
				StubServer server = new StubServer(Duration.ZERO, RECORDS, RECORDS, pageSize);
				server.prerender(pageSize);
				servers.put(pageSize, server);
			}
			for (int pageSize : PAGE_SIZES) {
				Side side = new Side(servers.get(pageSize).uri(), pageSize);
				for (Shape shape : Shape.values()) {
					if (!SHAPES.contains(shape.name().toLowerCase(Locale.ROOT))) {
						continue;
					}
					measure(side, shape, warmup, rounds, table, byThread);
				}
				side.close();
			}
			String cold = (Boolean.parseBoolean(System.getProperty("records.cold", "true"))
					&& servers.containsKey(COLD_PAGE_SIZE)) ? coldTable(servers.get(COLD_PAGE_SIZE).uri()) : "";
			double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
			System.out.println();
			System.out.printf(Locale.ROOT, "- Date: %s; load average (1 min) %.2f before, %.2f after; %d cores; %s%n", date,
					loadBefore, loadAfter, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
			System.out.printf(Locale.ROOT, "- %d records; warm: %d warm-up + %d measured rounds per cell, readers in rotating "
					+ "order each round%n%n", RECORDS, warmup, rounds);
			System.out.println(table);
			System.out.println(byThread);
			System.out.println(cold);
		}
		finally {
			servers.values().forEach(StubServer::close);
		}
		System.exit(0);
	}

	private static void measure(Side side, Shape shape, int warmup, int rounds, StringBuilder table,
			StringBuilder byThread) throws Exception {
		Reader[] readers = Reader.values();
		double[][] ms = new double[readers.length][rounds];
		double[][] cpu = new double[readers.length][rounds];
		double[][][] groups = new double[readers.length][ThreadCpu.GROUPS.length][rounds];
		for (int round = -warmup; round < rounds; round++) {
			StringBuilder line = new StringBuilder();
			for (int k = 0; k < readers.length; k++) {
				int index = Math.floorMod(k + round, readers.length);
				long[] groupsStart = ThreadCpu.snapshot();
				long cpuStart = Results.processCpuNanos();
				long start = System.nanoTime();
				side.run(readers[index], shape);
				double elapsed = (System.nanoTime() - start) / 1e6;
				if (round >= 0) {
					ms[index][round] = elapsed;
					cpu[index][round] = (Results.processCpuNanos() - cpuStart) / 1e6;
					long[] groupsEnd = ThreadCpu.snapshot();
					for (int g = 0; g < groupsEnd.length; g++) {
						groups[index][g][round] = (groupsEnd[g] - groupsStart[g]) / 1e6;
					}
				}
				line.append(String.format(Locale.ROOT, " %s %.1f", readers[index].label, elapsed));
			}
			Results.progress("  pageSize %d %s %s %d:%s", side.pageSize, shape, (round < 0) ? "warm-up" : "round",
					(round < 0) ? round + warmup + 1 : round + 1, line);
		}
		double floor = Stats.median(ms[Reader.BYTES.ordinal()]);
		double cpuFloor = Stats.median(cpu[Reader.BYTES.ordinal()]);
		for (Reader reader : readers) {
			double[] own = ms[reader.ordinal()];
			double[] ratios = Stats.ratios(own, ms[Reader.BYTES.ordinal()]);
			double ownCpu = Stats.median(cpu[reader.ordinal()]);
			table.append(String.format(Locale.ROOT,
					"| %d | %s | %s | %.1f | %.1f-%.1f | **%.2fx** | %.2f (%.2f-%.2f) | %.1f | %.2fx |%n", side.pageSize,
					shape.name().toLowerCase(Locale.ROOT), reader.label, Stats.median(own), Stats.min(own),
					Stats.max(own), Stats.median(own) / floor, Stats.median(ratios), Stats.min(ratios),
					Stats.max(ratios), ownCpu, ownCpu / cpuFloor));
			byThread.append(String.format(Locale.ROOT, "| %d | %s | %s |", side.pageSize,
					shape.name().toLowerCase(Locale.ROOT), reader.label));
			for (double[] group : groups[reader.ordinal()]) {
				byThread.append(String.format(Locale.ROOT, " %.1f |", Stats.median(group)));
			}
			byThread.append('\n');
		}
	}

	/** Starts three JVMs per reader together; each times its first walk. */
	private static String coldTable(URI server) throws Exception {
		StringBuilder table = new StringBuilder();
		table.append("Cold: first walk of ").append(RECORDS).append(" records at pageSize ").append(COLD_PAGE_SIZE)
			.append(" in a fresh JVM, ").append(COLD_JVMS).append(" JVMs started together per reader\n\n");
		table.append("| reader | first walk ms (3 JVMs) |\n|---|---|\n");
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		for (Reader reader : Reader.values()) {
			List<Process> processes = new ArrayList<>();
			for (int i = 0; i < COLD_JVMS; i++) {
				processes.add(new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
						RecordsBenchmark.class.getName(), "cold", reader.label, server.toString())
					.redirectErrorStream(true)
					.start());
			}
			List<String> figures = new ArrayList<>();
			for (Process process : processes) {
				String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
					throw new IllegalStateException("cold run of " + reader.label + " failed: " + out);
				}
				figures.add(out.lines().filter((l) -> l.startsWith("cold ")).findFirst().orElseThrow().substring(5));
			}
			table.append("| ").append(reader.label).append(" | ").append(String.join(", ", figures)).append(" |\n");
		}
		return table.toString();
	}

	private static void cold(Reader reader, URI server) throws Exception {
		long start = System.nanoTime();
		Side side = new Side(server, COLD_PAGE_SIZE);
		side.run(reader, Shape.WALK);
		System.out.printf(Locale.ROOT, "cold %.0f%n", (System.nanoTime() - start) / 1e6);
		side.close();
		System.exit(0);
	}

	/** The five readers of one server (one page size). */
	private static final class Side {

		private final int pageSize;

		private final int pages;

		private final String base;

		private final HttpClient http = Clients.jdkHttpClient();

		private final JsonMapper mapper = JsonMapper.builder().build();

		private final ObjectReader trees = this.mapper.readerFor(JsonNode.class)
			.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

		private final ObjectReader jobs = this.mapper.readerFor(Job.class)
			.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

		private final ObjectReader jobTexts = this.mapper.readerFor(JobText.class)
			.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

		private final byte[] buffer = new byte[64 * 1024];

		private final ServiceTitanClient client;

		private final Endpoint endpoint;

		Side(URI server, int pageSize) {
			this.pageSize = pageSize;
			this.pages = RECORDS / pageSize;
			this.base = server + "/jpm/v2/tenant/" + Clients.TENANT + "/";
			this.client = Clients.client(server).build();
			this.endpoint = this.client.endpoint("jpm", "jobs");
		}

		void run(Reader reader, Shape shape) throws Exception {
			long idSum = switch (reader) {
				case BYTES -> bytes(shape);
				case JACKSON_TREE -> jackson(shape, null);
				case JACKSON_RECORD -> jackson(shape, this.jobs);
				case JACKSON_RECORD_TEXT -> jackson(shape, this.jobTexts);
				case STARTER_TREE -> starterTree(shape);
				case STARTER_RECORD -> starter(shape, Job.class, Job::id);
				case STARTER_RECORD_TEXT -> starter(shape, JobText.class, JobText::id);
			};
			if (reader != Reader.BYTES && idSum != ID_SUM) {
				throw new IllegalStateException(reader.label + " " + shape + " read id sum " + idSum + ", expected " + ID_SUM);
			}
		}

		private String path(Shape shape, int index) {
			if (shape == Shape.WALK) {
				return "jobs?pageSize=" + this.pageSize + "&page=" + (index + 1);
			}
			return "export/jobs" + ((index == 0) ? ""
					: "?from=" + URLEncoder.encode(JobRecords.token(index), StandardCharsets.UTF_8));
		}

		/** Returns the bytes read, checked against the records' size. */
		private long bytes(Shape shape) throws Exception {
			long total = 0;
			for (int i = 0; i < this.pages; i++) {
				try (InputStream body = send(path(shape, i))) {
					int read;
					while ((read = body.read(this.buffer)) != -1) {
						total += read;
					}
				}
			}
			if (total < RECORDS * 330L) {
				throw new IllegalStateException("bytes read " + total);
			}
			return total;
		}

		/** Parses each body once, streaming: a tree per record, or a record of the reader's type. */
		private long jackson(Shape shape, @Nullable ObjectReader records) throws Exception {
			long idSum = 0;
			for (int i = 0; i < this.pages; i++) {
				try (InputStream body = send(path(shape, i)); JsonParser parser = this.mapper.createParser(body)) {
					if (parser.nextToken() != JsonToken.START_OBJECT) {
						throw new IOException("not an object");
					}
					while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
						String name = parser.currentName();
						parser.nextToken();
						if (!"data".equals(name)) {
							parser.skipChildren();
							continue;
						}
						while (parser.nextToken() == JsonToken.START_OBJECT) {
							if (records == this.jobs) {
								Job job = records.readValue(parser);
								idSum += job.id();
							}
							else if (records != null) {
								JobText job = records.readValue(parser);
								idSum += job.id();
							}
							else {
								JsonNode node = this.trees.readValue(parser);
								idSum += node.get("id").asLong();
							}
						}
					}
				}
			}
			return idSum;
		}

		private long starterTree(Shape shape) {
			long idSum = 0;
			if (shape == Shape.WALK) {
				try (Stream<JsonNode> records = this.endpoint.streamAll(Map.of("pageSize", this.pageSize))) {
					idSum = records.mapToLong((node) -> node.get("id").asLong()).sum();
				}
			}
			else {
				try (ExportStream<JsonNode> feed = this.endpoint.streamExport("jobs", ExportOptions.from(null))) {
					for (JsonNode node : feed) {
						idSum += node.get("id").asLong();
					}
				}
			}
			return idSum;
		}

		private <T> long starter(Shape shape, Class<T> type, ToLongFunction<T> id) {
			long idSum = 0;
			if (shape == Shape.WALK) {
				try (Stream<T> records = this.endpoint.streamAll(Map.of("pageSize", this.pageSize), type)) {
					idSum = records.mapToLong(id).sum();
				}
			}
			else {
				try (ExportStream<T> feed = this.endpoint.streamExport("jobs", ExportOptions.from(null), type)) {
					for (T job : feed) {
						idSum += id.applyAsLong(job);
					}
				}
			}
			return idSum;
		}

		private InputStream send(String pathAndQuery) throws IOException, InterruptedException {
			return JdkFloor.get(this.http, this.base, pathAndQuery);
		}

		void close() {
			this.client.close();
		}

	}

}
