package dev.pokewatch.serving.system;

import java.net.URI;

import org.springframework.http.HttpStatusCode;

/**
 * The problem types the API answers with; each type URI is stable and documented in
 * {@code docs/api.md}.
 */
public final class ProblemTypes {

	/** Base of every problem type URI. */
	public static final String BASE = "https://pokewatch.dev/problems/";

	/** Request attribute holding the request id (set by {@link RequestIdFilter}). */
	public static final String REQUEST_ID_PROPERTY = "request_id";

	private ProblemTypes() {
	}

	/**
	 * The type URI of a slug.
	 * @param slug the problem slug, e.g. {@code card-not-found}
	 * @return the URI
	 */
	public static URI uri(String slug) {
		return URI.create(BASE + slug);
	}

	/**
	 * The generic slug of a status for problems without a more specific type.
	 * @param status the status
	 * @return the slug
	 */
	public static String slugFor(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> "invalid-request";
			case 401 -> "unauthorized";
			case 403 -> "forbidden";
			case 404 -> "not-found";
			case 405 -> "method-not-allowed";
			case 406 -> "not-acceptable";
			case 409 -> "conflict";
			case 413 -> "request-too-large";
			case 415 -> "unsupported-media-type";
			case 422 -> "unprocessable";
			case 429 -> "rate-limited";
			case 503 -> "service-unavailable";
			default -> (status.is5xxServerError()) ? "internal-error" : "client-error";
		};
	}

}
