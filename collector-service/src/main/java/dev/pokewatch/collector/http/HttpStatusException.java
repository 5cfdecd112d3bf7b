package dev.pokewatch.collector.http;

import java.net.URI;

/**
 * The provider answered with a client error status that retrying cannot fix (4xx other
 * than 429), such as 401, 403 or 404.
 */
public class HttpStatusException extends HttpExchangeException {

	private final int status;

	public HttpStatusException(URI uri, int status, String bodyExcerpt) {
		super(uri, "HTTP " + status + (bodyExcerpt.isBlank() ? "" : ": " + bodyExcerpt), null);
		this.status = status;
	}

	/**
	 * The HTTP status.
	 * @return the status code
	 */
	public int status() {
		return this.status;
	}

}
