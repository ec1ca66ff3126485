package io.github.servicetitan4j.internal.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.servicetitan4j.errors.ServiceTitanAuthenticationException;
import io.github.servicetitan4j.internal.Failures;
import io.github.servicetitan4j.internal.RetryPolicy.Attempts;
import io.github.servicetitan4j.internal.RetryPolicy.Decision;
import io.github.servicetitan4j.internal.RetryPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Asks the token endpoint, retrying what may pass (transport failures, 408, 429, 5xx) like an API GET, through the
 * same {@link RetryPolicy} (backoff, jitter, attempt bound) and {@link Failures} classifier, and failing at once on a refusal ({@code invalid_client}, {@code unauthorized_client}).
 * Repeating a client-credentials token request is harmless: at worst the server issues one token more.
 */
final class RetryingTokenResponseClient implements OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> {

	private final OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> delegate;

	private final URI tokenUri;

	private final RetryPolicy policy;

	private final Clock clock;

	private final TokenRequestListener listener;

	RetryingTokenResponseClient(OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> delegate, URI tokenUri,
			RetryPolicy policy, Clock clock, TokenRequestListener listener) {
		this.delegate = delegate;
		this.tokenUri = tokenUri;
		this.policy = policy;
		this.clock = clock;
		this.listener = listener;
	}

	@Override
	public OAuth2AccessTokenResponse getTokenResponse(OAuth2ClientCredentialsGrantRequest request) {
		String clientId = request.getClientRegistration().getClientId();
		return this.policy.run(this.policy.start(), new RetryPolicy.Attempt<>() {

			private Instant start = Instant.EPOCH;

			@Override
			public OAuth2AccessTokenResponse run(int number) {
				this.start = RetryingTokenResponseClient.this.clock.instant();
				OAuth2AccessTokenResponse response = RetryingTokenResponseClient.this.delegate.getTokenResponse(request);
				RetryingTokenResponseClient.this.listener.onTokenRequest(took(this.start), "success");
				return response;
			}

			@Override
			public Decision onFailure(RuntimeException failure, Attempts attempts) {
				if (!(failure instanceof OAuth2AuthorizationException ex)) {
					return Decision.propagate(failure);
				}
				String outcome = Failures.tokenOutcome(ex);
				RetryingTokenResponseClient.this.listener.onTokenRequest(took(this.start), outcome);
				boolean transientFailure = Failures.isTransientTokenFailure(ex);
				ServiceTitanAuthenticationException thrown = failure(clientId, ex, transientFailure);
				String attempt = Failures.tokenAttempt(ex);
				return transientFailure ? Decision.retry(thrown, outcome, attempt, null, null)
						: Decision.fail(thrown, attempt);
			}

			@Override
			public String what() {
				return "the token request";
			}

		});
	}

	private Duration took(Instant start) {
		return Duration.between(start, this.clock.instant());
	}

	private ServiceTitanAuthenticationException failure(String clientId, OAuth2AuthorizationException ex,
			boolean transientFailure) {
		if (transientFailure) {
			Throwable cause = ex.getCause();
			String why = (cause instanceof RestClientResponseException response)
					? "answered " + response.getStatusCode().value()
					: Failures.isUnreadableTokenResponse(ex) ? "gave no usable token response"
							: "could not be reached (" + Failures.reason(ex).replace('_', ' ') + ")";
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
