package dev.pokewatch.serving.prediction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.pokewatch.serving.servedmodel.ServedModelHolder;
import dev.pokewatch.serving.support.TestModels;
import dev.pokewatch.serving.system.ServingProperties;

import static dev.pokewatch.serving.support.ProblemAssertions.assertProblem;
import static dev.pokewatch.serving.support.ProblemAssertions.content;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PredictionController}: every answer of {@code /predict},
 * {@code /fair_price} and {@code /batch_predict}, and the problem+json errors around
 * them.
 */
@WebMvcTest(controllers = PredictionController.class,
		properties = { "serving.security.enabled=false", "serving.batch.max-items=5", "serving.max-request-size=2KB" })
@Import({ PredictionService.class, SinglePrediction.class, ServedModelHolder.class,
		PredictionControllerTests.Meters.class })
class PredictionControllerTests {

	private static final Path MODEL_DIR = createModel();

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private MeterRegistry meters;

	@DynamicPropertySource
	static void modelDir(DynamicPropertyRegistry registry) {
		registry.add("serving.model-dir", MODEL_DIR::toString);
	}

	@Test
	void predictWhenCardAndDateExistShouldAnswerOlderApiFields() {
		MvcTestResult result = post("/predict", "{\"card_id\":\"" + TestModels.CARD_A + "\",\"date\":\"2025-11-23\"}");
		assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		String body = content(result.getResponse());
		assertThat(JsonPath.<String>read(body, "$.card_id")).isEqualTo(TestModels.CARD_A);
		assertThat(JsonPath.<String>read(body, "$.date")).isEqualTo("2025-11-23");
		assertThat(JsonPath.<Double>read(body, "$.market_price")).isEqualTo(85.0);
		assertThat(JsonPath.<Double>read(body, "$.fair_price")).isEqualTo(100.0);
		assertThat(JsonPath.<Double>read(body, "$.deviation_pct")).isCloseTo(-0.15,
				org.assertj.core.data.Offset.offset(1e-9));
		assertThat(JsonPath.<String>read(body, "$.signal")).isEqualTo("BUY");
		assertThat(JsonPath.<String>read(body, "$.model_version")).isEqualTo("slice-v1");
		assertThat(JsonPath.<Boolean>read(body, "$.outlier")).isFalse();
		assertThat(body).doesNotContain("requested_date").doesNotContain("note");
		// the model has no dispersion: the field is there for every client, and null
		assertThat(body).contains("\"strength\":null");
	}

	@Test
	void predictWhenNoDateShouldUseLatestDay() {
		MvcTestResult result = post("/fair_price", "{\"card_id\":\"" + TestModels.CARD_A + "\"}");
		assertThat(result).hasStatusOk();
		String body = content(result.getResponse());
		assertThat(JsonPath.<String>read(body, "$.date")).isEqualTo("2025-11-24");
		assertThat(JsonPath.<String>read(body, "$.signal")).isEqualTo("SELL");
	}

	@Test
	void predictWhenDateIsMissingInHistoryShouldResolveAsOfAndSaySo() {
		MvcTestResult result = post("/predict", "{\"card_id\":\"" + TestModels.CARD_A + "\",\"date\":\"2025-11-22\"}");
		assertThat(result).hasStatusOk();
		String body = content(result.getResponse());
		assertThat(JsonPath.<String>read(body, "$.date")).isEqualTo("2025-11-21");
		assertThat(JsonPath.<String>read(body, "$.requested_date")).isEqualTo("2025-11-22");
		assertThat(JsonPath.<String>read(body, "$.signal")).isEqualTo("HOLD");
	}

	@Test
	void predictWhenMarketPriceIsOutlierShouldHoldWithFlag() {
		MvcTestResult result = post("/predict", "{\"card_id\":\"" + TestModels.CARD_B + "\",\"date\":\"2025-11-23\"}");
		assertThat(result).hasStatusOk();
		String body = content(result.getResponse());
		// -90 % would be a BUY if the anomalous price were trusted
		assertThat(JsonPath.<Double>read(body, "$.deviation_pct")).isCloseTo(-0.9,
				org.assertj.core.data.Offset.offset(1e-9));
		assertThat(JsonPath.<String>read(body, "$.signal")).isEqualTo("HOLD");
		assertThat(JsonPath.<Boolean>read(body, "$.outlier")).isTrue();
		assertThat(JsonPath.<String>read(body, "$.note")).contains("outlier");
	}

	@Test
	void predictWhenDayHasNoFairPriceShouldAnswer422NamingFirstUsableDay() {
		assertProblem(post("/predict", "{\"card_id\":\"" + TestModels.CARD_A + "\",\"date\":\"2025-11-20\"}"), 422,
				"/predict", "the first day with a fair price is 2025-11-21");
	}

	@Test
	void predictWhenCardIsUnknownShouldAnswer404NamingCard() {
		assertProblem(post("/predict", "{\"card_id\":\"nope\"}"), 404, "/predict", "Unknown card_id: 'nope'");
	}

	@Test
	void predictWhenDateIsBeforeHistoryShouldAnswer404NamingDates() {
		String detail = assertProblem(
				post("/predict", "{\"card_id\":\"" + TestModels.CARD_A + "\",\"date\":\"2020-01-01\"}"), 404,
				"/predict", "2020-01-01");
		assertThat(detail).contains("2025-11-20").contains(TestModels.CARD_A);
	}

	@Test
	void predictWhenDateIsMalformedShouldAnswer400NamingDate() {
		assertProblem(post("/predict", "{\"card_id\":\"" + TestModels.CARD_A + "\",\"date\":\"2025-13-01\"}"), 400,
				"/predict", "'date' must be an ISO date YYYY-MM-DD, got '2025-13-01'");
	}

	@Test
	void predictWhenCardIdIsMissingShouldAnswer400NamingCardId() {
		assertProblem(post("/predict", "{\"date\":\"2025-11-21\"}"), 400, "/predict", "'card_id' is required");
	}

	@Test
	void predictWhenCardIdHasWrongTypeShouldAnswer400NamingField() {
		assertProblem(post("/predict", "{\"card_id\":{\"a\":1}}"), 400, "/predict", "'card_id'");
	}

	@Test
	void predictWhenJsonIsMalformedShouldAnswer400() {
		assertProblem(post("/predict", "{\"card_id\": "), 400, "/predict", "Malformed JSON");
	}

	@Test
	void predictWhenBodyIsMissingShouldAnswer400() {
		assertProblem(this.mvc.post().uri("/predict").contentType(MediaType.APPLICATION_JSON).exchange(), 400,
				"/predict", "missing");
	}

	@Test
	void predictWhenNotJsonShouldAnswer415() {
		assertProblem(this.mvc.post().uri("/predict").contentType(MediaType.TEXT_PLAIN).content("card").exchange(), 415,
				"/predict", "text/plain");
	}

	@Test
	void predictWhenWrongMethodShouldAnswer405WithAllow() {
		MvcTestResult result = this.mvc.get().uri("/predict").exchange();
		assertProblem(result, 405, "/predict", "GET");
		assertThat(result.getResponse().getHeader("Allow")).contains("POST");
	}

	@Test
	void predictWhenBodyIsOverLimitShouldAnswer413() {
		String big = "{\"card_id\":\"" + "x".repeat(3000) + "\"}";
		assertProblem(post("/predict", big), 413, "/predict", "2048 bytes");
	}

	@Test
	void requestWhenPathIsUnknownShouldAnswer404Problem() {
		assertProblem(this.mvc.get().uri("/no/such/path").exchange(), 404, "/no/such/path",
				"No endpoint GET /no/such/path");
	}

	@Test
	void requestWhenRequestIdIsSaneShouldEchoIt() {
		MvcTestResult result = this.mvc.post()
			.uri("/predict")
			.header("X-Request-ID", "client-id_1.2")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"card_id\":\"nope\"}")
			.exchange();
		assertThat(result.getResponse().getHeader("X-Request-ID")).isEqualTo("client-id_1.2");
		assertThat(JsonPath.<String>read(content(result.getResponse()), "$.request_id")).isEqualTo("client-id_1.2");
	}

	@Test
	void requestWhenRequestIdIsUnsafeShouldGenerateOne() {
		MvcTestResult result = this.mvc.post()
			.uri("/predict")
			.header("X-Request-ID", "bad id\r\nInjected: yes")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"card_id\":\"" + TestModels.CARD_A + "\"}")
			.exchange();
		assertThat(result.getResponse().getHeader("X-Request-ID")).matches("[0-9a-f]{32}");
	}

	@Test
	void responseShouldCarrySecurityHeaders() {
		MvcTestResult result = post("/predict", "{\"card_id\":\"" + TestModels.CARD_A + "\"}");
		assertThat(result).hasHeader("X-Content-Type-Options", "nosniff")
			.hasHeader("X-Frame-Options", "DENY")
			.hasHeader("Cache-Control", "no-store")
			.containsHeader("Referrer-Policy")
			.containsHeader("Permissions-Policy")
			.doesNotContainHeader("Strict-Transport-Security");
		MvcTestResult secure = this.mvc.post()
			.uri("https://localhost/predict")
			.secure(true)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"card_id\":\"" + TestModels.CARD_A + "\"}")
			.exchange();
		assertThat(secure).containsHeader("Strict-Transport-Security");
	}

	@Test
	void predictShouldCountBySignalAndCacheRepeatedLookups() {
		double before = this.meters.get("pokewatch.predictions").tag("signal", "SELL").counter().count();
		double hitsBefore = this.meters.get("cache.gets").tag("result", "hit").functionCounter().count();
		post("/predict", "{\"card_id\":\"" + TestModels.CARD_B + "\",\"date\":\"2025-11-22\"}");
		post("/predict", "{\"card_id\":\"" + TestModels.CARD_B + "\",\"date\":\"2025-11-22\"}");
		assertThat(this.meters.get("pokewatch.predictions").tag("signal", "SELL").counter().count())
			.isEqualTo(before + 2);
		assertThat(this.meters.get("cache.gets").tag("result", "hit").functionCounter().count())
			.isGreaterThanOrEqualTo(hitsBefore + 1);
	}

	@Test
	void batchWhenCardIdsShapeShouldAnswerInOrderWithItemErrorsInPlace() {
		MvcTestResult result = post("/batch_predict", "{\"card_ids\":[\"" + TestModels.CARD_C + "\",\"nope\",\""
				+ TestModels.CARD_A + "\"]," + "\"date\":\"2025-11-22\"}");
		assertThat(result).hasStatusOk();
		String body = content(result.getResponse());
		assertThat(JsonPath.<Integer>read(body, "$.count")).isEqualTo(3);
		assertThat(JsonPath.<Integer>read(body, "$.errors")).isEqualTo(1);
		assertThat(JsonPath.<String>read(body, "$.predictions[0].card_id")).isEqualTo(TestModels.CARD_C);
		assertThat(JsonPath.<String>read(body, "$.predictions[1].card_id")).isEqualTo("nope");
		assertThat(JsonPath.<Integer>read(body, "$.predictions[1].error.status")).isEqualTo(404);
		assertThat(JsonPath.<String>read(body, "$.predictions[1].error.detail")).contains("nope");
		assertThat(JsonPath.<String>read(body, "$.predictions[2].date")).isEqualTo("2025-11-21");
		assertThat(JsonPath.<String>read(body, "$.predictions[2].requested_date")).isEqualTo("2025-11-22");
	}

	@Test
	void batchWhenArrayShapeShouldAnswerEachItemWithItsOwnDate() {
		MvcTestResult result = post("/batch_predict",
				"[{\"card_id\":\"" + TestModels.CARD_A + "\"}," + "{\"card_id\":\"" + TestModels.CARD_A
						+ "\",\"date\":\"2025-11-23\"}," + "{\"date\":\"2025-11-23\"}," + "{\"card_id\":\""
						+ TestModels.CARD_A + "\",\"date\":\"bad\"}, 7]");
		assertThat(result).hasStatusOk();
		String body = content(result.getResponse());
		assertThat(JsonPath.<Integer>read(body, "$.count")).isEqualTo(5);
		assertThat(JsonPath.<Integer>read(body, "$.errors")).isEqualTo(3);
		assertThat(JsonPath.<String>read(body, "$.predictions[0].signal")).isEqualTo("SELL");
		assertThat(JsonPath.<String>read(body, "$.predictions[1].signal")).isEqualTo("BUY");
		assertThat(JsonPath.<String>read(body, "$.predictions[2].error.detail")).contains("'card_id' is required");
		assertThat(JsonPath.<String>read(body, "$.predictions[3].error.detail")).contains("'date'");
		assertThat(JsonPath.<Integer>read(body, "$.predictions[4].error.status")).isEqualTo(400);
	}

	@Test
	void batchWhenOverLimitShouldAnswer400NamingLimit() {
		assertProblem(post("/batch_predict", "{\"card_ids\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]}"), 400,
				"/batch_predict", "at most 5 items (serving.batch.max-items), got 6");
	}

	@Test
	void batchWhenBodyIsNotABatchShouldAnswer400() {
		assertProblem(post("/batch_predict", "\"card\""), 400, "/batch_predict", "card_ids");
		assertProblem(post("/batch_predict", "{\"cards\":[]}"), 400, "/batch_predict", "'card_ids' is required");
		assertProblem(post("/batch_predict", "{\"card_ids\":[],\"date\":\"2025-02-30\"}"), 400, "/batch_predict",
				"'date'");
	}

	@Test
	void batchWhenItemsAreNullOrBlankShouldAnswerItemErrorsInPlace() {
		MvcTestResult result = post("/batch_predict", "{\"card_ids\":[\"\",null,\"" + TestModels.CARD_C + "\"]}");
		assertThat(result).hasStatusOk();
		String body = content(result.getResponse());
		assertThat(JsonPath.<Integer>read(body, "$.errors")).isEqualTo(2);
		assertThat(JsonPath.<String>read(body, "$.predictions[0].error.detail"))
			.isEqualTo("item 0: 'card_id' is required (a non-empty string)");
		assertThat(JsonPath.<Integer>read(body, "$.predictions[1].error.status")).isEqualTo(400);
		assertThat(JsonPath.<String>read(body, "$.predictions[2].signal")).isEqualTo("HOLD");
		MvcTestResult array = post("/batch_predict", "[null,{\"card_id\":\"" + TestModels.CARD_C + "\"}]");
		assertThat(JsonPath.<String>read(content(array.getResponse()), "$.predictions[0].error.detail"))
			.isEqualTo("item 0 must be an object {\"card_id\", \"date\"?}");
	}

	@Test
	void batchWhenItemsHaveWrongJsonTypesShouldFailOnlyThoseItems() {
		MvcTestResult array = post("/batch_predict", "[{\"card_id\":\"" + TestModels.CARD_C
				+ "\"},[1],{\"card_id\":{\"x\":1}},{\"card_id\":\"" + TestModels.CARD_C + "\",\"date\":7},5]");
		assertThat(array).hasStatusOk();
		String body = content(array.getResponse());
		assertThat(JsonPath.<Integer>read(body, "$.errors")).isEqualTo(4);
		assertThat(JsonPath.<String>read(body, "$.predictions[0].signal")).isEqualTo("HOLD");
		assertThat(JsonPath.<String>read(body, "$.predictions[1].error.detail"))
			.isEqualTo("item 1 must be an object {\"card_id\", \"date\"?}");
		assertThat(JsonPath.<String>read(body, "$.predictions[2].error.detail"))
			.isEqualTo("item 2: 'card_id' must be a string");
		assertThat(JsonPath.<String>read(body, "$.predictions[3].error.detail"))
			.isEqualTo("item 3: 'date' must be a string YYYY-MM-DD");
		assertThat(JsonPath.<Integer>read(body, "$.predictions[4].error.status")).isEqualTo(400);
		MvcTestResult ids = post("/batch_predict",
				"{\"card_ids\":[\"" + TestModels.CARD_C + "\",{\"id\":1},5,[\"a\"]]}");
		assertThat(ids).hasStatusOk();
		String idsBody = content(ids.getResponse());
		assertThat(JsonPath.<Integer>read(idsBody, "$.errors")).isEqualTo(3);
		assertThat(JsonPath.<String>read(idsBody, "$.predictions[0].signal")).isEqualTo("HOLD");
		assertThat(JsonPath.<String>read(idsBody, "$.predictions[1].error.detail"))
			.isEqualTo("item 1: 'card_ids[1]' must be a string");
		assertThat(JsonPath.<String>read(idsBody, "$.predictions[2].error.detail"))
			.isEqualTo("item 2: 'card_ids[2]' must be a string");
	}

	@Test
	void batchWhenBodyHasWrongShapeShouldAnswer400NamingBothShapes() {
		assertProblem(post("/batch_predict", "\"card\""), 400, "/batch_predict",
				"expected {\"card_ids\": [...], \"date\"?} or an array of {\"card_id\", \"date\"?}");
	}

	@Test
	void errorsWhenInputIsLongShouldEchoAtMostHundredCharacters() {
		String longId = "x".repeat(1500);
		String detail = assertProblem(post("/predict", "{\"card_id\":\"" + longId + "\"}"), 404, "/predict",
				"Unknown card_id: '" + "x".repeat(100) + "...'");
		assertThat(detail).hasSizeLessThan(200);
		String body = content(post("/batch_predict", "{\"card_ids\":[\"" + longId + "\"]}").getResponse());
		assertThat(JsonPath.<String>read(body, "$.predictions[0].card_id")).hasSize(103);
		assertThat(JsonPath.<String>read(body, "$.predictions[0].error.detail")).hasSizeLessThan(200);
	}

	@Test
	void predictWhenJsonIsMalformedShouldNameOnlyThePosition() {
		String detail = assertProblem(post("/predict", "{\"card_id\": tru"), 400, "/predict",
				"Malformed JSON at line 1");
		assertThat(detail).doesNotContain("Source").doesNotContain("token").doesNotContain("tru");
	}

	private MvcTestResult post(String path, String json) {
		return this.mvc.post().uri(path).contentType(MediaType.APPLICATION_JSON).content(json).exchange();
	}

	private static Path createModel() {
		try {
			return TestModels.write(Files.createTempDirectory("prediction-slice").resolve("baseline"), "slice-v1", 1.0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ServingProperties.class)
	static class Meters {

		@Bean
		SimpleMeterRegistry simpleMeterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
