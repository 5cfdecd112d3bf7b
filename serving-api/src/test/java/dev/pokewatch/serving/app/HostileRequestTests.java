package dev.pokewatch.serving.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.pokewatch.serving.ServingApiApplication;
import dev.pokewatch.serving.support.HttpTestClient;
import dev.pokewatch.serving.support.RawHttpClient;
import dev.pokewatch.serving.support.ServingTestApplication;
import dev.pokewatch.serving.support.TestModels;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServingApiApplication} with API keys switched on, against hostile
 * requests: every client error, including those Tomcat rejects before the filter chain,
 * is a 4xx problem+json with {@code X-Request-ID} and the security headers, and none logs
 * an ERROR.
 */
@SpringBootTest(classes = ServingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "serving.security.enabled=true", "serving.security.api-keys=" + HostileRequestTests.CLIENT_KEY,
				"serving.security.admin-api-keys=" + HostileRequestTests.ADMIN_KEY,
				"serving.rate-limit.requests-per-minute=1000000", "serving.rate-limit.burst=1000000",
				"serving.reload.watch=false" })
@ExtendWith(OutputCaptureExtension.class)
class HostileRequestTests {

	static final String CLIENT_KEY = "pk_hostile-client-key-0123456789abcdefghijklmn";

	static final String ADMIN_KEY = "pk_hostile-admin-key-0123456789abcdefghijklmno";

	private static final Path MODEL_DIR = createModel();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void modelDir(DynamicPropertyRegistry registry) {
		registry.add("serving.model-dir", MODEL_DIR::toString);
	}

	@Test
	void cardsWhenKeyIsMissingShouldAnswer401AndWithKeyShouldAnswer200() {
		RawHttpClient.Response missing = raw().get("/cards");
		assertProblem(missing, 401, "missing-api-key");
		assertThat(missing.header("WWW-Authenticate")).isEqualTo("ApiKey");
		RawHttpClient.Response ok = raw().get("/cards", "X-API-Key: " + CLIENT_KEY);
		assertThat(ok.status()).isEqualTo(200);
		assertThat(JsonPath.<Integer>read(ok.body(), "$.count")).isEqualTo(3);
		assertSecurityHeaders(ok);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/health", "/actuator/health", "/cards" })
	void getWhenContentTypeIsMultipartWithoutBoundaryShouldIgnoreTheBody(String path, CapturedOutput output) {
		RawHttpClient.Response response = raw().get(path, "Content-Type: multipart/form-data",
				"X-API-Key: " + CLIENT_KEY);
		assertThat(response.status()).isEqualTo(200);
		assertSecurityHeaders(response);
		assertThat(output).doesNotContain(" ERROR ");
	}

	@Test
	void predictWhenBodyIsMultipartWithoutBoundaryShouldAnswer415(CapturedOutput output) {
		HttpRequest request = http().request("/predict")
			.header("Content-Type", "multipart/form-data")
			.header("X-API-Key", CLIENT_KEY)
			.POST(HttpRequest.BodyPublishers.ofString("--x\r\n"))
			.build();
		HttpResponse<String> response = http().send(request);
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(output).doesNotContain(" ERROR ");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/cards?=", "/cards?%", "/cards?a=%zz", "/cards?details=true&=", "/list_cards?=",
			"/list_cards?a=%zz", "/signals?signal=BUY&a=%zz", "/signals?=" })
	void cardsWhenQueryStringIsMalformedShouldAnswer400(String target, CapturedOutput output) {
		RawHttpClient.Response response = raw().get(target, "X-API-Key: " + CLIENT_KEY);
		assertProblem(response, 400, "invalid-request");
		String detail = JsonPath.read(response.body(), "$.detail");
		assertThat(detail).startsWith("Malformed query string '" + target.substring(target.indexOf('?') + 1) + "'")
			.doesNotContain("chunk", "Tomcat", "Exception");
		assertThat(output).doesNotContain(" ERROR ").doesNotContain("InvalidParameterException");
	}

	@Test
	void cardsWhenMalformedQueryIsLongShouldEchoAtMost100Characters() {
		String query = "a=%zz" + "b".repeat(500);
		RawHttpClient.Response response = raw().get("/cards?" + query, "X-API-Key: " + CLIENT_KEY);
		assertProblem(response, 400, "invalid-request");
		assertThat(JsonPath.<String>read(response.body(), "$.detail")).contains(query.substring(0, 100) + "...")
			.doesNotContain(query.substring(0, 101));
	}

	@Test
	void cardsWhenQueryStringIsMalformedAndKeyIsMissingShouldAnswer401() {
		assertProblem(raw().get("/cards?a=%zz"), 401, "missing-api-key");
	}

	@Test
	void healthWhenReloadFailedShouldNotShowDirectories() throws Exception {
		TestModels.corruptMetadata(MODEL_DIR);
		try {
			HttpResponse<String> reload = http().send(http().request("/admin/reload")
				.header("X-API-Key", ADMIN_KEY)
				.POST(HttpRequest.BodyPublishers.noBody())
				.build());
			assertThat(reload.statusCode()).isEqualTo(409);
			HttpResponse<String> health = http().get("/health");
			assertThat(health.statusCode()).isEqualTo(200);
			String error = JsonPath.read(health.body(), "$.last_reload_error");
			assertThat(error).contains("model_metadata.json").doesNotContain(MODEL_DIR.toString()).doesNotContain("/");
			assertThat(health.body()).doesNotContain(MODEL_DIR.getParent().toString());
		}
		finally {
			TestModels.write(MODEL_DIR, "v1", 1.0);
			http().send(http().request("/admin/reload")
				.header("X-API-Key", ADMIN_KEY)
				.POST(HttpRequest.BodyPublishers.noBody())
				.build());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/health%2Fx", "/cards%2F..%2Fhealth", "/%2e%2e/health", "/health/%2e%2e/%2e%2e/etc",
			"/health%00", "/cards%00.json" })
	void requestWhenContainerRejectsPathShouldAnswer400Problem(String target, CapturedOutput output) {
		RawHttpClient.Response response = raw().get(target, "X-Request-ID: client-id-1");
		assertProblem(response, 400, "malformed-request");
		assertThat(response.header("X-Request-ID")).isEqualTo("client-id-1");
		assertThat(JsonPath.<String>read(response.body(), "$.request_id")).isEqualTo("client-id-1");
		assertThat(response.body()).doesNotContain("<html", "Tomcat");
		assertThat(output).doesNotContain(" ERROR ");
	}

	@Test
	void requestWhenHeadersExceedLimitShouldAnswer431Problem(CapturedOutput output) {
		RawHttpClient.Response response = raw().get("/health", "X-Big: " + "a".repeat(9000));
		assertProblem(response, 431, "headers-too-large");
		assertThat(output).doesNotContain(" ERROR ").doesNotContain("Error parsing HTTP request header");
	}

	@Test
	void requestWhenRequestLineIsMalformedShouldAnswer400Problem(CapturedOutput output) {
		RawHttpClient.Response response = raw().get("/he alth");
		assertProblem(response, 400, "malformed-request");
		assertThat(output).doesNotContain("Error parsing HTTP request header").doesNotContain("Exception");
	}

	@Test
	void requestWhenHttpVersionIsUnsupportedShouldAnswer400Problem() {
		RawHttpClient.Response response = raw()
			.send("GET /health HTTP/2.5\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		assertProblem(response, 400, "malformed-request");
	}

	@Test
	void putWhenFormBodyIsMalformedShouldAnswer405WithoutParsingIt(CapturedOutput output) {
		String body = "a=%zz&=";
		RawHttpClient.Response response = raw().send(("PUT /health HTTP/1.1\r\nHost: x\r\n"
				+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
				+ "\r\nConnection: close\r\n\r\n" + body)
			.getBytes(StandardCharsets.US_ASCII));
		assertProblem(response, 405, "method-not-allowed");
		assertThat(output).doesNotContain(" ERROR ");
	}

	@Test
	void errorPathWhenRequestedDirectlyShouldAnswer404() {
		RawHttpClient.Response response = raw().get("/error");
		assertProblem(response, 404, "not-found");
		assertThat(JsonPath.<String>read(response.body(), "$.detail")).isEqualTo("No endpoint GET /error");
	}

	private static void assertProblem(RawHttpClient.Response response, int status, String type) {
		assertThat(response.status()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		Map<String, Object> body = JsonPath.read(response.body(), "$");
		assertThat(body).containsEntry("status", status)
			.containsEntry("type", "https://pokewatch.dev/problems/" + type)
			.containsKeys("title", "detail", "request_id");
		assertThat(response.header("X-Request-ID")).isNotBlank().isEqualTo(body.get("request_id"));
		assertSecurityHeaders(response);
	}

	private static void assertSecurityHeaders(RawHttpClient.Response response) {
		assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
		assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
		assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'");
	}

	private HttpTestClient http() {
		return new HttpTestClient(this.port);
	}

	private RawHttpClient raw() {
		return new RawHttpClient(this.port);
	}

	private static Path createModel() {
		try {
			return TestModels.write(Files.createTempDirectory("pokewatch-hostile").resolve("baseline"), "v1", 1.0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
