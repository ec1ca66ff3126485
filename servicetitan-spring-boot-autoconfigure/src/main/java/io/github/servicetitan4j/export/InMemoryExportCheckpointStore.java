package io.github.servicetitan4j.export;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Keeps export checkpoints in memory: exports resume within one run of the application, and start again from the
 * beginning after a restart. The default store; choose {@link JdbcExportCheckpointStore} to survive restarts.
 */
final class InMemoryExportCheckpointStore implements ExportCheckpointStore {

	private final Map<ExportCheckpointStore.Key, String> tokens = new ConcurrentHashMap<>();

	@Override
	public @Nullable String load(ExportCheckpointStore.Key key) {
		return this.tokens.get(key);
	}

	@Override
	public void save(ExportCheckpointStore.Key key, String continueFrom) {
		Assert.hasText(continueFrom, "continueFrom must not be empty");
		this.tokens.put(key, continueFrom);
	}

	@Override
	public boolean advance(ExportCheckpointStore.Key key, @Nullable String from, String continueFrom) {
		Assert.hasText(continueFrom, "continueFrom must not be empty");
		String stored = this.tokens.compute(key, (feed, current) -> (Objects.equals(current, from)) ? continueFrom : current);
		return continueFrom.equals(stored);
	}

	@Override
	public void delete(ExportCheckpointStore.Key key) {
		this.tokens.remove(key);
	}

	/**
	 * Forgets every checkpoint, so that every feed is read from its beginning again; for tests that start each case
	 * from scratch (the ServiceTitan simulator's reset calls it).
	 */
	@Override
	public void clear() {
		this.tokens.clear();
	}

	@Override
	public String toString() {
		return "InMemoryExportCheckpointStore[" + this.tokens.size() + " feeds]";
	}

}
