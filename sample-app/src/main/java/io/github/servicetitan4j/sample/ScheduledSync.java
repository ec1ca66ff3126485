package io.github.servicetitan4j.sample;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-syncs every tenant on a schedule while the app keeps serving: each run continues from each tenant's stored
 * checkpoints, so it fetches only what changed since the last one.
 */
@Component
@ConditionalOnProperty(name = "sample.serve", havingValue = "true")
class ScheduledSync {

	private static final Log logger = LogFactory.getLog(ScheduledSync.class);

	private final ExportSync sync;

	ScheduledSync(ExportSync sync) {
		this.sync = sync;
	}

	@Scheduled(initialDelayString = "${sample.sync-interval:5m}", fixedDelayString = "${sample.sync-interval:5m}")
	void resync() {
		ExportSync.SyncReport report = this.sync.syncAll();
		logger.info("Scheduled re-sync: " + report);
	}

}
