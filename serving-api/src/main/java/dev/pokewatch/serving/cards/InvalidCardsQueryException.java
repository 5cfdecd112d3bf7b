package dev.pokewatch.serving.cards;

import org.springframework.http.HttpStatus;

import dev.pokewatch.serving.system.ApiProblemException;

/**
 * A query parameter of {@code GET /cards} that is not what the OpenAPI document declares
 * (400).
 */
class InvalidCardsQueryException extends ApiProblemException {

	InvalidCardsQueryException(String detail) {
		super(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
	}

}
