package io.github.servicetitan4j.auth;

import java.time.Instant;
import java.util.Optional;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Supplies the access token that every API call carries. Implementations cache the token, share it between threads
 * and endpoints, and ask for a new one shortly before it expires.
 */
public interface AccessTokenProvider {

	/**
	 * Returns a currently valid token, asking the token endpoint only when the cached one is missing or about to expire.
	 * @return the token
	 * @throws io.github.servicetitan4j.errors.ServiceTitanAuthenticationException if no token can be had
	 */
	OAuth2AccessToken token();

	/**
	 * Drops the given token from the cache (the API rejected it with 401), so that the next {@link #token()} asks for a
	 * new one. A token that is no longer cached is ignored, so that many threads seeing the same 401 cause one refresh.
	 * @param rejected the token the API rejected
	 */
	void invalidate(OAuth2AccessToken rejected);

	/**
	 * Expiry of the cached token, if one is cached and still valid. Never asks the token endpoint.
	 * @return the expiry time
	 */
	Optional<Instant> cachedTokenExpiry();

}
