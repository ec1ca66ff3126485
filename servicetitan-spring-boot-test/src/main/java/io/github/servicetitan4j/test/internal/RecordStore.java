package io.github.servicetitan4j.test.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The records of one resource (customers, jobs, ...) and the order in which they last changed.
 * <p>
 * Every insert, update and delete gives the record the next modification sequence number; the export feed walks
 * records by that number, so anything changed during a test comes at the feed's end. Deleted records stay behind as
 * inactive tombstones: reads no longer find them, exports still deliver them once more.
 */
public final class RecordStore {

	private final String label;

	private final Clock clock;

	private final TreeMap<Long, Map<String, @Nullable Object>> byId = new TreeMap<>();

	private final Map<Long, Long> sequenceById = new HashMap<>();

	private final TreeMap<Long, Long> idBySequence = new TreeMap<>();

	private final Set<Long> deleted = new HashSet<>();

	private long nextId;

	private long sequence;

	/**
	 * @param label singular name used in messages, such as {@code Job}
	 * @param firstId id of the first record
	 * @param clock source of {@code modifiedOn} for changes
	 */
	public RecordStore(String label, long firstId, Clock clock) {
		this.label = label;
		this.nextId = firstId;
		this.clock = clock;
	}

	public String label() {
		return this.label;
	}

	/** The id the next inserted record gets. */
	public synchronized long nextId() {
		return this.nextId++;
	}

	/** Stores a new record, which must carry an {@code id}; stamps {@code createdOn}/{@code modifiedOn} if absent. */
	public synchronized Map<String, @Nullable Object> insert(Map<String, @Nullable Object> record) {
		Map<String, @Nullable Object> stored = Records.copy(record);
		long id = Records.id(stored);
		String now = Records.format(this.clock.instant());
		stored.putIfAbsent("createdOn", now);
		stored.putIfAbsent("modifiedOn", now);
		stored.putIfAbsent("active", Boolean.TRUE);
		this.byId.put(id, stored);
		this.nextId = Math.max(this.nextId, id + 1);
		touch(id);
		return Records.copy(stored);
	}

	/**
	 * Merges fields into a live record (id, createdOn and modifiedOn cannot be changed), stamps modifiedOn and moves
	 * the record to the end of the export feed.
	 * @throws Problem 404 when there is no such live record
	 */
	public synchronized Map<String, @Nullable Object> update(long id, Map<String, @Nullable Object> changes) {
		Map<String, @Nullable Object> stored = live(id);
		for (Map.Entry<String, @Nullable Object> change : changes.entrySet()) {
			String field = change.getKey();
			if (!field.equals("id") && !field.equals("createdOn") && !field.equals("modifiedOn")) {
				stored.put(field, Records.copy(change.getValue()));
			}
		}
		stored.put("modifiedOn", Records.format(this.clock.instant()));
		touch(id);
		return Records.copy(stored);
	}

	/**
	 * Deletes a live record: it is no longer found, and the export feed delivers it once more as inactive.
	 * @throws Problem 404 when there is no such live record
	 */
	public synchronized void delete(long id) {
		Map<String, @Nullable Object> stored = live(id);
		stored.put("active", Boolean.FALSE);
		stored.put("modifiedOn", Records.format(this.clock.instant()));
		this.deleted.add(id);
		touch(id);
	}

	/**
	 * A copy of a live record.
	 * @throws Problem 404 when there is no such live record
	 */
	public synchronized Map<String, @Nullable Object> get(long id) {
		return Records.copy(live(id));
	}

	/** A copy of a live record, or null. */
	public synchronized @Nullable Map<String, @Nullable Object> find(long id) {
		Map<String, @Nullable Object> stored = this.byId.get(id);
		return (stored != null && !this.deleted.contains(id)) ? Records.copy(stored) : null;
	}

	/** Whether a live record has this id. */
	public synchronized boolean exists(long id) {
		return this.byId.containsKey(id) && !this.deleted.contains(id);
	}

	/** Copies of all live records in id order. */
	public synchronized List<Map<String, @Nullable Object>> all() {
		List<Map<String, @Nullable Object>> all = new ArrayList<>();
		for (Map.Entry<Long, Map<String, @Nullable Object>> entry : this.byId.entrySet()) {
			if (!this.deleted.contains(entry.getKey())) {
				all.add(Records.copy(entry.getValue()));
			}
		}
		return all;
	}

	/** Number of live records. */
	public synchronized int size() {
		return this.byId.size() - this.deleted.size();
	}

	/** Highest modification sequence number handed out so far, 0 when nothing was stored. */
	public synchronized long lastSequence() {
		return this.sequence;
	}

	/**
	 * Records, live or deleted, whose last change has a sequence number above {@code after}, in sequence order.
	 * @param after sequence number already delivered
	 * @param limit most records to return
	 */
	public synchronized List<Change> changesAfter(long after, int limit) {
		List<Change> changes = new ArrayList<>();
		for (Map.Entry<Long, Long> entry : this.idBySequence.tailMap(after, false).entrySet()) {
			if (changes.size() >= limit) {
				break;
			}
			changes.add(new Change(entry.getKey(), exportView(entry.getValue())));
		}
		return changes;
	}

	/**
	 * Up to {@code count} changes at or before {@code upTo}, oldest first: what the previous batch ended with.
	 */
	public synchronized List<Change> changesUpTo(long upTo, int count) {
		List<Change> changes = new ArrayList<>();
		NavigableMap<Long, Long> before = this.idBySequence.headMap(upTo, true).descendingMap();
		for (Map.Entry<Long, Long> entry : before.entrySet()) {
			if (changes.size() >= count) {
				break;
			}
			changes.add(0, new Change(entry.getKey(), exportView(entry.getValue())));
		}
		return changes;
	}

	/** Whether any change has a sequence number above {@code after}. */
	public synchronized boolean hasChangesAfter(long after) {
		return this.idBySequence.higherKey(after) != null;
	}

	/**
	 * The position just before the first change (in sequence order) modified at or after {@code instant}: an export
	 * from that position delivers every record modified since then.
	 */
	public synchronized long positionBefore(Instant instant) {
		for (Map.Entry<Long, Long> entry : this.idBySequence.entrySet()) {
			Instant modified = Records.instant(this.byId.get(entry.getValue()), "modifiedOn");
			if (modified == null || !modified.isBefore(instant)) {
				return entry.getKey() - 1;
			}
		}
		return this.sequence;
	}

	private Map<String, @Nullable Object> exportView(long id) {
		Map<String, @Nullable Object> record = Records.copy(this.byId.get(id));
		if (this.deleted.contains(id)) {
			record.put("active", Boolean.FALSE);
			record.put("deleted", Boolean.TRUE);
		}
		return record;
	}

	private Map<String, @Nullable Object> live(long id) {
		Map<String, @Nullable Object> stored = this.byId.get(id);
		if (stored == null || this.deleted.contains(id)) {
			throw Problem.notFound(this.label, id);
		}
		return stored;
	}

	private void touch(long id) {
		Long previous = this.sequenceById.get(id);
		if (previous != null) {
			this.idBySequence.remove(previous);
		}
		this.sequence++;
		this.sequenceById.put(id, this.sequence);
		this.idBySequence.put(this.sequence, id);
	}

	/** One record as of its last change, with that change's sequence number. */
	public static final class Change {

		private final long sequence;

		private final Map<String, @Nullable Object> record;

		Change(long sequence, Map<String, @Nullable Object> record) {
			this.sequence = sequence;
			this.record = record;
		}

		public long sequence() {
			return this.sequence;
		}

		public Map<String, @Nullable Object> record() {
			return this.record;
		}

	}

}
