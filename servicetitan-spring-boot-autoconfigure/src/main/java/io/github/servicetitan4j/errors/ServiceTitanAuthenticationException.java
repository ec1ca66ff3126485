package io.github.servicetitan4j.errors;

import org.jspecify.annotations.Nullable;

/**
 * The token endpoint refused the client credentials ({@code invalid_client}, {@code unauthorized_client}) or could not
 * be reached. Names the client id, never the secret.
 */
public class ServiceTitanAuthenticationException extends ServiceTitanException {

	private static final long serialVersionUID = 1L;

	/** OAuth 2.0 error code, if any. */
	private final @Nullable String errorCode;

	/** Client id whose token request failed. */
	private final String clientId;

	/**
	 * Creates the exception.
	 * @param message what failed; must not contain the secret
	 * @param errorCode OAuth 2.0 error code from the token endpoint, or null
	 * @param clientId client id whose token request failed
	 * @param cause underlying failure, or null
	 */
	public ServiceTitanAuthenticationException(String message, @Nullable String errorCode, String clientId,
			@Nullable Throwable cause) {
		super(message, cause);
		this.errorCode = errorCode;
		this.clientId = clientId;
	}

	/**
	 * OAuth 2.0 error code from the token endpoint ({@code invalid_client}, ...), or null for a transport failure.
	 * @return error code, or null
	 */
	public @Nullable String errorCode() {
		return this.errorCode;
	}

	/**
	 * Client id whose token request failed.
	 * @return client id
	 */
	public String clientId() {
		return this.clientId;
	}

}
