package dev.pokewatch.serving.signals;

import org.springframework.http.HttpStatus;

import dev.pokewatch.serving.system.ApiProblemException;

/**
 * A query parameter of {@code GET /signals} that is missing or not what the OpenAPI
 * document declares (400); the detail names the parameter and its allowed values.
 */
class InvalidSignalsQueryException extends ApiProblemException {

	InvalidSignalsQueryException(String detail) {
		super(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
	}

}
