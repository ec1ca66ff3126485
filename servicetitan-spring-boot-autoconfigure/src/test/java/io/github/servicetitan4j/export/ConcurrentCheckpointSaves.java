package io.github.servicetitan4j.export;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What two instances saving the same feed at the same moment do to each other, inside their callers' transactions,
 * on a real database: the second writer waits for the first one's row lock, and then neither fails nor moves the
 * checkpoint backwards. Each database runs these cases in its own subclass.
 */
abstract class ConcurrentCheckpointSaves {

	static final ExportCheckpointStore.Key KEY = new ExportCheckpointStore.Key("42", "jpm", "jobs");

	/** The database, with the checkpoint table created. */
	abstract DataSource dataSource();

	/** Whether some session is waiting for a lock another one holds. */
	abstract boolean aSessionWaitsForALock(JdbcClient jdbc);

	static void createSchema(DataSource dataSource) {
		DatabasePopulatorUtils.execute(
				new ResourceDatabasePopulator(new ClassPathResource("io/github/servicetitan4j/export/schema.sql")),
				dataSource);
	}

	JdbcExportCheckpointStore store;

	TransactionTemplate transaction;

	@BeforeEach
	void emptyTable() {
		JdbcClient.create(dataSource()).sql("DELETE FROM " + JdbcExportCheckpointStore.TABLE).update();
		this.store = new JdbcExportCheckpointStore(dataSource());
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource()));
	}

	/**
	 * Runs the first write in a transaction that stays open until the second write, in its own transaction, is
	 * waiting for it; then commits the first. Returns the second transaction's outcome, after a statement it runs after
	 * its write (which fails in a transaction the database has aborted).
	 */
	private <T> T race(Runnable first, Supplier<T> second) throws Exception {
		CountDownLatch firstWrote = new CountDownLatch(1);
		CountDownLatch commitFirst = new CountDownLatch(1);
		CompletableFuture<Void> one = CompletableFuture.runAsync(() -> this.transaction.executeWithoutResult((status) -> {
			first.run();
			firstWrote.countDown();
			await(commitFirst);
		}));
		await(firstWrote);
		CompletableFuture<T> two = CompletableFuture.supplyAsync(() -> this.transaction.execute((status) -> {
			T result = second.get();
			JdbcClient.create(dataSource()).sql("SELECT COUNT(*) FROM " + JdbcExportCheckpointStore.TABLE)
				.query(Integer.class)
				.single();
			return result;
		}));
		JdbcClient observer = JdbcClient.create(dataSource());
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!aSessionWaitsForALock(observer) && !two.isDone() && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(two).as("the second writer waits for the first one's lock").isNotDone();
		commitFirst.countDown();
		one.get(10, TimeUnit.SECONDS);
		return two.get(10, TimeUnit.SECONDS);
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void whenTwoTransactionsSaveANewFeedAtOnceThenTheSecondWaitsAndWinsWithoutAbortingItsTransaction()
			throws Exception {
		String outcome = race(() -> this.store.save(KEY, "a1"), () -> {
			this.store.save(KEY, "b1");
			return "committed";
		});

		assertThat(outcome).isEqualTo("committed");
		assertThat(this.store.load(KEY)).isEqualTo("b1");
	}

	@Test
	void whenTwoInstancesAdvanceANewFeedToTheSameTokenAtOnceThenBothSucceedWithoutAbortingATransaction()
			throws Exception {
		boolean second = race(() -> assertThat(this.store.advance(KEY, null, "t1")).isTrue(),
				() -> this.store.advance(KEY, null, "t1"));

		assertThat(second).isTrue();
		assertThat(this.store.load(KEY)).isEqualTo("t1");
	}

	@Test
	void whenAnInstanceThatFellBehindAdvancesWhileTheOtherCommitsAheadThenTheCheckpointStaysAhead() throws Exception {
		this.store.save(KEY, "t1");

		boolean behind = race(() -> assertThat(this.store.advance(KEY, "t1", "t2")).isTrue(),
				() -> this.store.advance(KEY, "t1", "t2") && this.store.advance(KEY, "t2", "t3"));
		boolean stale = this.store.advance(KEY, null, "t1") || this.store.advance(KEY, "t1", "t2");

		assertThat(behind).isTrue();
		assertThat(stale).isFalse();
		assertThat(this.store.load(KEY)).isEqualTo("t3");
	}

	@Test
	void whenTheCheckpointWasMovedOnThenAnAdvanceFromAnOlderTokenChangesNothingUntilTheReaderCatchesUp() {
		this.store.save(KEY, "t3");

		assertThat(this.store.advance(KEY, null, "t1")).isFalse();
		assertThat(this.store.advance(KEY, "t1", "t2")).isFalse();
		assertThat(this.store.load(KEY)).isEqualTo("t3");
		assertThat(this.store.advance(KEY, "t2", "t3")).isTrue();
		assertThat(this.store.advance(KEY, "t3", "t4")).isTrue();
		assertThat(this.store.load(KEY)).isEqualTo("t4");
	}

	@Test
	void whenAFeedIsSavedTwiceThenOneRowHoldsTheLastToken() {
		this.store.save(KEY, "t1");
		this.store.save(KEY, "t2");

		assertThat(this.store.load(KEY)).isEqualTo("t2");
		assertThat(JdbcClient.create(dataSource())
			.sql("SELECT COUNT(*) FROM " + JdbcExportCheckpointStore.TABLE)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

}
