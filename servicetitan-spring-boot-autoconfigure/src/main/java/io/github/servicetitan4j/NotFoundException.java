package io.github.servicetitan4j;

/**
 * 404 Not Found: no such record or route.
 */
public class NotFoundException extends ServiceTitanApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception for a 404 response.
	 * @param problem what the server answered, as parsed from the response
	 */
	public NotFoundException(ProblemDetails problem) {
		super(problem);
	}

}
