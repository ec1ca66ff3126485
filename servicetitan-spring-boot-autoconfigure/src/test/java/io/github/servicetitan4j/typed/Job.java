package io.github.servicetitan4j.typed;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A job as a generated model class: mutable, Jackson-annotated, a nested model and a date.
 */
public class Job {

	@JsonProperty("id")
	private @Nullable Long id;

	@JsonProperty("summary")
	private @Nullable String summary;

	@JsonProperty("jobStatus")
	private @Nullable JobStatus jobStatus;

	@JsonProperty("createdOn")
	private @Nullable OffsetDateTime createdOn;

	@JsonProperty("location")
	private @Nullable Location location;

	public @Nullable Long getId() {
		return this.id;
	}

	public void setId(@Nullable Long id) {
		this.id = id;
	}

	public @Nullable String getSummary() {
		return this.summary;
	}

	public void setSummary(@Nullable String summary) {
		this.summary = summary;
	}

	public @Nullable JobStatus getJobStatus() {
		return this.jobStatus;
	}

	public void setJobStatus(@Nullable JobStatus jobStatus) {
		this.jobStatus = jobStatus;
	}

	public @Nullable OffsetDateTime getCreatedOn() {
		return this.createdOn;
	}

	public void setCreatedOn(@Nullable OffsetDateTime createdOn) {
		this.createdOn = createdOn;
	}

	public @Nullable Location getLocation() {
		return this.location;
	}

	public void setLocation(@Nullable Location location) {
		this.location = location;
	}

	/** A nested model. */
	public static class Location {

		@JsonProperty("name")
		private @Nullable String name;

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

	}

}
