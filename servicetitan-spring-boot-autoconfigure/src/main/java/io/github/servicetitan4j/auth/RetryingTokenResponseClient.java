package io.github.servicetitan4j.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.servicetitan4j.ServiceTitanAuthenticationException;
import io.github.servicetitan4j.ServiceTitanClientListener;
import io.github.servicetitan4j.ServiceTitanInterruptedException;
import io.github.servicetitan4j.retry.Backoff;
import io.github.servicetitan4j.retry.RetrySettings;
import io.github.servicetitan4j.retry.Sleeper;
import io.github.servicetitan4j.retry.TransportFailures;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Asks the token endpoint, retrying what may pass (transport failures, 408, 429, 5xx) like an API GET, with the same
 * backoff and attempt bound, and failing at once on a refusal ({@code invalid_client}, {@code unauthorized_client}).
 * Repeating a client-credentials token request is harmless: at worst the server issues one token more.
 */
final class RetryingTokenResponseClient implements OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> {

	private static final String INVALID_TOKEN_RESPONSE = "invalid_token_response";

	private final OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> delegate;

	private final URI tokenUri;

	private final RetrySettings retry;

	private final Backoff backoff;

	private final Clock clock;

	private final Sleeper sleeper;

	private final ServiceTitanClientListener listener;

	RetryingTokenResponseClient(OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> delegate, URI tokenUri,
			RetrySettings retry, Backoff backoff, Clock clock, Sleeper sleeper, ServiceTitanClientListener listener) {
		this.delegate = delegate;
		this.tokenUri = tokenUri;
		this.retry = retry;
		this.backoff = backoff;
		this.clock = clock;
		this.sleeper = sleeper;
		this.listener = listener;
	}

	@Override
	public OAuth2AccessTokenResponse getTokenResponse(OAuth2ClientCredentialsGrantRequest request) {
		String clientId = request.getClientRegistration().getClientId();
		List<String> failures = new ArrayList<>();
		for (int attempt = 1;; attempt++) {
			Instant start = this.clock.instant();
			try {
				OAuth2AccessTokenResponse response = this.delegate.getTokenResponse(request);
				this.listener.onTokenRequest(Duration.between(start, this.clock.instant()), "success");
				return response;
			}
			catch (OAuth2AuthorizationException ex) {
				String outcome = outcome(ex);
				this.listener.onTokenRequest(Duration.between(start, this.clock.instant()), outcome);
				failures.add(attemptFailure(ex, outcome));
				if (!isTransient(ex) || attempt >= this.retry.effectiveMaxAttempts()) {
					throw (ServiceTitanAuthenticationException) failure(clientId, ex, isTransient(ex)).withAttempts(failures);
				}
				pause(this.backoff.delayBeforeRetry(attempt));
			}
		}
	}

	private void pause(Duration delay) {
		try {
			this.sleeper.sleep(delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ServiceTitanInterruptedException("waiting to retry the token request", ex);
		}
	}

	private static boolean isTransient(OAuth2AuthorizationException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof ResourceAccessException || cause instanceof HttpServerErrorException
				|| unreadable(ex)) {
			return true;
		}
		return cause instanceof HttpClientErrorException client
				&& (client.getStatusCode().value() == 408 || client.getStatusCode().value() == 429);
	}

	/** A 2xx whose body was no token response (a proxy's page, a cut-short body): backed off like any failure. */
	private static boolean unreadable(OAuth2AuthorizationException ex) {
		Throwable cause = ex.getCause();
		return INVALID_TOKEN_RESPONSE.equals(ex.getError().getErrorCode())
				&& !(cause instanceof RestClientResponseException) && !(cause instanceof ResourceAccessException);
	}

	/** What went wrong, in the words of the API requests' attempts ("503 Service Unavailable", "timeout"). */
	private static String attemptFailure(OAuth2AuthorizationException ex, String outcome) {
		Throwable cause = ex.getCause();
		if (cause instanceof ResourceAccessException) {
			return TransportFailures.reason(cause).replace('_', ' ');
		}
		if (cause instanceof RestClientResponseException response) {
			return (response.getStatusText().isBlank()) ? Integer.toString(response.getStatusCode().value())
					: response.getStatusCode().value() + " " + response.getStatusText();
		}
		return outcome;
	}

	private static String outcome(OAuth2AuthorizationException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof ResourceAccessException) {
			return "io_error";
		}
		if (cause instanceof HttpServerErrorException) {
			return "server_error";
		}
		if (cause instanceof HttpClientErrorException client) {
			return (client.getStatusCode().value() == 401) ? "invalid_client" : "http_" + client.getStatusCode().value();
		}
		return ex.getError().getErrorCode();
	}

	private ServiceTitanAuthenticationException failure(String clientId, OAuth2AuthorizationException ex,
			boolean transientFailure) {
		if (transientFailure) {
			Throwable cause = ex.getCause();
			String why = (cause instanceof RestClientResponseException response)
					? "answered " + response.getStatusCode().value()
					: unreadable(ex) ? "gave no usable token response"
							: "could not be reached (" + TransportFailures.reason(ex).replace('_', ' ') + ")";
			return new ServiceTitanAuthenticationException("ServiceTitan token endpoint " + this.tokenUri + " " + why
					+ " while requesting a token for client id '" + clientId + "'", null, clientId, ex);
		}
		return refused(clientId, ex.getError(), ex);
	}

	static ServiceTitanAuthenticationException refused(String clientId, OAuth2Error error, @Nullable Throwable cause) {
		String code = error.getErrorCode();
		if (cause instanceof OAuth2AuthorizationException authorization
				&& authorization.getCause() instanceof HttpClientErrorException client
				&& client.getStatusCode().value() == 401) {
			code = "invalid_client";
		}
		if ("invalid_token_response".equals(code)) {
			// The description may quote the unreadable response, so it stays in the cause.
			return new ServiceTitanAuthenticationException("ServiceTitan's token endpoint gave no usable token response "
					+ "for client id '" + clientId + "'", code, clientId, cause);
		}
		StringBuilder message = new StringBuilder("ServiceTitan refused the client credentials of client id '")
			.append(clientId)
			.append("': ")
			.append(code);
		if (error.getDescription() != null) {
			message.append(" (").append(error.getDescription()).append(')');
		}
		message.append(". Check servicetitan.client-id, servicetitan.client-secret and servicetitan.environment.");
		return new ServiceTitanAuthenticationException(message.toString(), code, clientId, null);
	}

}
