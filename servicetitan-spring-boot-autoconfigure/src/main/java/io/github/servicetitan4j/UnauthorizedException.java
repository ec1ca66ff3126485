package io.github.servicetitan4j;

/**
 * 401 Unauthorized: the access token was missing, expired or rejected, or the app key is missing.
 */
public class UnauthorizedException extends ServiceTitanApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception for a 401 response that a fresh token did not cure.
	 * @param problem what the server answered, as parsed from the response
	 */
	public UnauthorizedException(ProblemDetails problem) {
		super(problem);
	}

}
