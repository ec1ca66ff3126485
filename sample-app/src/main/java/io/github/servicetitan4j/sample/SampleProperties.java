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
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("false") boolean serve, @DefaultValue("5m") Duration syncInterval,
		@DefaultValue("true") boolean tour, @DefaultValue("true") boolean runOnStartup) {
}
