package io.github.servicetitan4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.servicetitan4j.errors.ServiceTitanApiException.ProblemDetails;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Reads what a failed response says: RFC 7807 problem details (title, traceId, errors) when the body has them, and
 * how long to wait from {@code Retry-After} (seconds or an HTTP date) or a "Try again in N seconds" title.
 */
final class ProblemReader {

	/** Error bodies are read up to this size; the rest is ignored. */
	private static final int MAX_BODY = 64 * 1024;

	private static final Pattern TRY_AGAIN = Pattern.compile("(?i)try again in (\\d+) second");

	/**
	 * Longest wait any hint is read as: a larger or unreadable number is a hostile or broken hint, read as this much
	 * (far beyond any max-retry-after, so the call fails at once with a typed error instead of waiting).
	 */
	static final Duration MAX_HINT = Duration.ofDays(1);

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final Clock clock;

	ProblemReader(Clock clock) {
		this.clock = clock;
	}

	ProblemDetails read(ApiRequest request, ClientHttpResponse response) throws IOException {
		int status = response.getStatusCode().value();
		JsonNode body = readBody(response);
		String title = text(body, "title");
		if (title == null) {
			HttpStatus known = HttpStatus.resolve(status);
			title = (known != null) ? known.getReasonPhrase() : null;
		}
		Duration retryAfter = retryAfter(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
		if (retryAfter == null && title != null) {
			Matcher matcher = TRY_AGAIN.matcher(title);
			if (matcher.find()) {
				retryAfter = seconds(matcher.group(1));
			}
		}
		return new ProblemDetails(request.method().name(), request.path(), status, title, text(body, "traceId"),
				errors(body), retryAfter);
	}

	private static @Nullable JsonNode readBody(ClientHttpResponse response) {
		try (InputStream in = response.getBody()) {
			byte[] bytes = in.readNBytes(MAX_BODY);
			if (bytes.length == 0) {
				return null;
			}
			String text = new String(bytes, StandardCharsets.UTF_8).trim();
			if (!text.startsWith("{")) {
				return null;
			}
			return MAPPER.readTree(text);
		}
		catch (IOException | JacksonException ex) {
			// An unreadable error body still leaves the status to report.
			return null;
		}
	}

	private static @Nullable String text(@Nullable JsonNode body, String field) {
		if (body == null) {
			return null;
		}
		JsonNode node = body.get(field);
		return (node != null && node.isString() && !node.asString().isBlank()) ? node.asString() : null;
	}

	private static Map<String, List<String>> errors(@Nullable JsonNode body) {
		if (body == null || !body.path("errors").isObject()) {
			return Map.of();
		}
		Map<String, List<String>> errors = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : body.get("errors").properties()) {
			List<String> messages = new ArrayList<>();
			JsonNode value = entry.getValue();
			if (value.isArray()) {
				value.forEach((message) -> messages.add(message.asString()));
			}
			else {
				messages.add(value.asString());
			}
			errors.put(entry.getKey(), List.copyOf(messages));
		}
		return errors;
	}

	@Nullable Duration retryAfter(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String value = header.trim();
		if (value.chars().allMatch(Character::isDigit)) {
			return seconds(value);
		}
		try {
			ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
			Duration until = Duration.between(this.clock.instant(), at.toInstant());
			return until.isNegative() ? Duration.ZERO : cap(until);
		}
		catch (DateTimeParseException | ArithmeticException ex) {
			return null;
		}
	}

	/** Reads a run of digits as seconds, at most {@link #MAX_HINT}: it may be longer than any number type holds. */
	private static Duration seconds(String digits) {
		String significant = digits.replaceFirst("^0+(?=\\d)", "");
		if (significant.length() > 9) {
			return MAX_HINT;
		}
		return cap(Duration.ofSeconds(Long.parseLong(significant)));
	}

	private static Duration cap(Duration hint) {
		return (hint.compareTo(MAX_HINT) > 0) ? MAX_HINT : hint;
	}

}
