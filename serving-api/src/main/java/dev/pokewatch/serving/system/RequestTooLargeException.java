package dev.pokewatch.serving.system;

import org.springframework.http.HttpStatus;

/**
 * The request body exceeded {@code serving.max-request-size} while being read (413).
 * Unchecked on purpose: readers (Jackson) wrap {@link java.io.IOException}s into parse
 * errors, which would turn this into a 400.
 */
public class RequestTooLargeException extends ApiProblemException {

	RequestTooLargeException(long limit) {
		super(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "Request body too large",
				"The request body exceeds the limit of " + limit + " bytes (serving.max-request-size)");
	}

}
