package io.github.servicetitan4j;

/**
 * 5xx: the server failed.
 */
public class ServerErrorException extends ServiceTitanApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception for a 5xx response.
	 * @param problem what the server answered, as parsed from the response
	 */
	public ServerErrorException(ProblemDetails problem) {
		super(problem);
	}

}
