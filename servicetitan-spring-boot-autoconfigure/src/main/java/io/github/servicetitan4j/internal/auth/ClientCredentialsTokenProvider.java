package io.github.servicetitan4j.internal.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.github.servicetitan4j.auth.AccessTokenProvider;
import io.github.servicetitan4j.errors.ServiceTitanAuthenticationException;
import io.github.servicetitan4j.errors.ServiceTitanException;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanInterruptedException;
import io.github.servicetitan4j.internal.RetryPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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
 * at most a minute) by the one caller that notices first, while every other caller goes on with the still valid
 * token. Callers without a valid token wait (interruptibly) for one token request and share its outcome, failure
 * included. A failed request is backed off: until the backoff has passed, callers fail at once with its error (or go on
 * with a token that is still valid). A token stating no lifetime, or less than {@link #MIN_LIFETIME}, is kept that
 * long. Transport failures and 5xx answers of the token endpoint are retried with backoff; a refusal of the
 * credentials ({@code invalid_client}) fails at once with a {@link ServiceTitanAuthenticationException} that names the
 * client id, never the secret.
 */
public final class ClientCredentialsTokenProvider implements AccessTokenProvider {

	private static final String REGISTRATION_ID = "servicetitan";

	private static final Duration MAX_REFRESH_MARGIN = Duration.ofMinutes(1);

	/** Lifetime assumed for a token that states none, or less than this. */
	static final Duration MIN_LIFETIME = Duration.ofMinutes(1);

	private static final Log logger = LogFactory.getLog(ClientCredentialsTokenProvider.class);

	private final ClientRegistration registration;

	private final ClientCredentialsOAuth2AuthorizedClientProvider provider;

	private final UsernamePasswordAuthenticationToken principal;

	private final Clock clock;

	private final RetryPolicy policy;

	private final Object monitor = new Object();

	private volatile @Nullable CachedToken cached;

	/** The token request under way, which every caller without a valid token waits for. */
	private @Nullable CompletableFuture<CachedToken> renewal;

	private int failuresInARow;

	private @Nullable RuntimeException lastFailure;

	private Instant retryNotBefore = Instant.MIN;

	/**
	 * Creates a provider.
	 * @param tokenUri the token endpoint, {@code {auth-url}/connect/token}
	 * @param clientId the tenant's client id
	 * @param clientSecret the tenant's client secret
	 * @param restClientBuilder builder for the token requests' client (timeouts and SSL come from it); it is modified
	 * @param policy how failed token requests are retried and backed off (the client's one retry policy)
	 * @param clock the time source for token expiry
	 * @param listener hears each token request: how long it took and how it ended (the client's listener's
	 * {@code onTokenRequest}, handed over so that this package needs nothing of the client's)
	 */
	public ClientCredentialsTokenProvider(URI tokenUri, String clientId, String clientSecret,
			RestClient.Builder restClientBuilder, RetryPolicy policy, Clock clock, TokenRequestListener listener) {
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
		this.policy = policy;
	}

	@Override
	public OAuth2AccessToken token() {
		while (true) {
			CachedToken current = this.cached;
			Instant now = this.clock.instant();
			if (current != null && current.isFresh(now)) {
				return current.token();
			}
			CompletableFuture<CachedToken> flight;
			boolean mine = false;
			synchronized (this.monitor) {
				current = this.cached;
				now = this.clock.instant();
				if (current != null && current.isFresh(now)) {
					return current.token();
				}
				boolean valid = current != null && current.isValid(now);
				if (this.renewal != null || now.isBefore(this.retryNotBefore)) {
					if (valid) {
						// Someone renews it, or renewing failed a moment ago: the cached token is still good meanwhile.
						return current.token();
					}
					if (this.renewal == null) {
						throw backedOff(this.lastFailure);
					}
					flight = this.renewal;
				}
				else {
					flight = new CompletableFuture<>();
					this.renewal = flight;
					mine = true;
				}
			}
			if (mine) {
				return renew(flight, current);
			}
			CachedToken shared = await(flight);
			if (shared != null) {
				return shared.token();
			}
			// The renewing thread was interrupted: its callers were not, so one of them renews.
		}
	}

	/** Requests a token for everyone waiting on the flight, and shares its failure with them. */
	private OAuth2AccessToken renew(CompletableFuture<CachedToken> flight, @Nullable CachedToken previous) {
		try {
			CachedToken fresh = CachedToken.of(authorize().getAccessToken(), this.clock.instant());
			synchronized (this.monitor) {
				this.cached = fresh;
				this.renewal = null;
				this.failuresInARow = 0;
				this.lastFailure = null;
				this.retryNotBefore = Instant.MIN;
			}
			flight.complete(fresh);
			return fresh.token();
		}
		catch (RuntimeException ex) {
			boolean interrupted = ex instanceof ServiceTitanInterruptedException;
			synchronized (this.monitor) {
				this.renewal = null;
				if (!interrupted) {
					// Backed off like any failure: callers meanwhile fail at once instead of each asking again.
					this.failuresInARow++;
					this.lastFailure = ex;
					this.retryNotBefore = this.clock.instant().plus(this.policy.backoff(this.failuresInARow));
				}
			}
			if (interrupted) {
				flight.complete(null);
			}
			else {
				flight.completeExceptionally(ex);
			}
			if (!interrupted && previous != null && previous.isValid(this.clock.instant())) {
				logger.warn("Renewing the ServiceTitan access token of client id '" + this.registration.getClientId()
						+ "' failed; the current token stays in use until it expires: " + ex.getMessage());
				return previous.token();
			}
			throw ex;
		}
	}

	private @Nullable CachedToken await(CompletableFuture<CachedToken> flight) {
		try {
			return flight.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ServiceTitanInterruptedException("waiting for a ServiceTitan access token", ex);
		}
		catch (ExecutionException ex) {
			throw shared(ex.getCause());
		}
	}

	/** The failure of a token request another thread made, thrown in this one with this thread's stack. */
	private RuntimeException shared(@Nullable Throwable failure) {
		if (failure instanceof ServiceTitanAuthenticationException authentication) {
			return new ServiceTitanAuthenticationException(authentication.getMessage(), authentication.errorCode(),
					authentication.clientId(), authentication);
		}
		if (failure instanceof ServiceTitanException other) {
			return new ServiceTitanException(other.getMessage(), other);
		}
		return new ServiceTitanAuthenticationException("Requesting a ServiceTitan access token for client id '"
				+ this.registration.getClientId() + "' failed", null, this.registration.getClientId(), failure);
	}

	private RuntimeException backedOff(@Nullable RuntimeException last) {
		RuntimeException failure = shared(last);
		return (failure instanceof ServiceTitanAuthenticationException authentication)
				? new ServiceTitanAuthenticationException(authentication.getMessage()
						+ " (failed a moment ago; not asked again before " + this.retryNotBefore + ")",
						authentication.errorCode(), authentication.clientId(), last)
				: failure;
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
		synchronized (this.monitor) {
			CachedToken current = this.cached;
			if (current != null && current.token().getTokenValue().equals(rejected.getTokenValue())) {
				this.cached = null;
			}
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
			if (lifetime.compareTo(MIN_LIFETIME) < 0) {
				// expires_in missing or 0 (Spring Security then says one second): not a token request per call.
				lifetime = MIN_LIFETIME;
			}
			Duration margin = lifetime.dividedBy(10);
			if (margin.compareTo(MAX_REFRESH_MARGIN) > 0) {
				margin = MAX_REFRESH_MARGIN;
			}
			return new CachedToken(token, now.plus(lifetime), now.plus(lifetime).minus(margin));
		}

		boolean isFresh(Instant now) {
			return now.isBefore(this.renewAt);
		}

		boolean isValid(Instant now) {
			return now.isBefore(this.expiresAt);
		}

	}

}
