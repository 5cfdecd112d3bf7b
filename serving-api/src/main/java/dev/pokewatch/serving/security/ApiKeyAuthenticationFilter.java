package dev.pokewatch.serving.security;

import java.io.IOException;
import java.util.Optional;

import dev.pokewatch.common.telemetry.MeterNames;
import dev.pokewatch.serving.system.ProblemResponses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks the {@code X-API-Key} header on protected routes: 401 for a missing or unknown
 * key, 403 for a client key on an admin route, 429 for an address with too many failed
 * attempts. Keys are never logged; only hash fingerprints are.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	static final String API_KEY_HEADER = "X-API-Key";

	static final String MISSING_KEY_DETAIL = "Missing API key. Provide X-API-Key header.";

	static final String INVALID_KEY_DETAIL = "Invalid API key";

	private static final Logger logger = LoggerFactory.getLogger(ApiKeyAuthenticationFilter.class);

	private final boolean enabled;

	private final ApiKeyStore keys;

	private final AuthFailureLimiter failures;

	private final Counter authRejections;

	ApiKeyAuthenticationFilter(boolean enabled, ApiKeyStore keys, AuthFailureLimiter failures,
			MeterRegistry meterRegistry) {
		this.enabled = enabled;
		this.keys = keys;
		this.failures = failures;
		this.authRejections = Counter.builder(MeterNames.RATE_LIMIT_REJECTIONS)
			.description("Requests rejected with 429")
			.tag("reason", "auth")
			.register(meterRegistry);
		logConfiguration();
	}

	private void logConfiguration() {
		if (!this.enabled) {
			logger.warn("API key authentication is DISABLED (AUTH_ENABLED=false): /predict, /batch_predict, "
					+ "/list_cards and /admin/** are open to anyone who can reach this port. "
					+ "Use this for local experiments only.");
		}
		else if (this.keys.isEmpty()) {
			logger.error("API key authentication is enabled but no key is configured, so every protected "
					+ "request will get 401. Run 'make api-key' and set API_KEYS (plaintext, local) or "
					+ "API_KEY_HASHES (SHA-256, production); admin keys go in ADMIN_API_KEYS or "
					+ "ADMIN_API_KEY_HASHES.");
		}
		else {
			logger.info("API key authentication enabled: {} client key(s) {}, {} admin key(s) {}",
					this.keys.count(ApiKeyRole.CLIENT), this.keys.fingerprints(ApiKeyRole.CLIENT),
					this.keys.count(ApiKeyRole.ADMIN), this.keys.fingerprints(ApiKeyRole.ADMIN));
		}
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		RouteAccess access = RouteAccess.of(request);
		if (!this.enabled || access == RouteAccess.OPEN || HttpMethod.OPTIONS.matches(request.getMethod())) {
			chain.doFilter(request, response);
			return;
		}
		String address = request.getRemoteAddr();
		String presented = request.getHeader(API_KEY_HEADER);
		boolean hasKey = presented != null && !presented.isBlank();
		long blockedSeconds = this.failures.blockedForSeconds(address);
		if (blockedSeconds > 0 && !(hasKey && this.failures.trusted(address, fingerprintOf(presented)))) {
			// Checked before the key so a blocked guesser learns nothing, not even a
			// right guess; only a key that already succeeded from this address (a
			// neighbour behind the same NAT) passes.
			this.authRejections.increment();
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(blockedSeconds));
			problem(request, response, HttpStatus.TOO_MANY_REQUESTS, "too-many-auth-failures",
					"Too many failed API key attempts from this address. Try again in " + blockedSeconds + " seconds.");
			return;
		}
		if (!hasKey) {
			reject(request, response, address, "missing-api-key", MISSING_KEY_DETAIL, null);
			return;
		}
		Optional<ApiKeyMatch> match = this.keys.match(presented);
		if (match.isEmpty()) {
			reject(request, response, address, "invalid-api-key", INVALID_KEY_DETAIL, fingerprintOf(presented));
			return;
		}
		ApiKeyMatch key = match.get();
		this.failures.recordSuccess(address, key.fingerprint());
		if (!key.role().permits(access)) {
			logger.debug("Forbidden: key {} has role {} on {} {}", key.fingerprint(), key.role(), request.getMethod(),
					request.getRequestURI());
			problem(request, response, HttpStatus.FORBIDDEN, "forbidden", "This route needs an admin API key.");
			return;
		}
		request.setAttribute(AuthenticatedApiKey.ATTRIBUTE, key);
		chain.doFilter(request, response);
	}

	private void reject(HttpServletRequest request, HttpServletResponse response, String address, String type,
			String detail, String fingerprint) throws IOException {
		boolean nowBlocked = this.failures.recordFailure(address);
		if (nowBlocked) {
			logger.warn("Too many failed API key attempts from {}; further attempts get 429 for a while", address);
		}
		else {
			logger.debug("Unauthorized: {} from {} (key fingerprint {}) on {} {}", type, address, fingerprint,
					request.getMethod(), request.getRequestURI());
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey");
		problem(request, response, HttpStatus.UNAUTHORIZED, type, detail);
	}

	private static String fingerprintOf(String presentedKey) {
		return ApiKeyHashes.fingerprint(ApiKeyHashes.sha256Hex(presentedKey));
	}

	private static void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			String type, String detail) throws IOException {
		ProblemResponses.write(request, response,
				ProblemResponses.problem(request, status, type, status.getReasonPhrase(), detail));
	}

}
