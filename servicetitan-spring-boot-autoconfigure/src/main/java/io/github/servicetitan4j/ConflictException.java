package io.github.servicetitan4j;

/**
 * 409 Conflict: the request conflicts with the record's current state.
 */
public class ConflictException extends ServiceTitanApiException {

	private static final long serialVersionUID = 1L;

	public ConflictException(ProblemDetails problem) {
		super(problem);
	}

}
