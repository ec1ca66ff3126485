package io.github.servicetitan4j.autoconfigure;

import io.github.servicetitan4j.RealPostgres;
import io.github.servicetitan4j.ServiceTitanWireMock;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Export leases in a real PostgreSQL, through Spring Integration's JdbcLockRegistry.
 */
class JdbcExportLeaseTests extends ExportLeaseContract {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	@RegisterExtension
	static final RealPostgres postgres = new RealPostgres();

	@Override
	ServiceTitanWireMock wireMock() {
		return wireMock;
	}

	@Override
	RealPostgres postgres() {
		return postgres;
	}

	@Override
	ApplicationContextRunner runner() {
		return super.runner().withPropertyValues("servicetitan.export.lease.store=jdbc");
	}

	@Override
	void expireLeases() {
		JdbcClient.create(postgres().dataSource())
			.sql("UPDATE SERVICETITAN_LOCK SET EXPIRED_AFTER = CURRENT_TIMESTAMP - INTERVAL '1 minute'")
			.update();
	}

}
