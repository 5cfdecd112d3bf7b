package dev.pokewatch.serving.cards;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
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
 * Tests for {@link CardHistoryController}.
 */
@WebMvcTest(controllers = CardHistoryController.class, properties = "serving.security.enabled=false")
@Import(SliceConfiguration.class)
class CardHistoryControllerTests {

	private static final Path MODEL_DIR = createModel();

	@Autowired
	private MockMvcTester mvc;

	@DynamicPropertySource
	static void modelDir(DynamicPropertyRegistry registry) {
		registry.add("serving.model-dir", MODEL_DIR::toString);
	}

	@Test
	void historyWhenNoRangeShouldAnswerEveryServedDayWithSignalsAndOutliers() {
		String body = get("/cards/" + TestModels.CARD_A + "/history");
		assertThat(JsonPath.<Integer>read(body, "$.count")).isEqualTo(4);
		assertThat(JsonPath.<List<String>>read(body, "$.points[*].date")).containsExactly("2025-11-20", "2025-11-21",
				"2025-11-23", "2025-11-24");
		assertThat(JsonPath.<Object>read(body, "$.points[0].fair_price")).isNull();
		assertThat(JsonPath.<Object>read(body, "$.points[0].signal")).isNull();
		assertThat(JsonPath.<List<String>>read(body, "$.points[1:].signal")).containsExactly("HOLD", "BUY", "SELL");
		assertThat(JsonPath.<String>read(body, "$.rule.unit")).isEqualTo("percent");
		String outlier = get("/cards/" + TestModels.CARD_B + "/history");
		assertThat(JsonPath.<List<Boolean>>read(outlier, "$.points[*].outlier")).containsExactly(false, false, true);
		assertThat(JsonPath.<String>read(outlier, "$.points[2].signal")).isEqualTo("HOLD");
	}

	@Test
	void historyWhenRangeGivenShouldKeepTheDaysWithinBothBounds() {
		String body = get("/cards/" + TestModels.CARD_A + "/history?from=2025-11-21&to=2025-11-23");
		assertThat(JsonPath.<List<String>>read(body, "$.points[*].date")).containsExactly("2025-11-21", "2025-11-23");
		assertThat(JsonPath.<String>read(body, "$.from")).isEqualTo("2025-11-21");
		String empty = get("/cards/" + TestModels.CARD_A + "/history?from=2030-01-01");
		assertThat(JsonPath.<Integer>read(empty, "$.count")).isZero();
	}

	@Test
	void historyWhenCardIsUnknownShouldAnswer404() {
		assertProblem(this.mvc.get().uri("/cards/nope/history").exchange(), 404, "/cards/nope/history", "nope");
	}

	@Test
	void historyWhenDatesAreBadShouldAnswer400NamingThem() {
		String path = "/cards/" + TestModels.CARD_A + "/history";
		assertProblem(this.mvc.get().uri(path + "?from=yesterday").exchange(), 400, path, "'from'");
		assertProblem(this.mvc.get().uri(path + "?to=").exchange(), 400, path, "'to'");
		assertProblem(this.mvc.get().uri(path + "?from=2025-11-24&to=2025-11-20").exchange(), 422, path,
				"must not be after");
		assertProblem(this.mvc.get().uri(path + "?to=2025-11-20&to=2025-11-21").exchange(), 400, path, "once");
	}

	private String get(String uri) {
		MvcTestResult result = this.mvc.get().uri(uri).exchange();
		assertThat(result).hasStatusOk();
		return content(result.getResponse());
	}

	private static Path createModel() {
		try {
			return TestModels.write(Files.createTempDirectory("history-slice").resolve("baseline"), "v1", 1.0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
