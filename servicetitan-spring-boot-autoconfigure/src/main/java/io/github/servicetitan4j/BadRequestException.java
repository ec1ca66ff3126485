package io.github.servicetitan4j;

/**
 * 400 Bad Request: the request was malformed or failed validation.
 */
public class BadRequestException extends ServiceTitanApiException {

	private static final long serialVersionUID = 1L;

	public BadRequestException(ProblemDetails problem) {
		super(problem);
	}

}
