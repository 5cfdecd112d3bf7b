package dev.pokewatch.serving.prediction;

import org.springframework.http.HttpStatus;

import dev.pokewatch.serving.system.ApiProblemException;

/**
 * A request field that is missing or invalid (400); the detail names the field.
 */
public class InvalidPredictionRequestException extends ApiProblemException {

	private final String field;

	InvalidPredictionRequestException(String field, String detail) {
		super(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
		this.field = field;
	}

	/**
	 * The offending field.
	 * @return the JSON field name
	 */
	public String field() {
		return this.field;
	}

}
