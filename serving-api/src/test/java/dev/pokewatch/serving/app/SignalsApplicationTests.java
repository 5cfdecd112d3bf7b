package dev.pokewatch.serving.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.pokewatch.serving.ServingApiApplication;
import dev.pokewatch.serving.support.HttpTestClient;
import dev.pokewatch.serving.support.ServingTestApplication;
import dev.pokewatch.serving.support.TestModels;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServingApiApplication} serving a dispersion-rule model with API keys
 * on: {@code GET /signals} is a client route, each card it lists answers the same on
 * {@code POST /predict}, and {@code /predict} and {@code /batch_predict} classify by
 * strength and answer it.
 */
@SpringBootTest(classes = ServingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "serving.security.enabled=true", "serving.security.api-keys=" + SignalsApplicationTests.KEY,
				"serving.rate-limit.requests-per-minute=1000000", "serving.rate-limit.burst=1000000",
				"serving.reload.watch=false" })
class SignalsApplicationTests {

	static final String KEY = "pk_signals-client-key-0123456789abcdefghijklmn";

	private static final Path MODEL_DIR = createModel();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void modelDir(DynamicPropertyRegistry registry) {
		registry.add("serving.model-dir", MODEL_DIR::toString);
	}

	@Test
	void signalsWhenKeyIsMissingShouldAnswer401AndWithKeyShouldAnswer200() {
		HttpResponse<String> missing = http().get("/signals?signal=BUY");
		assertThat(missing.statusCode()).isEqualTo(401);
		assertThat(missing.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(JsonPath.<String>read(missing.body(), "$.type")).endsWith("/missing-api-key");
		assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("ApiKey");
		assertThat(get("/signals?signal=BUY").statusCode()).isEqualTo(200);
	}

	@Test
	void signalsWhenListedShouldEachAgreeWithPredictForThatCardAndDay() {
		int listed = 0;
		for (String side : List.of("BUY", "SELL")) {
			String body = get("/signals?signal=" + side + "&max_age_days=3650&limit=500").body();
			List<Map<String, Object>> items = JsonPath.read(body, "$.signals");
			for (Map<String, Object> item : items) {
				String prediction = post("/predict",
						"{\"card_id\":\"" + item.get("card_id") + "\",\"date\":\"" + item.get("date") + "\"}")
					.body();
				assertThat(JsonPath.<String>read(prediction, "$.signal")).as(item.toString()).isEqualTo(side);
				for (String field : List.of("card_id", "date", "signal")) {
					assertThat(JsonPath.<Object>read(prediction, "$." + field)).as(field).isEqualTo(item.get(field));
				}
				for (String field : List.of("market_price", "fair_price", "deviation_pct", "strength")) {
					assertThat(JsonPath.<Number>read(prediction, "$." + field).doubleValue()).as(field)
						.isEqualTo(((Number) item.get(field)).doubleValue());
				}
				assertThat(JsonPath
					.<String>read(post("/predict", "{\"card_id\":\"" + item.get("card_id") + "\"}").body(), "$.date"))
					.as("the card's latest day")
					.isEqualTo(item.get("date"));
				listed++;
			}
		}
		assertThat(listed).isEqualTo(10);
	}

	@Test
	void predictWhenDispersionRuleShouldClassifyByStrengthAndAnswerItAfterTheOlderFields() {
		String calm = post("/predict", "{\"card_id\":\"z_calm_small_move\"}").body();
		assertThat(JsonPath.<String>read(calm, "$.signal")).isEqualTo("BUY");
		assertThat(JsonPath.<Number>read(calm, "$.strength").doubleValue()).isCloseTo(Math.log(1.04) / 0.01,
				Offset.offset(1e-9));
		assertThat(JsonPath.<Map<String, Object>>read(calm, "$").keySet()).startsWith("card_id", "date", "market_price",
				"fair_price", "deviation_pct", "signal", "model_version");
		assertThat(JsonPath.<String>read(post("/predict", "{\"card_id\":\"z_jumpy_big_move\"}").body(), "$.signal"))
			.isEqualTo("HOLD");
		String unknown = post("/predict", "{\"card_id\":\"z_no_dispersion\"}").body();
		assertThat(unknown).contains("\"strength\":null");
		assertThat(JsonPath.<String>read(unknown, "$.signal")).isEqualTo("HOLD");
		String batch = post("/batch_predict", "{\"card_ids\":[\"z_sell\",\"z_no_dispersion\"]}").body();
		assertThat(JsonPath.<String>read(batch, "$.predictions[0].signal")).isEqualTo("SELL");
		assertThat(JsonPath.<Number>read(batch, "$.predictions[0].strength").doubleValue()).isNegative();
		assertThat(JsonPath.<Object>read(batch, "$.predictions[1].strength")).isNull();
	}

	private HttpResponse<String> get(String path) {
		return http().send(http().request(path).header("X-API-Key", KEY).GET().build());
	}

	private HttpResponse<String> post(String path, String json) {
		HttpResponse<String> response = http().send(http().request(path)
			.header("X-API-Key", KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
		assertThat(response.statusCode()).as(path + " " + json).isEqualTo(200);
		return response;
	}

	private HttpTestClient http() {
		return new HttpTestClient(this.port);
	}

	private static Path createModel() {
		try {
			return TestModels.write(Files.createTempDirectory("signals-app").resolve("baseline"),
					TestModels.dispersionRows(), TestModels.dispersionMetadata("signals-app-v1"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
