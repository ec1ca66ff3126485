package io.github.servicetitan4j.sample;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sample app.
 *
 * @param serve whether to keep serving the API (and re-syncing on a schedule) after the first sync instead of exiting
 * @param syncInterval how long to wait between scheduled re-syncs while serving
 * @param tour whether the first run also shows the other operations (paging, a job note, an attachment download)
 * @param runOnStartup whether the main job (a full sync and its summary) runs when the app starts
 * @param report the report the main job runs for last month
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("false") boolean serve, @DefaultValue("5m") Duration syncInterval,
		@DefaultValue("true") boolean tour, @DefaultValue("true") boolean runOnStartup, @DefaultValue Report report) {

	/**
	 * The report of the main job: it takes a {@code From} and a {@code To} date, and one of its fields is summed.
	 *
	 * @param enabled whether the main job runs it
	 * @param category the report's category
	 * @param id the report's id (41001 is the simulator's "Daily Revenue"; use one of your tenant's)
	 * @param sumField the field whose values are added up
	 */
	public record Report(@DefaultValue("true") boolean enabled, @DefaultValue("accounting") String category,
			@DefaultValue("41001") long id, @DefaultValue("Revenue") String sumField) {
	}

}
