package io.github.servicetitan4j;

/**
 * 409 Conflict: the request conflicts with the record's current state.
 */
public class ConflictException extends ServiceTitanApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception for a 409 response.
	 * @param problem what the server answered, as parsed from the response
	 */
	public ConflictException(ProblemDetails problem) {
		super(problem);
	}

}
