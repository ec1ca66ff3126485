package io.github.servicetitan4j.internal.auth;

import io.github.servicetitan4j.errors.ServiceTitanAuthenticationException;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Posts the client-credentials form (credentials in the body) and reads the token response. Does what Spring
 * Security's {@code RestClientClientCredentialsTokenResponseClient} does, except that the form it writes is a
 * {@link TokenRequestForm}: RestClient logs the body it writes at DEBUG, and Spring Security's form would print the
 * client secret there. The RestClient must map error statuses to {@link OAuth2AuthorizationException}s (Spring
 * Security's {@code OAuth2ErrorResponseErrorHandler}).
 */
final class FormTokenResponseClient implements OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> {

	private static final String INVALID_TOKEN_RESPONSE = "invalid_token_response";

	private final RestClient restClient;

	FormTokenResponseClient(RestClient restClient) {
		this.restClient = restClient;
	}

	@Override
	public OAuth2AccessTokenResponse getTokenResponse(OAuth2ClientCredentialsGrantRequest request) {
		ClientRegistration registration = request.getClientRegistration();
		TokenRequestForm form = new TokenRequestForm();
		form.add(OAuth2ParameterNames.GRANT_TYPE, request.getGrantType().getValue());
		form.add(OAuth2ParameterNames.CLIENT_ID, registration.getClientId());
		form.add(OAuth2ParameterNames.CLIENT_SECRET, registration.getClientSecret());
		try {
			OAuth2AccessTokenResponse response = this.restClient.post()
				.uri(registration.getProviderDetails().getTokenUri())
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON)
				.body(form)
				.retrieve()
				.onStatus(HttpStatusCode::is3xxRedirection, (clientRequest, clientResponse) -> {
					// Never followed: the form carries the client secret, and a redirect may point anywhere.
					throw new ServiceTitanAuthenticationException("ServiceTitan token endpoint "
							+ registration.getProviderDetails().getTokenUri() + " answered "
							+ clientResponse.getStatusCode().value() + " (a redirect); the token request is never "
							+ "redirected, so that the client secret goes nowhere else. Check servicetitan.auth-url.",
							"redirect", registration.getClientId(), null);
				})
				.body(OAuth2AccessTokenResponse.class);
			if (response == null) {
				throw new OAuth2AuthorizationException(
						new OAuth2Error(INVALID_TOKEN_RESPONSE, "Empty OAuth 2.0 access token response", null));
			}
			return response;
		}
		catch (RestClientException ex) {
			// The cause keeps the status, so that the caller can tell a refusal from a transient failure.
			throw new OAuth2AuthorizationException(new OAuth2Error(INVALID_TOKEN_RESPONSE,
					"The token response could not be read: " + ex.getMessage(), null), ex);
		}
	}

}
