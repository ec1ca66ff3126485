package io.github.servicetitan4j.autoconfigure.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Event ids in this instance's memory: for an application that runs one instance. */
final class InMemoryDeliveryStore implements DeliveryStore {

	private record Entry(String token, boolean done, Instant at) {
	}

	private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

	private final Duration claimTimeout;

	InMemoryDeliveryStore(Duration claimTimeout) {
		this.claimTimeout = claimTimeout;
	}

	@Override
	public Claim claim(String id, String token, Instant now) {
		Claim[] outcome = new Claim[1];
		this.entries.compute(id, (key, entry) -> {
			if (entry == null || (!entry.done() && !entry.at().plus(this.claimTimeout).isAfter(now))) {
				outcome[0] = Claim.CLAIMED;
				return new Entry(token, false, now);
			}
			outcome[0] = entry.done() ? Claim.DONE : Claim.BUSY;
			return entry;
		});
		return outcome[0];
	}

	@Override
	public void complete(String id, String token, Instant now) {
		this.entries.computeIfPresent(id,
				(key, entry) -> entry.token().equals(token) ? new Entry(token, true, now) : entry);
	}

	@Override
	public void release(String id, String token) {
		this.entries.computeIfPresent(id,
				(key, entry) -> (!entry.done() && entry.token().equals(token)) ? null : entry);
	}

	@Override
	public void purge(Instant before) {
		this.entries.values().removeIf((entry) -> entry.done() && entry.at().isBefore(before));
	}

}
