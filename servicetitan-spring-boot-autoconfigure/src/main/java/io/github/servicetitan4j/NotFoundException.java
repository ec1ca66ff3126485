package io.github.servicetitan4j;

/**
 * 404 Not Found: no such record or route.
 */
public class NotFoundException extends ServiceTitanApiException {

	private static final long serialVersionUID = 1L;

	public NotFoundException(ProblemDetails problem) {
		super(problem);
	}

}
