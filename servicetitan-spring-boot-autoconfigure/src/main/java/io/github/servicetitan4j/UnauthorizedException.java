package io.github.servicetitan4j;

/**
 * 401 Unauthorized: the access token was missing, expired or rejected, or the app key is missing.
 */
public class UnauthorizedException extends ServiceTitanApiException {

	private static final long serialVersionUID = 1L;

	public UnauthorizedException(ProblemDetails problem) {
		super(problem);
	}

}
