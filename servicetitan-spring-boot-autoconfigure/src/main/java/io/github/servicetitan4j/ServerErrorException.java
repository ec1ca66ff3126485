package io.github.servicetitan4j;

/**
 * 5xx: the server failed.
 */
public class ServerErrorException extends ServiceTitanApiException {

	private static final long serialVersionUID = 1L;

	public ServerErrorException(ProblemDetails problem) {
		super(problem);
	}

}
