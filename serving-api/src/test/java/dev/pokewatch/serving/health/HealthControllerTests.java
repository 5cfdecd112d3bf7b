package dev.pokewatch.serving.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.pokewatch.serving.support.SliceConfiguration;
import dev.pokewatch.serving.support.TestModels;

import static dev.pokewatch.serving.support.ProblemAssertions.assertProblem;
import static dev.pokewatch.serving.support.ProblemAssertions.content;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HealthController} with the reload endpoint: a service started without
 * a model answers 503, recovers on reload, and keeps its model when a reload fails.
 */
@WebMvcTest(useDefaultFilters = false, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "dev\\.pokewatch\\.serving\\.(health\\.HealthController|servedmodel\\.ModelReloadController"
				+ "|prediction\\.(Prediction(Controller|Service)|SinglePrediction)|system\\.(ApiExceptionHandler|WebConfiguration))"),
		properties = "serving.security.enabled=false")
@Import(SliceConfiguration.class)
class HealthControllerTests {

	private static final Path MODEL_DIR = emptyDirectory();

	@Autowired
	private MockMvcTester mvc;

	@DynamicPropertySource
	static void modelDir(DynamicPropertyRegistry registry) {
		registry.add("serving.model-dir", MODEL_DIR::toString);
	}

	@Test
	void lifecycleWhenModelAppearsThenBreaksShouldAnswer503Then200Then409() {
		MvcTestResult down = this.mvc.get().uri("/health").exchange();
		assertThat(down).hasStatus(503);
		String body = content(down.getResponse());
		assertThat(JsonPath.<String>read(body, "$.status")).isEqualTo("error");
		assertThat(JsonPath.<Boolean>read(body, "$.model_loaded")).isFalse();
		assertThat(JsonPath.<Object>read(body, "$.cards_count")).isNull();
		assertThat(JsonPath.<String>read(body, "$.last_reload_error")).contains("model_metadata.json");

		// any client key sees this answer: file names, never the directories
		assertThat(assertProblem(predict(), 503, "/predict", "No model is loaded")).contains("model_metadata.json")
			.doesNotContain(MODEL_DIR.getParent().toString());
		assertProblem(this.mvc.post()
			.uri("/batch_predict")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"card_ids\":[\"x\"]}")
			.exchange(), 503, "/batch_predict", "model_metadata.json");
		assertProblem(this.mvc.post().uri("/admin/reload").exchange(), 503, "/admin/reload", "no model is loaded");

		TestModels.write(MODEL_DIR, "v1", 1.0);
		MvcTestResult reloaded = this.mvc.post().uri("/admin/reload").exchange();
		assertThat(reloaded).hasStatusOk();
		assertThat(JsonPath.<String>read(content(reloaded.getResponse()), "$.model_version")).isEqualTo("v1");
		assertThat(JsonPath.<Integer>read(content(reloaded.getResponse()), "$.cards_count")).isEqualTo(3);

		MvcTestResult up = this.mvc.get().uri("/health").exchange();
		assertThat(up).hasStatusOk();
		body = content(up.getResponse());
		assertThat(JsonPath.<String>read(body, "$.status")).isEqualTo("ok");
		assertThat(JsonPath.<Integer>read(body, "$.cards_count")).isEqualTo(3);
		assertThat(JsonPath.<String>read(body, "$.model_version")).isEqualTo("v1");
		assertThat(JsonPath.<String>read(body, "$.loaded_at")).isNotBlank();
		assertThat(body).doesNotContain("last_reload_error");

		TestModels.corruptMetadata(MODEL_DIR);
		assertProblem(this.mvc.post().uri("/admin/reload").exchange(), 409, "/admin/reload",
				"still serving model version 'v1'");
		assertThat(predict()).hasStatusOk();
		assertThat(JsonPath.<String>read(content(this.mvc.get().uri("/health").exchange().getResponse()),
				"$.last_reload_error"))
			.contains("cannot parse");
	}

	private MvcTestResult predict() {
		return this.mvc.post()
			.uri("/predict")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"card_id\":\"" + TestModels.CARD_A + "\"}")
			.exchange();
	}

	private static Path emptyDirectory() {
		try {
			return Files.createTempDirectory("health-slice").resolve("baseline");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
