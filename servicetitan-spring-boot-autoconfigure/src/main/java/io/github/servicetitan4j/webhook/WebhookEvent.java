package io.github.servicetitan4j.webhook;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * One event ServiceTitan delivered to the application's webhook endpoint, after its signature was checked and its id
 * was claimed: a CloudEvents 1.0 envelope routed to the tenant it belongs to. Published to the application's
 * {@code @EventListener} methods and {@link WebhookHandler} beans; when they return, the delivery is answered 2xx and
 * the event id is remembered, so a retried delivery of the same event does not reach them again.
 *
 * @param tenant name of the tenant the event belongs to (a key of {@code servicetitan.tenants}, {@code default} for the
 * single tenant of {@code servicetitan.tenant-id}, or a runtime tenant's name)
 * @param type event type, for example {@code tn.jpm.job-completed}
 * @param id event id, the same in every retry of one event
 * @param time when the event happened, if the envelope says
 * @param source envelope's {@code source}, if any
 * @param data event's payload ({@code data}), a missing node when the envelope has none
 */
public record WebhookEvent(String tenant, String type, String id, @Nullable Instant time, @Nullable String source,
		JsonNode data) {

	// Immutable and thread-safe: a constant, not shared state.
	private static final JsonMapper PLAIN = JsonMapper.builder().build();

	/**
	 * Checks that an event names its tenant, type and id and carries its data.
	 * @param tenant name of the tenant the event belongs to
	 * @param type event type, for example {@code tn.jpm.job-completed}
	 * @param id event id, the same in every retry of one event
	 * @param time when the event happened, if the envelope says
	 * @param source envelope's {@code source}, if any
	 * @param data event's payload ({@code data}), a missing node when the envelope has none
	 * @throws NullPointerException if tenant, type, id or data is null
	 */
	public WebhookEvent {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(data, "data");
	}

	/**
	 * Maps the payload to a type with a plain {@code JsonMapper}.
	 * @param <T> the type
	 * @param type the class to map to
	 * @return the payload as that type
	 * @throws tools.jackson.core.JacksonException if the payload does not fit the type
	 */
	public <T> T dataAs(Class<T> type) {
		return dataAs(type, PLAIN);
	}

	/**
	 * Maps the payload to a type with the application's mapper.
	 * @param <T> the type
	 * @param type the class to map to
	 * @param mapper the mapper
	 * @return the payload as that type
	 * @throws tools.jackson.core.JacksonException if the payload does not fit the type
	 */
	public <T> T dataAs(Class<T> type, ObjectMapper mapper) {
		return mapper.treeToValue(this.data, type);
	}

}
