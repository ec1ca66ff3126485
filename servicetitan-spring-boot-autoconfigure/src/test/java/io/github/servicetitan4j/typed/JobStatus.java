package io.github.servicetitan4j.typed;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A generated enum: its JSON value differs from the constant's name.
 */
public enum JobStatus {

	IN_PROGRESS("InProgress"), COMPLETED("Completed");

	private final String value;

	JobStatus(String value) {
		this.value = value;
	}

	@JsonValue
	public String getValue() {
		return this.value;
	}

	@JsonCreator
	public static JobStatus fromValue(String value) {
		for (JobStatus status : values()) {
			if (status.value.equals(value)) {
				return status;
			}
		}
		throw new IllegalArgumentException("Unexpected value '" + value + "'");
	}

}
