package dev.pokewatch.serving.system;

import org.springframework.http.HttpStatus;

/**
 * A request the server cannot parse (malformed query string, path, headers or multipart
 * body), answered with a 4xx problem instead of the 500 the failure would otherwise
 * become. Built by {@link ClientErrors}.
 */
public final class ClientRequestException extends ApiProblemException {

	ClientRequestException(HttpStatus status, String type, String title, String detail) {
		super(status, type, title, detail);
	}

}
