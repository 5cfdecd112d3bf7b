package dev.pokewatch.serving.security;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Access to the key that authenticated a request, for filters and handlers that run after
 * authentication (the rate limiter keys its buckets by the key's hash).
 */
public final class AuthenticatedApiKey {

	/** Request attribute holding the {@link ApiKeyMatch}. */
	public static final String ATTRIBUTE = "pokewatch.apiKey";

	private AuthenticatedApiKey() {
	}

	/**
	 * The key that authenticated the request.
	 * @param request the request
	 * @return the match, or empty when the route is open or authentication is disabled
	 */
	public static Optional<ApiKeyMatch> of(HttpServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof ApiKeyMatch match) ? Optional.of(match) : Optional.empty();
	}

}
