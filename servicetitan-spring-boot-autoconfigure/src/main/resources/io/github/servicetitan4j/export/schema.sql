-- Export checkpoints of the ServiceTitan client (io.github.servicetitan4j.export.JdbcExportCheckpointStore).
-- Plain SQL accepted by H2, HSQLDB and PostgreSQL; safe to run again.
CREATE TABLE IF NOT EXISTS servicetitan_export_checkpoint (
	tenant_id VARCHAR(64) NOT NULL,
	folder VARCHAR(100) NOT NULL,
	export_endpoint VARCHAR(200) NOT NULL,
	continue_from VARCHAR(4000) NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	PRIMARY KEY (tenant_id, folder, export_endpoint)
);
