package io.github.servicetitan4j;

/**
 * 400 Bad Request: the request was malformed or failed validation.
 */
public class BadRequestException extends ServiceTitanApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception for a 400 response.
	 * @param problem what the server answered, as parsed from the response
	 */
	public BadRequestException(ProblemDetails problem) {
		super(problem);
	}

}
