package io.github.servicetitan4j.autoconfigure.webhook;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;

/** Two instances sharing one H2 database (the jdbc store), each with its own pool. */
class H2SharedDedupWireTests extends SharedDedupContract {

	private static final String URL = "jdbc:h2:mem:webhooks-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private static final List<HikariDataSource> pools = new CopyOnWriteArrayList<>();

	@Override
	List<Object> instanceBeans() {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(URL);
		pool.setMaximumPoolSize(4);
		pools.add(pool);
		return List.of(pool);
	}

	@Override
	String store() {
		return "jdbc";
	}

	@Override
	String uniqueId(String id) {
		return id + "-" + UUID.randomUUID();
	}

	@AfterAll
	static void closePools() {
		pools.forEach(HikariDataSource::close);
	}

}
