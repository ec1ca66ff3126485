package io.github.servicetitan4j;

/**
 * 422 Unprocessable Entity: the payload was understood but rejected.
 */
public class UnprocessableEntityException extends ServiceTitanApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception for a 422 response.
	 * @param problem what the server answered, as parsed from the response
	 */
	public UnprocessableEntityException(ProblemDetails problem) {
		super(problem);
	}

}
