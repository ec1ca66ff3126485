package io.github.servicetitan4j;

/**
 * 422 Unprocessable Entity: the payload was understood but rejected.
 */
public class UnprocessableEntityException extends ServiceTitanApiException {

	private static final long serialVersionUID = 1L;

	public UnprocessableEntityException(ProblemDetails problem) {
		super(problem);
	}

}
