package dev.pokewatch.collector.http;

import java.net.URI;

/**
 * A request failed for good: retries exhausted, or an answer that retrying cannot fix.
 */
public class HttpExchangeException extends RuntimeException {

	private final URI uri;

	public HttpExchangeException(URI uri, String problem, Throwable cause) {
		super("GET " + uri + ": " + problem, cause);
		this.uri = uri;
	}

	/**
	 * The request that failed (never carries credentials, they travel in headers).
	 * @return the URI
	 */
	public URI uri() {
		return this.uri;
	}

}
