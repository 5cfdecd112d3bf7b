package dev.pokewatch.serving.system;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * A client-visible failure that maps to one problem+json answer: a status, a stable
 * problem type and a detail naming the bad field, card or date.
 */
public abstract class ApiProblemException extends RuntimeException {

	private final HttpStatus status;

	private final String type;

	private final String title;

	protected ApiProblemException(HttpStatus status, String type, String title, String detail) {
		// no stack trace: these are answers to client input, thrown per batch item on a
		// hot path, and never logged with a trace
		super(detail, null, false, false);
		this.status = status;
		this.type = type;
		this.title = title;
	}

	/**
	 * The HTTP status answered.
	 * @return the status
	 */
	public HttpStatus status() {
		return this.status;
	}

	/**
	 * The problem type slug (see {@link ProblemTypes}).
	 * @return the slug
	 */
	public String type() {
		return this.type;
	}

	/**
	 * The problem type URI.
	 * @return the type URI
	 */
	public URI typeUri() {
		return ProblemTypes.uri(this.type);
	}

	/**
	 * A short summary of the problem type.
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

	/**
	 * The human-readable explanation of this occurrence.
	 * @return the detail
	 */
	public String detail() {
		return getMessage();
	}

}
