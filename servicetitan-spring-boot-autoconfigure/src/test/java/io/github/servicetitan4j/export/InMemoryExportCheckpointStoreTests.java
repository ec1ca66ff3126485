package io.github.servicetitan4j.export;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory store's advance rule and its clear, which the simulator's reset relies on.
 */
class InMemoryExportCheckpointStoreTests {

	static final ExportCheckpointStore.Key KEY = new ExportCheckpointStore.Key("42", "jpm", "jobs");

	final InMemoryExportCheckpointStore store = new InMemoryExportCheckpointStore();

	@Test
	void whenTheCheckpointWasMovedOnThenAnAdvanceFromAnOlderTokenChangesNothingUntilTheReaderCatchesUp() {
		assertThat(this.store.advance(KEY, null, "t1")).isTrue();
		this.store.save(KEY, "t3");

		assertThat(this.store.advance(KEY, null, "t1")).isFalse();
		assertThat(this.store.advance(KEY, "t1", "t2")).isFalse();
		assertThat(this.store.load(KEY)).isEqualTo("t3");
		assertThat(this.store.advance(KEY, "t2", "t3")).isTrue();
		assertThat(this.store.advance(KEY, "t3", "t4")).isTrue();
		assertThat(this.store.load(KEY)).isEqualTo("t4");
	}

	@Test
	void whenManyReadersAdvanceFromTheSameTokenAtOnceThenExactlyTheOnesWithTheWinningTokenSucceed() {
		this.store.save(KEY, "t0");
		List<CompletableFuture<Boolean>> readers = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			String next = "t1-" + (i % 2);
			readers.add(CompletableFuture.supplyAsync(() -> this.store.advance(KEY, "t0", next)));
		}

		long succeeded = readers.stream().filter(CompletableFuture::join).count();
		String stored = this.store.load(KEY);

		assertThat(stored).isIn("t1-0", "t1-1");
		assertThat(succeeded).isEqualTo(8);
	}

	@Test
	void whenClearedThenEveryFeedStartsFromItsBeginning() {
		this.store.save(KEY, "t1");
		this.store.save(new ExportCheckpointStore.Key("42", "crm", "customers"), "c1");

		this.store.clear();

		assertThat(this.store.load(KEY)).isNull();
		assertThat(this.store.load(new ExportCheckpointStore.Key("42", "crm", "customers"))).isNull();
		assertThat(this.store.advance(KEY, null, "t1")).isTrue();
	}

}
