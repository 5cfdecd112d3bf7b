package dev.pokewatch.serving.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.pokewatch.common.served.ServedFeaturesCodec;
import dev.pokewatch.serving.support.HttpTestClient;
import dev.pokewatch.serving.support.ServingTestApplication;
import dev.pokewatch.serving.support.TestModels;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OpenApiConfiguration}: the document served at {@code /v3/api-docs} is
 * the contract that scripts/fuzz-api.sh checks the live API against, so it must resolve
 * and state every answer the API gives. Served with a small model holding the cards the
 * document's examples name (the bundled sample's ids), written by the test.
 */
@SpringBootTest(classes = ServingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "serving.security.enabled=false", "serving.reload.watch=false",
				"serving.rate-limit.requests-per-minute=1000000", "serving.rate-limit.burst=1000000" })
class OpenApiConfigurationTests {

	private static final Path MODEL_DIR = exampleModel();

	@DynamicPropertySource
	static void modelDir(DynamicPropertyRegistry registry) {
		registry.add("serving.model-dir", MODEL_DIR::toString);
	}

	/**
	 * A model with the example cards on the days around the examples' dates.
	 * @return the model directory
	 */
	private static Path exampleModel() {
		List<ServedFeaturesCodec.Row> rows = new ArrayList<>();
		for (String card : List.of(OpenApiConfiguration.EXAMPLE_CARD, "sv03_5_charizard_ex_199")) {
			for (int day = 10; day <= 22; day++) {
				Double fair = (day == 10) ? null : 100.0 + day;
				rows.add(TestModels.row(card, card, "2026-08-" + day, 100.0 + day + (day % 3), fair, false));
			}
		}
		try {
			return TestModels.write(Files.createTempDirectory("openapi-model").resolve("baseline"), "openapi-v1", rows);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static final Pattern REF = Pattern.compile("\"\\$ref\"\\s*:\\s*\"#/components/schemas/([^\"]+)\"");

	@LocalServerPort
	private int port;

	private String json;

	private DocumentContext document;

	@BeforeEach
	void readDocument() {
		HttpResponse<String> response = http().get("/v3/api-docs");
		assertThat(response.statusCode()).isEqualTo(200);
		this.json = response.body();
		this.document = JsonPath.parse(this.json);
	}

	@Test
	void documentWhenServedShouldResolveEveryReference() {
		Map<String, Object> schemas = this.document.read("$.components.schemas");
		Matcher matcher = REF.matcher(this.json);
		int references = 0;
		while (matcher.find()) {
			assertThat(schemas).as("#/components/schemas/" + matcher.group(1)).containsKey(matcher.group(1));
			references++;
		}
		assertThat(references).isPositive();
		assertThat(schemas).containsKeys("ItemError", "Problem").doesNotContainKey("ProblemDetail");
		assertThat(this.document
			.<List<Object>>read("$.components.schemas.BatchPredictionResponse.properties.predictions.items.oneOf"))
			.hasSize(2);
	}

	@Test
	void problemWhenDocumentedShouldHaveRelativeInstance() {
		assertThat(this.document.<String>read("$.components.schemas.Problem.properties.instance.format"))
			.isEqualTo("uri-reference");
		assertThat(this.document.<Map<String, Object>>read("$.components.schemas.Problem.properties"))
			.containsKeys("type", "title", "status", "detail", "instance", "request_id");
	}

	@Test
	void protectedOperationsWhenDocumentedShouldStateAuthRateLimitAndMediaTypeProblems() {
		for (String operation : List.of("post /predict", "post /fair_price", "post /batch_predict", "get /cards",
				"get /list_cards", "get /signals", "post /admin/reload")) {
			for (String status : List.of("401", "429")) {
				assertProblem(operation, status);
			}
		}
		for (String operation : List.of("post /predict", "post /fair_price", "post /batch_predict")) {
			assertProblem(operation, "415");
			assertProblem(operation, "400");
		}
		assertProblem("post /admin/reload", "403");
		assertProblem("get /signals", "400");
		assertProblem("get /signals", "503");
		assertThat(responses("get /health")).containsKeys("200", "503").doesNotContainKey("401");
	}

	@Test
	void examplesWhenPostedShouldAnswerFromTheModel() {
		String card = this.document.read("$.components.schemas.PredictionRequest.properties.card_id.example");
		String date = this.document.read("$.components.schemas.PredictionRequest.properties.date.example");
		assertThat(JsonPath.<List<String>>read(http().get("/cards").body(), "$.cards")).contains(card);
		HttpResponse<String> prediction = http().postJson("/predict",
				"{\"card_id\":\"" + card + "\",\"date\":\"" + date + "\"}");
		assertThat(prediction.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<String>read(prediction.body(), "$.date")).isEqualTo(date);
		Map<String, Object> examples = this.document
			.read("$.paths./batch_predict.post.requestBody.content.application/json.examples");
		assertThat(examples).isNotEmpty();
		examples.keySet().forEach((name) -> {
			String body = JsonPath
				.parse(this.document.<Object>read(
						"$.paths./batch_predict.post.requestBody.content.application/json.examples." + name + ".value"))
				.jsonString();
			HttpResponse<String> batch = http().postJson("/batch_predict", body);
			assertThat(batch.statusCode()).as(name).isEqualTo(200);
			assertThat(JsonPath.<Integer>read(batch.body(), "$.errors")).as(name).isZero();
		});
	}

	@Test
	void cardIdWhenEmptyShouldBeDocumentedAndAnswered400() {
		assertThat(this.document.<Integer>read("$.components.schemas.PredictionRequest.properties.card_id.minLength"))
			.isEqualTo(1);
		assertThat(this.document.<List<String>>read("$.components.schemas.PredictionRequest.required"))
			.contains("card_id");
		assertThat(http().postJson("/predict", "{\"card_id\":\"\"}").statusCode()).isEqualTo(400);
	}

	@Test
	void detailsWhenNotABooleanShouldBeAnswered400() {
		List<String> types = this.document.read("$.paths./cards.get.parameters[?(@.name == 'details')].schema.type");
		assertThat(types).containsExactly("boolean");
		assertThat(http().get("/cards?details=yes").statusCode()).isEqualTo(400);
		assertThat(http().get("/cards?details=1").statusCode()).isEqualTo(400);
		assertThat(http().get("/cards?details=true").body()).contains("\"details\"");
		assertThat(http().get("/cards?details=false").body()).doesNotContain("\"details\"");
	}

	@Test
	void signalsWhenDocumentedShouldStateEveryParameterWithItsConstraints() {
		String parameters = "$.paths./signals.get.parameters";
		assertThat(this.document.<List<String>>read(parameters + "[*].name")).containsExactly("signal", "category",
				"max_age_days", "limit", "date");
		assertThat(this.document.<List<String>>read(parameters + "[?(@.name == 'date')].schema.format"))
			.containsExactly("date");
		assertThat(this.document.<List<Boolean>>read(parameters + "[?(@.name == 'signal')].required"))
			.containsExactly(true);
		assertThat(this.document.<List<List<String>>>read(parameters + "[?(@.name == 'signal')].schema.enum"))
			.containsExactly(List.of("BUY", "SELL"));
		assertThat(this.document.<List<Integer>>read(parameters + "[?(@.name == 'limit')].schema.minimum"))
			.containsExactly(1);
		assertThat(this.document.<List<Integer>>read(parameters + "[?(@.name == 'limit')].schema.maximum"))
			.containsExactly(500);
		assertThat(this.document.<List<Integer>>read(parameters + "[?(@.name == 'max_age_days')].schema.minimum"))
			.containsExactly(0);
		assertThat(this.document.<List<Integer>>read(parameters + "[?(@.name == 'max_age_days')].schema.maximum"))
			.containsExactly(3650);
		assertThat(this.document.<List<String>>read(parameters + "[?(@.name == 'category')].schema.type"))
			.containsExactly("string");
		assertThat(this.document.<List<String>>read("$.components.schemas.SignalsResponse.required")).contains("as_of",
				"signal", "model_version", "rule", "count", "signals");
	}

	@Test
	void strengthWhenDocumentedShouldBeARequiredNullableNumber() {
		for (String schema : List.of("PredictionResponse", "SignalItem")) {
			assertThat(this.document.<List<String>>read("$.components.schemas." + schema + ".properties.strength.type"))
				.as(schema)
				.containsExactlyInAnyOrder("number", "null");
			assertThat(this.document.<List<String>>read("$.components.schemas." + schema + ".required")).as(schema)
				.contains("strength");
		}
	}

	@Test
	void signalsWhenCalledWithTheDocumentedDefaultsShouldAnswer200() {
		HttpResponse<String> buys = http().get("/signals?signal=BUY");
		assertThat(buys.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<String>read(buys.body(), "$.as_of")).isEqualTo("2026-08-22");
		assertThat(http().get("/signals?signal=SELL&category=&max_age_days=0&limit=1").statusCode()).isEqualTo(200);
		assertThat(http().get("/signals?signal=SELL&limit=0").statusCode()).isEqualTo(400);
	}

	private void assertProblem(String operation, String status) {
		Map<String, Object> responses = responses(operation);
		assertThat(responses).as(operation).containsKey(status);
		String ref = JsonPath.parse(responses.get(status)).read("$.content.application/problem+json.schema.$ref");
		assertThat(ref).as(operation + " " + status).isEqualTo(OpenApiConfiguration.PROBLEM_SCHEMA_REF);
	}

	private Map<String, Object> responses(String operation) {
		String[] parts = operation.split(" ");
		return this.document.read("$.paths['" + parts[1] + "']." + parts[0] + ".responses");
	}

	private HttpTestClient http() {
		return new HttpTestClient(this.port);
	}

}
