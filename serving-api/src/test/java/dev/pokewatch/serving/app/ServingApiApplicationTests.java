package dev.pokewatch.serving.app;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import jakarta.servlet.ServletContext;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.pokewatch.serving.ServingApiApplication;
import dev.pokewatch.serving.support.HttpTestClient;
import dev.pokewatch.serving.support.ServingTestApplication;
import dev.pokewatch.serving.support.TestModels;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServingApiApplication} over HTTP: the older API's client shapes,
 * metrics, docs, size limits and headers.
 */
@SpringBootTest(classes = ServingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "serving.security.enabled=false", "serving.rate-limit.requests-per-minute=1000000",
				"serving.rate-limit.burst=1000000", "serving.max-request-size=4KB", "serving.reload.watch=false",
				"serving.cors.allowed-origins=https://app.example" })
class ServingApiApplicationTests {

	private static final Path MODEL_DIR = createModel();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void modelDir(DynamicPropertyRegistry registry) {
		registry.add("serving.model-dir", MODEL_DIR::toString);
	}

	@Test
	void containerShouldSizeItsWorkerThreadsToTheCores(@Autowired ServletWebServerApplicationContext context) {
		TomcatWebServer server = (TomcatWebServer) context.getWebServer();
		AbstractProtocol<?> protocol = (AbstractProtocol<?>) server.getTomcat().getService().findConnectors()[0]
			.getProtocolHandler();
		assertThat(protocol.getMaxThreads()).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
	}

	@Test
	void containerShouldRunTheApplicationStepsAsOneFilter(@Autowired ServletContext servletContext) {
		// every registered filter costs every request in Tomcat's chain building: the
		// application's steps run inside one
		assertThat(servletContext.getFilterRegistrations().keySet()).contains("applicationFilters")
			.doesNotContain("securityHeadersFilter", "requestSizeLimitFilter", "apiKeyAuthenticationFilter",
					"rateLimitFilter", "corsFilter");
	}

	@Test
	void fairPriceWhenOlderClientPostsCardIdShouldAnswerOlderFieldsAndTypes() {
		HttpResponse<String> response = http().postJson("/fair_price", "{\"card_id\":\"" + TestModels.CARD_A + "\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> body = JsonPath.read(response.body(), "$");
		assertThat(body).containsKeys("card_id", "date", "market_price", "fair_price", "deviation_pct", "signal",
				"model_version");
		assertThat(body.get("card_id")).isEqualTo(TestModels.CARD_A);
		assertThat(body.get("date")).isEqualTo("2025-11-24");
		assertThat(body.get("market_price")).isInstanceOf(Number.class);
		assertThat(((Number) body.get("deviation_pct")).doubleValue()).isEqualTo(0.3);
		assertThat(body.get("signal")).isEqualTo("SELL");
		assertThat(response.headers().firstValue("X-Request-ID")).isPresent();
	}

	@Test
	void cardsWhenOlderClientListsShouldAnswerCardsAndCount() {
		HttpResponse<String> response = http().get("/cards");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<List<String>>read(response.body(), "$.cards")).containsExactly(TestModels.CARD_A,
				TestModels.CARD_B, TestModels.CARD_C);
		assertThat(JsonPath.<Integer>read(response.body(), "$.count")).isEqualTo(3);
	}

	@Test
	void batchWhenOlderBentoArrayShapeShouldAnswerPredictionsInOrder() {
		HttpResponse<String> response = http().postJson("/batch_predict", "[{\"card_id\":\"" + TestModels.CARD_C
				+ "\"},{\"card_id\":\"" + TestModels.CARD_A + "\",\"date\":\"2025-11-21\"}]");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<String>read(response.body(), "$.predictions[0].card_id")).isEqualTo(TestModels.CARD_C);
		assertThat(JsonPath.<Double>read(response.body(), "$.predictions[1].deviation_pct")).isEqualTo(0.04);
		assertThat(JsonPath.<Integer>read(response.body(), "$.errors")).isZero();
	}

	@Test
	void metricsShouldExposePrometheusWithBoundedUriTags() {
		http().postJson("/predict", "{\"card_id\":\"" + TestModels.CARD_C + "\"}");
		for (int i = 0; i < 3; i++) {
			assertThat(http().get("/scanner/probe-" + i).statusCode()).isEqualTo(404);
		}
		HttpResponse<String> metrics = http().get("/metrics");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
		assertThat(metrics.body()).contains("pokewatch_predictions_total{")
			.contains("signal=\"HOLD\"")
			.contains("pokewatch_model_info{")
			.contains("version=\"full-v1\"")
			.contains("pokewatch_model_reloads_total{")
			.contains("cache_gets_total{")
			.contains("http_server_requests_seconds_bucket{")
			.contains("uri=\"/predict\"")
			.doesNotContain("/scanner/probe")
			// the per-request long-task timer is off (management.metrics.observations)
			.doesNotContain("http_server_requests_active");
		assertThat(http().get("/actuator/prometheus").body()).contains("pokewatch_predictions_total");
		assertThat(http().get("/actuator/env").statusCode()).isEqualTo(404);
		assertThat(http().get("/actuator/health").statusCode()).isEqualTo(200);
	}

	@Test
	void docsShouldServeUiAndOpenApiWithApiKeyScheme() {
		HttpResponse<String> docs = http().get("/docs");
		assertThat(docs.statusCode()).isEqualTo(302);
		assertThat(docs.headers().firstValue("Location").orElseThrow()).contains("swagger-ui");
		HttpResponse<String> apiDocs = http().get("/v3/api-docs");
		assertThat(apiDocs.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<String>read(apiDocs.body(), "$.components.securitySchemes.ApiKeyAuth.name"))
			.isEqualTo("X-API-Key");
		assertThat(JsonPath.<Map<String, Object>>read(apiDocs.body(), "$.paths")).containsKeys("/predict",
				"/fair_price", "/batch_predict", "/cards", "/list_cards", "/health", "/admin/reload");
		assertThat(JsonPath.<String>read(apiDocs.body(), "$.info.description")).contains("422").contains("outlier");
	}

	@Test
	void predictWhenChunkedBodyExceedsLimitShouldAnswer413() {
		byte[] big = ("{\"card_id\":\"" + "x".repeat(8000) + "\"}").getBytes();
		HttpRequest request = http().request("/predict")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
			.build();
		HttpResponse<String> response = http().send(request);
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(JsonPath.<String>read(response.body(), "$.detail")).contains("4096 bytes");
		assertThat(JsonPath.<String>read(response.body(), "$.request_id"))
			.isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
	}

	@Test
	void predictWhenDeclaredLengthExceedsLimitShouldAnswer413() {
		HttpResponse<String> response = http().postJson("/predict", "{\"card_id\":\"" + "x".repeat(8000) + "\"}");
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(JsonPath.<String>read(response.body(), "$.type")).endsWith("/request-too-large");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
	}

	@Test
	void preflightWhenOriginIsAllowedShouldAnswerCorsHeaders() {
		HttpResponse<String> allowed = http().send(http().request("/predict")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://app.example")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "X-API-Key, Content-Type")
			.build());
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
		HttpResponse<String> denied = http().send(http().request("/predict")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://evil.example")
			.header("Access-Control-Request-Method", "POST")
			.build());
		assertThat(denied.statusCode()).isEqualTo(403);
		assertThat(denied.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	private HttpTestClient http() {
		return new HttpTestClient(this.port);
	}

	private static Path createModel() {
		try {
			return TestModels.write(Files.createTempDirectory("full-app").resolve("baseline"), "full-v1", 1.0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
