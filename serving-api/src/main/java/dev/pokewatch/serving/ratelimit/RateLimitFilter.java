package dev.pokewatch.serving.ratelimit;

import java.io.IOException;

import dev.pokewatch.common.telemetry.MeterNames;
import dev.pokewatch.serving.security.AuthenticatedApiKey;
import dev.pokewatch.serving.security.RouteAccess;
import dev.pokewatch.serving.system.ProblemResponses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the token bucket to protected routes, after authentication: one bucket per API
 * key (by its hash), or per client address when authentication is disabled. Sets the
 * {@code X-RateLimit-*} headers on every protected response and answers 429 with
 * {@code Retry-After} when the bucket is empty.
 */
final class RateLimitFilter extends OncePerRequestFilter {

	static final String LIMIT_HEADER = "X-RateLimit-Limit";

	static final String REMAINING_HEADER = "X-RateLimit-Remaining";

	static final String RESET_HEADER = "X-RateLimit-Reset";

	private final RateLimiter limiter;

	private final Counter rejections;

	RateLimitFilter(RateLimiter limiter, MeterRegistry meterRegistry) {
		this.limiter = limiter;
		this.rejections = Counter.builder(MeterNames.RATE_LIMIT_REJECTIONS)
			.description("Requests rejected with 429")
			.tag("reason", "key")
			.register(meterRegistry);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (HttpMethod.OPTIONS.matches(request.getMethod()) || RouteAccess.of(request) == RouteAccess.OPEN) {
			chain.doFilter(request, response);
			return;
		}
		RateLimitDecision decision = this.limiter.tryConsume(bucketKey(request));
		response.setHeader(LIMIT_HEADER, Long.toString(decision.limit()));
		response.setHeader(REMAINING_HEADER, Long.toString(decision.remaining()));
		response.setHeader(RESET_HEADER, Long.toString(decision.resetEpochSeconds()));
		if (!decision.allowed()) {
			this.rejections.increment();
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
			HttpStatus status = HttpStatus.TOO_MANY_REQUESTS;
			ProblemResponses.write(request, response,
					ProblemResponses.problem(request, status, "rate-limited", status.getReasonPhrase(),
							"Rate limit exceeded. Try again in " + decision.retryAfterSeconds() + " seconds."));
			return;
		}
		chain.doFilter(request, response);
	}

	private static String bucketKey(HttpServletRequest request) {
		return AuthenticatedApiKey.of(request)
			.map((key) -> "key:" + key.keyHash())
			.orElseGet(() -> "addr:" + request.getRemoteAddr());
	}

}
