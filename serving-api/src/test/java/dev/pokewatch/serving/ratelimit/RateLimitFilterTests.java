package dev.pokewatch.serving.ratelimit;

import java.util.Map;

import dev.pokewatch.serving.security.ApiKeyHashes;
import dev.pokewatch.serving.security.ApiKeyMatch;
import dev.pokewatch.serving.security.ApiKeyRole;
import dev.pokewatch.serving.security.AuthenticatedApiKey;
import dev.pokewatch.serving.security.TestRoutesController;
import dev.pokewatch.serving.system.RequestIdFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RateLimitFilter}.
 */
class RateLimitFilterTests {

	private final ManualTime time = new ManualTime();

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final MockMvcTester mvc = mvc(new LocalRateLimiter(new RateLimitPolicy(60, 3), 100, this.time, this.time));

	@Test
	void filterWhenProtectedRouteShouldSetRateLimitHeaders() {
		MockHttpServletResponse response = this.mvc.post().uri("/predict").with(key("pk_one")).exchange().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader("X-RateLimit-Limit")).isEqualTo("3");
		assertThat(response.getHeader("X-RateLimit-Remaining")).isEqualTo("2");
		assertThat(response.getHeader("X-RateLimit-Reset")).isEqualTo(Long.toString(this.time.epochSecond() + 1));
		assertThat(response.getHeader("Retry-After")).isNull();
	}

	@Test
	void filterWhenBurstUsedShouldGive429ProblemWithRetryAfterAndHeaders() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.mvc.get().uri("/cards").with(key("pk_one")).exchange().getResponse().getStatus())
				.isEqualTo(200);
		}
		MockHttpServletResponse response = this.mvc.get()
			.uri("/list_cards")
			.with(key("pk_one"))
			.exchange()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(429);
		assertThat(response.getHeader("Retry-After")).isEqualTo("1");
		assertThat(response.getHeader("X-RateLimit-Limit")).isEqualTo("3");
		assertThat(response.getHeader("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(response.getHeader("X-RateLimit-Reset")).isEqualTo(Long.toString(this.time.epochSecond() + 3));
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(body(response)).containsEntry("status", 429)
			.containsEntry("type", "https://pokewatch.dev/problems/rate-limited")
			.containsEntry("detail", "Rate limit exceeded. Try again in 1 seconds.")
			.containsEntry("instance", "/list_cards")
			.containsEntry("request_id", "req-rl");
		assertThat(this.meterRegistry.get("pokewatch.ratelimit.rejections").tag("reason", "key").counter().count())
			.isEqualTo(1);
	}

	@Test
	void filterWhenBucketRefillsShouldAllowAgain() {
		for (int i = 0; i < 3; i++) {
			this.mvc.post().uri("/predict").with(key("pk_one")).exchange();
		}
		assertThat(this.mvc.post().uri("/predict").with(key("pk_one")).exchange().getResponse().getStatus())
			.isEqualTo(429);
		this.time.advance(java.time.Duration.ofSeconds(1));
		assertThat(this.mvc.post().uri("/predict").with(key("pk_one")).exchange().getResponse().getStatus())
			.isEqualTo(200);
	}

	@Test
	void filterWhenDifferentKeysShouldLimitEachSeparately() {
		for (int i = 0; i < 3; i++) {
			this.mvc.post().uri("/predict").with(key("pk_one")).exchange();
		}
		assertThat(this.mvc.post().uri("/predict").with(key("pk_one")).exchange().getResponse().getStatus())
			.isEqualTo(429);
		assertThat(this.mvc.post().uri("/predict").with(key("pk_two")).exchange().getResponse().getStatus())
			.isEqualTo(200);
	}

	@Test
	void filterWhenNoAuthenticatedKeyShouldLimitPerAddress() {
		for (int i = 0; i < 3; i++) {
			this.mvc.post().uri("/predict").with(address("10.0.0.1")).exchange();
		}
		assertThat(this.mvc.post().uri("/predict").with(address("10.0.0.1")).exchange().getResponse().getStatus())
			.isEqualTo(429);
		assertThat(this.mvc.post().uri("/predict").with(address("10.0.0.2")).exchange().getResponse().getStatus())
			.isEqualTo(200);
	}

	@Test
	void filterWhenOpenRouteShouldNotLimitNorSetHeaders() {
		for (int i = 0; i < 5; i++) {
			MockHttpServletResponse response = this.mvc.get().uri("/health").exchange().getResponse();
			assertThat(response.getStatus()).isEqualTo(200);
			assertThat(response.getHeader("X-RateLimit-Limit")).isNull();
		}
	}

	private MockMvcTester mvc(RateLimiter limiter) {
		Filter requestId = (request, response, chain) -> {
			request.setAttribute(RequestIdFilter.ATTRIBUTE, "req-rl");
			chain.doFilter(request, response);
		};
		return MockMvcTester.create(MockMvcBuilders.standaloneSetup(new TestRoutesController())
			.addFilters(requestId, new RateLimitFilter(limiter, this.meterRegistry))
			.build());
	}

	/** What the API-key filter leaves on an authenticated request. */
	private static RequestPostProcessor key(String key) {
		return (request) -> {
			request.setAttribute(AuthenticatedApiKey.ATTRIBUTE,
					new ApiKeyMatch(ApiKeyHashes.sha256Hex(key), ApiKeyRole.CLIENT));
			return request;
		};
	}

	private static RequestPostProcessor address(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> body(MockHttpServletResponse response) {
		return JsonMapper.shared().readValue(response.getContentAsByteArray(), Map.class);
	}

}
