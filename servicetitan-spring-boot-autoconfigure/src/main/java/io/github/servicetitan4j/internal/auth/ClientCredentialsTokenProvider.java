package io.github.servicetitan4j.internal.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import io.github.servicetitan4j.ServiceTitanAuthenticationException;
import io.github.servicetitan4j.ServiceTitanClientListener;
import io.github.servicetitan4j.auth.AccessTokenProvider;
import io.github.servicetitan4j.internal.RetryPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;

/**
 * Client-credentials tokens from ServiceTitan's token endpoint ({@code POST {auth-url}/connect/token}, credentials in
 * the form body), through Spring Security's {@link ClientCredentialsOAuth2AuthorizedClientProvider}. None of the
 * Spring Security objects is exposed, so a user's own OAuth2 client setup is left alone.
 * <p>
 * One token is cached and shared by every thread; it is renewed a little before it expires (a tenth of its lifetime,
 * at most a minute), and concurrent callers of an expired token wait for one token request instead of each making
 * their own. Transport failures and 5xx answers of the token endpoint are retried with backoff; a refusal of the
 * credentials ({@code invalid_client}) fails at once with a {@link ServiceTitanAuthenticationException} that names the
 * client id, never the secret.
 */
public final class ClientCredentialsTokenProvider implements AccessTokenProvider {

	private static final String REGISTRATION_ID = "servicetitan";

	private static final Duration MAX_REFRESH_MARGIN = Duration.ofMinutes(1);

	private final ClientRegistration registration;

	private final ClientCredentialsOAuth2AuthorizedClientProvider provider;

	private final UsernamePasswordAuthenticationToken principal;

	private final Clock clock;

	private final ReentrantLock lock = new ReentrantLock();

	private volatile @Nullable CachedToken cached;

	/**
	 * Creates a provider.
	 * @param tokenUri the token endpoint, {@code {auth-url}/connect/token}
	 * @param clientId the tenant's client id
	 * @param clientSecret the tenant's client secret
	 * @param restClientBuilder builder for the token requests' client (timeouts and SSL come from it); it is modified
	 * @param policy how failed token requests are retried (the client's one retry policy)
	 * @param clock the time source for token expiry
	 * @param listener hears each token request
	 */
	public ClientCredentialsTokenProvider(URI tokenUri, String clientId, String clientSecret,
			RestClient.Builder restClientBuilder, RetryPolicy policy, Clock clock, ServiceTitanClientListener listener) {
		Assert.hasText(clientId, "clientId must not be empty");
		Assert.hasText(clientSecret, "clientSecret must not be empty");
		this.registration = ClientRegistration.withRegistrationId(REGISTRATION_ID)
			.clientId(clientId)
			.clientSecret(clientSecret)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(tokenUri.toString())
			.build();
		// Not Spring Security's RestClientClientCredentialsTokenResponseClient: its form prints the secret in the
		// DEBUG log of RestClient.
		FormTokenResponseClient responseClient = new FormTokenResponseClient(restClientBuilder
			.configureMessageConverters((converters) -> converters.addCustomConverter(new FormHttpMessageConverter())
				.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build());
		this.provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
		this.provider.setAccessTokenResponseClient(
				new RetryingTokenResponseClient(responseClient, tokenUri, policy, clock, listener));
		this.provider.setClock(clock);
		this.principal = UsernamePasswordAuthenticationToken.unauthenticated("servicetitan-client", null);
		this.clock = clock;
	}

	@Override
	public OAuth2AccessToken token() {
		CachedToken current = this.cached;
		if (current != null && current.isFresh(this.clock.instant())) {
			return current.token();
		}
		this.lock.lock();
		try {
			current = this.cached;
			if (current != null && current.isFresh(this.clock.instant())) {
				return current.token();
			}
			OAuth2AuthorizedClient authorized = authorize();
			CachedToken fresh = CachedToken.of(authorized.getAccessToken(), this.clock.instant());
			this.cached = fresh;
			return fresh.token();
		}
		finally {
			this.lock.unlock();
		}
	}

	private OAuth2AuthorizedClient authorize() {
		OAuth2AuthorizationContext context = OAuth2AuthorizationContext.withClientRegistration(this.registration)
			.principal(this.principal)
			.build();
		try {
			OAuth2AuthorizedClient authorized = this.provider.authorize(context);
			Assert.state(authorized != null, "client credentials provider returned no token");
			return authorized;
		}
		catch (ClientAuthorizationException ex) {
			if (ex.getCause() instanceof ServiceTitanAuthenticationException authentication) {
				throw authentication;
			}
			throw RetryingTokenResponseClient.refused(this.registration.getClientId(), ex.getError(), ex);
		}
	}

	@Override
	public void invalidate(OAuth2AccessToken rejected) {
		this.lock.lock();
		try {
			CachedToken current = this.cached;
			if (current != null && current.token().getTokenValue().equals(rejected.getTokenValue())) {
				this.cached = null;
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public Optional<Instant> cachedTokenExpiry() {
		CachedToken current = this.cached;
		if (current == null || !current.isFresh(this.clock.instant())) {
			return Optional.empty();
		}
		return Optional.of(current.expiresAt());
	}

	@Override
	public String toString() {
		return "ClientCredentialsTokenProvider[tokenUri=" + this.registration.getProviderDetails().getTokenUri()
				+ ", clientId=" + this.registration.getClientId() + "]";
	}

	/**
	 * The cached token and when to renew it.
	 */
	private record CachedToken(OAuth2AccessToken token, Instant expiresAt, Instant renewAt) {

		/**
		 * Times the token by the injected clock: Spring Security stamps it with the system clock, so only its lifetime
		 * is taken from it.
		 */
		static CachedToken of(OAuth2AccessToken token, Instant now) {
			Instant issued = token.getIssuedAt();
			Instant expires = token.getExpiresAt();
			if (issued == null || expires == null) {
				return new CachedToken(token, Instant.MAX, Instant.MAX);
			}
			Duration lifetime = Duration.between(issued, expires);
			Duration margin = lifetime.dividedBy(10);
			if (margin.compareTo(MAX_REFRESH_MARGIN) > 0) {
				margin = MAX_REFRESH_MARGIN;
			}
			return new CachedToken(token, now.plus(lifetime), now.plus(lifetime).minus(margin));
		}

		boolean isFresh(Instant now) {
			return now.isBefore(this.renewAt);
		}

	}

}
