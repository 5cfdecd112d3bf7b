package dev.pokewatch.serving.security;

import java.util.List;
import java.util.Map;

import dev.pokewatch.serving.system.RequestIdFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ApiKeyAuthenticationFilter}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiKeyAuthenticationFilterTests {

	private static final String CLIENT_KEY = "pk_AAAAclientSecretKeyValue0123456789abcdefghij";

	private static final String ADMIN_KEY = "pk_BBBBadminSecretKeyValue0123456789abcdefghijk";

	private static final String REQUEST_ID = "req-test-1";

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final ManualTimeMeter time = new ManualTimeMeter();

	@AfterEach
	void resetLogLevel() {
		LoggingSystem.get(getClass().getClassLoader()).setLogLevel("dev.pokewatch.serving", null);
	}

	@Test
	void filterWhenKeyMissingShouldGive401ProblemWithRequestId() {
		MockHttpServletResponse response = exchange(mvc(true, keys()).post().uri("/predict"));
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("ApiKey");
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(body(response)).containsEntry("type", "https://pokewatch.dev/problems/missing-api-key")
			.containsEntry("title", "Unauthorized")
			.containsEntry("status", 401)
			.containsEntry("detail", "Missing API key. Provide X-API-Key header.")
			.containsEntry("instance", "/predict")
			.containsEntry("request_id", REQUEST_ID);
	}

	@Test
	void filterWhenKeyBlankShouldCountAsMissing() {
		MockHttpServletResponse response = exchange(mvc(true, keys()).get().uri("/cards").header("X-API-Key", "  "));
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(body(response)).containsEntry("detail", "Missing API key. Provide X-API-Key header.");
	}

	@Test
	void filterWhenKeyWrongShouldGive401InvalidKey() {
		MockHttpServletResponse response = exchange(
				mvc(true, keys()).get().uri("/list_cards").header("X-API-Key", CLIENT_KEY + "x"));
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("ApiKey");
		assertThat(body(response)).containsEntry("detail", "Invalid API key")
			.containsEntry("type", "https://pokewatch.dev/problems/invalid-api-key")
			.containsEntry("instance", "/list_cards");
	}

	@Test
	void filterWhenClientKeyShouldReachClientRoutes() {
		MockMvcTester mvc = mvc(true, keys());
		for (String uri : List.of("/predict", "/fair_price", "/batch_predict")) {
			assertThat(exchange(mvc.post().uri(uri).header("X-API-Key", CLIENT_KEY)).getStatus()).as(uri)
				.isEqualTo(200);
		}
		for (String uri : List.of("/list_cards", "/cards")) {
			assertThat(exchange(mvc.get().uri(uri).header("x-api-key", CLIENT_KEY)).getStatus()).as(uri).isEqualTo(200);
		}
	}

	@Test
	void filterWhenClientKeyOnAdminRouteShouldGive403() {
		MockHttpServletResponse response = exchange(
				mvc(true, keys()).post().uri("/admin/reload").header("X-API-Key", CLIENT_KEY));
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(body(response)).containsEntry("status", 403).containsEntry("request_id", REQUEST_ID);
	}

	@Test
	void filterWhenAdminKeyShouldReachAdminAndClientRoutes() {
		MockMvcTester mvc = mvc(true, keys());
		assertThat(exchange(mvc.post().uri("/admin/reload").header("X-API-Key", ADMIN_KEY)).getStatus()).isEqualTo(200);
		assertThat(exchange(mvc.post().uri("/predict").header("X-API-Key", ADMIN_KEY)).getStatus()).isEqualTo(200);
	}

	@Test
	void filterWhenNoKeyOnAdminRouteShouldGive401() {
		assertThat(exchange(mvc(true, keys()).post().uri("/admin/reload")).getStatus()).isEqualTo(401);
	}

	@Test
	void filterWhenOpenOrUnknownRouteShouldPassWithoutKey() {
		MockMvcTester mvc = mvc(true, keys());
		for (String uri : List.of("/health", "/metrics", "/docs")) {
			assertThat(exchange(mvc.get().uri(uri)).getStatus()).as(uri).isEqualTo(200);
		}
		assertThat(exchange(mvc.get().uri("/no-such-route")).getStatus()).isEqualTo(404);
	}

	@Test
	void filterWhenPreflightShouldPassWithoutKey() throws Exception {
		ApiKeyAuthenticationFilter filter = new ApiKeyAuthenticationFilter(true, keys(),
				new AuthFailureLimiter(10, 1000, this.time), this.meterRegistry);
		MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/predict");
		request.addHeader("Origin", "http://localhost:3000");
		request.addHeader("Access-Control-Request-Method", "POST");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		filter.doFilter(request, response, chain);
		assertThat(chain.getRequest()).as("passed down the chain").isSameAs(request);
		assertThat(response.getStatus()).isEqualTo(200);
	}

	@Test
	void filterWhenVariantPathSpellingShouldStillNeedKey() {
		MockMvcTester mvc = mvc(true, keys());
		assertThat(exchange(mvc.post().uri("/predict/")).getStatus()).isEqualTo(401);
		assertThat(exchange(mvc.post().uri("/predict;a=b")).getStatus()).isEqualTo(401);
	}

	@Test
	void filterWhenTooManyFailuresFromAnAddressShouldGive429ForThatAddressOnly() {
		MockMvcTester mvc = mvc(true, keys());
		for (int i = 1; i <= 10; i++) {
			MockHttpServletResponse response = exchange(
					mvc.post().uri("/predict").header("X-API-Key", "pk_guess" + i).with(address("10.1.1.1")));
			assertThat(response.getStatus()).as("failure %d", i).isEqualTo(401);
		}
		MockHttpServletResponse blocked = exchange(
				mvc.post().uri("/predict").header("X-API-Key", CLIENT_KEY).with(address("10.1.1.1")));
		assertThat(blocked.getStatus()).as("even the right key, so a guesser learns nothing").isEqualTo(429);
		assertThat(Long.parseLong(blocked.getHeader("Retry-After"))).isBetween(1L, 6L);
		assertThat(body(blocked)).containsEntry("status", 429).containsEntry("request_id", REQUEST_ID);
		assertThat(exchange(mvc.post().uri("/predict").header("X-API-Key", CLIENT_KEY).with(address("10.1.1.2")))
			.getStatus()).as("another address").isEqualTo(200);
		assertThat(this.meterRegistry.get("pokewatch.ratelimit.rejections").tag("reason", "auth").counter().count())
			.isEqualTo(1);
	}

	@Test
	void filterWhenAddressBlockedShouldStillAdmitAKeyThatSucceededFromItBefore() {
		MockMvcTester mvc = mvc(true, keys());
		// a neighbour behind the same NAT used its key before the guessing started
		assertThat(
				exchange(mvc.get().uri("/cards").header("X-API-Key", CLIENT_KEY).with(address("10.1.1.4"))).getStatus())
			.isEqualTo(200);
		for (int i = 1; i <= 10; i++) {
			exchange(mvc.post().uri("/predict").header("X-API-Key", "pk_guess" + i).with(address("10.1.1.4")));
		}
		assertThat(exchange(mvc.post().uri("/predict").header("X-API-Key", "pk_guess11").with(address("10.1.1.4")))
			.getStatus()).as("the guesser stays blocked").isEqualTo(429);
		assertThat(
				exchange(mvc.get().uri("/cards").header("X-API-Key", CLIENT_KEY).with(address("10.1.1.4"))).getStatus())
			.as("the neighbour's known key still works")
			.isEqualTo(200);
		assertThat(
				exchange(mvc.get().uri("/cards").header("X-API-Key", ADMIN_KEY).with(address("10.1.1.4"))).getStatus())
			.as("a right key never seen from this address is not revealed")
			.isEqualTo(429);
		this.time.advance(AuthFailureLimiter.TRUST_TTL.plusSeconds(1));
		for (int i = 12; i <= 22; i++) {
			exchange(mvc.post().uri("/predict").header("X-API-Key", "pk_guess" + i).with(address("10.1.1.4")));
		}
		assertThat(
				exchange(mvc.get().uri("/cards").header("X-API-Key", CLIENT_KEY).with(address("10.1.1.4"))).getStatus())
			.as("trust expires")
			.isEqualTo(429);
	}

	@Test
	void filterWhenBlockExpiresShouldAcceptTheRightKeyAgain() {
		MockMvcTester mvc = mvc(true, keys());
		for (int i = 0; i < 10; i++) {
			exchange(mvc.get().uri("/cards").with(address("10.1.1.3")));
		}
		assertThat(
				exchange(mvc.get().uri("/cards").header("X-API-Key", CLIENT_KEY).with(address("10.1.1.3"))).getStatus())
			.isEqualTo(429);
		this.time.advance(java.time.Duration.ofSeconds(6));
		assertThat(
				exchange(mvc.get().uri("/cards").header("X-API-Key", CLIENT_KEY).with(address("10.1.1.3"))).getStatus())
			.isEqualTo(200);
	}

	@Test
	void filterWhenDisabledShouldPassEverythingAndWarn(CapturedOutput output) {
		MockMvcTester mvc = mvc(false, keys());
		assertThat(output).contains("API key authentication is DISABLED");
		assertThat(exchange(mvc.post().uri("/predict")).getStatus()).isEqualTo(200);
		assertThat(exchange(mvc.post().uri("/admin/reload").header("X-API-Key", "pk_wrong")).getStatus())
			.isEqualTo(200);
	}

	@Test
	void filterWhenEnabledWithoutKeysShouldLogErrorAndRejectProtectedRoutes(CapturedOutput output) {
		MockMvcTester mvc = mvc(true,
				ApiKeyStore.from(ApiKeyStoreTests.properties(List.of(), List.of(), List.of(), List.of())));
		assertThat(output).contains("ERROR").contains("no key is configured").contains("API_KEYS");
		assertThat(exchange(mvc.post().uri("/predict")).getStatus()).isEqualTo(401);
		assertThat(body(exchange(mvc.post().uri("/predict").header("X-API-Key", "pk_any")))).containsEntry("detail",
				"Invalid API key");
		assertThat(exchange(mvc.get().uri("/health")).getStatus()).isEqualTo(200);
	}

	@Test
	void filterWhenLoggingAtDebugShouldNeverLogKeys(CapturedOutput output) {
		LoggingSystem.get(getClass().getClassLoader()).setLogLevel("dev.pokewatch.serving", LogLevel.DEBUG);
		String wrongKey = "pk_ZZZZwrongGuessThatMustNotBeLogged0123456789ab";
		MockMvcTester mvc = mvc(true, keys());
		exchange(mvc.post().uri("/predict").header("X-API-Key", CLIENT_KEY));
		exchange(mvc.post().uri("/admin/reload").header("X-API-Key", CLIENT_KEY));
		exchange(mvc.post().uri("/predict").header("X-API-Key", wrongKey));
		for (int i = 0; i < 10; i++) {
			exchange(mvc.post().uri("/predict").header("X-API-Key", wrongKey));
		}
		assertThat(output).contains(ApiKeyHashes.fingerprint(ApiKeyHashes.sha256Hex(CLIENT_KEY)))
			.contains(ApiKeyHashes.fingerprint(ApiKeyHashes.sha256Hex(wrongKey)))
			.contains("Too many failed API key attempts");
		for (String secret : List.of(CLIENT_KEY, ADMIN_KEY, wrongKey)) {
			assertThat(output.getAll()).doesNotContain(secret).doesNotContain(secret.substring(3, 15));
		}
	}

	private ApiKeyStore keys() {
		return ApiKeyStore.from(ApiKeyStoreTests.properties(List.of(CLIENT_KEY), List.of(), List.of(),
				List.of(ApiKeyHashes.sha256Hex(ADMIN_KEY))));
	}

	private MockMvcTester mvc(boolean enabled, ApiKeyStore keys) {
		ApiKeyAuthenticationFilter auth = new ApiKeyAuthenticationFilter(enabled, keys,
				new AuthFailureLimiter(10, 1000, this.time), this.meterRegistry);
		Filter requestId = (request, response, chain) -> {
			request.setAttribute(RequestIdFilter.ATTRIBUTE, REQUEST_ID);
			chain.doFilter(request, response);
		};
		return MockMvcTester
			.create(MockMvcBuilders.standaloneSetup(new TestRoutesController()).addFilters(requestId, auth).build());
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor address(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private static MockHttpServletResponse exchange(MockMvcTester.MockMvcRequestBuilder request) {
		return request.exchange().getResponse();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> body(MockHttpServletResponse response) {
		try {
			return JsonMapper.shared().readValue(response.getContentAsByteArray(), Map.class);
		}
		catch (RuntimeException ex) {
			throw new AssertionError("not JSON: " + response.getContentType(), ex);
		}
	}

}
