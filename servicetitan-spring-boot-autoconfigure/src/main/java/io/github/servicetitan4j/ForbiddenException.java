package io.github.servicetitan4j;

/**
 * 403 Forbidden: the application lacks the scope or the tenant has not granted access.
 */
public class ForbiddenException extends ServiceTitanApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception for a 403 response.
	 * @param problem what the server answered, as parsed from the response
	 */
	public ForbiddenException(ProblemDetails problem) {
		super(problem);
	}

}
