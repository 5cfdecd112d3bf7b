package dev.pokewatch.serving.ratelimit;

import java.util.List;

import dev.pokewatch.serving.security.ApiKeyHashes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import dev.pokewatch.common.testsupport.TestEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RateLimitConfiguration} together with the security configuration, as
 * the application wires them.
 */
@ExtendWith(OutputCaptureExtension.class)
class RateLimitWiringTests {

	private static final String CLIENT_KEY = "pk_WiringClientKeyMustNeverBeLogged000000000000";

	private static final String ADMIN_KEY = "pk_WiringAdminKeyMustNeverBeLogged0000000000000";

	@Test
	void contextShouldRegisterAuthenticationBeforeRateLimiting() {
		try (RateLimitTestApplication.Replica replica = RateLimitTestApplication.start()) {
			List<FilterRegistrationBean<?>> registrations = replica.registrations();
			assertThat(registrations).extracting(FilterRegistrationBean::getFilterName)
				.containsExactly("apiKeyAuthenticationFilter", "rateLimitFilter");
			// after the request-id filter (highest precedence), before rate limiting
			assertThat(registrations.get(0).getOrder()).isGreaterThan(Integer.MIN_VALUE)
				.isLessThan(registrations.get(1).getOrder());
		}
	}

	@Test
	void requestsWhenKeyConfiguredShouldAuthenticateAndRateLimitPerKey(CapturedOutput output) {
		try (RateLimitTestApplication.Replica replica = RateLimitTestApplication.start(
				"--serving.security.api-keys= " + CLIENT_KEY + " , ",
				"--serving.security.admin-api-key-hashes=" + ApiKeyHashes.sha256Hex(ADMIN_KEY),
				"--serving.rate-limit.burst=2", "--serving.rate-limit.requests-per-minute=1")) {
			MockMvcTester mvc = replica.mvc();
			MockHttpServletResponse missing = mvc.post().uri("/predict").exchange().getResponse();
			assertThat(missing.getStatus()).isEqualTo(401);
			assertThat(missing.getHeader("X-RateLimit-Limit")).as("401s do not touch the key bucket").isNull();
			assertThat(status(mvc.post().uri("/predict").header("X-API-Key", CLIENT_KEY))).isEqualTo(200);
			assertThat(status(mvc.get().uri("/cards").header("X-API-Key", CLIENT_KEY))).isEqualTo(200);
			MockHttpServletResponse limited = mvc.get()
				.uri("/cards")
				.header("X-API-Key", CLIENT_KEY)
				.exchange()
				.getResponse();
			assertThat(limited.getStatus()).isEqualTo(429);
			assertThat(limited.getHeader("Retry-After")).isEqualTo("60");
			assertThat(status(mvc.post().uri("/admin/reload").header("X-API-Key", CLIENT_KEY))).isEqualTo(403);
			assertThat(status(mvc.post().uri("/admin/reload").header("X-API-Key", ADMIN_KEY))).isEqualTo(200);
			assertThat(status(mvc.get().uri("/health"))).isEqualTo(200);
		}
		assertThat(output).contains(ApiKeyHashes.fingerprint(ApiKeyHashes.sha256Hex(CLIENT_KEY)))
			.contains("Rate limit: 1 requests/minute, burst 2, buckets in memory");
		assertThat(output.getAll()).doesNotContain(CLIENT_KEY).doesNotContain(ADMIN_KEY);
	}

	@Test
	void requestsWhenAuthDisabledShouldPassAndRateLimitPerAddress(CapturedOutput output) {
		try (RateLimitTestApplication.Replica replica = RateLimitTestApplication
			.start("--serving.security.enabled=false", "--serving.rate-limit.burst=2")) {
			MockMvcTester mvc = replica.mvc();
			assertThat(status(mvc.post().uri("/predict"))).isEqualTo(200);
			assertThat(status(mvc.post().uri("/admin/reload"))).isEqualTo(200);
			assertThat(status(mvc.post().uri("/predict"))).isEqualTo(429);
			assertThat(status(mvc.post().uri("/predict").with((request) -> {
				request.setRemoteAddr("10.9.9.9");
				return request;
			}))).isEqualTo(200);
		}
		assertThat(output).contains("WARN").contains("API key authentication is DISABLED");
	}

	@Test
	void startWhenNoKeysConfiguredShouldStartLogErrorAndReject(CapturedOutput output) {
		try (RateLimitTestApplication.Replica replica = RateLimitTestApplication.start()) {
			assertThat(status(replica.mvc().post().uri("/predict").header("X-API-Key", "pk_anything"))).isEqualTo(401);
			assertThat(status(replica.mvc().get().uri("/health"))).isEqualTo(200);
		}
		assertThat(output).contains("ERROR").contains("no key is configured");
	}

	@Test
	void requestsWhenRedisUnreachableAtStartShouldStartAndLimitLocally(CapturedOutput output) throws Exception {
		int closedPort = TestEnvironment.freePort();
		try (RateLimitTestApplication.Replica replica = RateLimitTestApplication.start(
				"--serving.security.enabled=false", "--serving.rate-limit.burst=2",
				"--spring.data.redis.url=redis://127.0.0.1:" + closedPort)) {
			MockMvcTester mvc = replica.mvc();
			assertThat(status(mvc.post().uri("/predict"))).isEqualTo(200);
			assertThat(status(mvc.post().uri("/predict"))).isEqualTo(200);
			assertThat(status(mvc.post().uri("/predict"))).isEqualTo(429);
			assertThat(replica.meterRegistry().get("pokewatch.ratelimit.redis.fallback").counter().count())
				.isEqualTo(1);
		}
		assertThat(FailoverRateLimiterTests.occurrences(output.getAll(),
				"Redis rate limiting at 127.0.0.1:" + closedPort + " failed"))
			.isEqualTo(1);
	}

	private static int status(MockMvcTester.MockMvcRequestBuilder request) {
		return request.exchange().getResponse().getStatus();
	}

}
