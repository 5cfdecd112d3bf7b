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
 * Tests for {@link CardsController}.
 */
@WebMvcTest(controllers = CardsController.class, properties = "serving.security.enabled=false")
@Import(SliceConfiguration.class)
class CardsControllerTests {

	private static final Path MODEL_DIR = createModel();

	@Autowired
	private MockMvcTester mvc;

	@DynamicPropertySource
	static void modelDir(DynamicPropertyRegistry registry) {
		registry.add("serving.model-dir", MODEL_DIR::toString);
	}

	@Test
	void cardsWhenOlderApiPathShouldAnswerSortedIdsAndCount() {
		for (String path : List.of("/cards", "/list_cards")) {
			MvcTestResult result = this.mvc.get().uri(path).exchange();
			assertThat(result).hasStatusOk();
			String body = content(result.getResponse());
			assertThat(JsonPath.<List<String>>read(body, "$.cards")).containsExactly(TestModels.CARD_A,
					TestModels.CARD_B, TestModels.CARD_C);
			assertThat(JsonPath.<Integer>read(body, "$.count")).isEqualTo(3);
			assertThat(body).doesNotContain("details");
		}
	}

	@Test
	void cardsWhenDetailsRequestedShouldAddNamesAndDates() {
		String body = content(this.mvc.get().uri("/cards?details=true").exchange().getResponse());
		assertThat(JsonPath.<String>read(body, "$.details[0].card_id")).isEqualTo(TestModels.CARD_A);
		assertThat(JsonPath.<String>read(body, "$.details[0].card_name")).isEqualTo("Card A");
		assertThat(JsonPath.<String>read(body, "$.details[0].first_date")).isEqualTo("2025-11-20");
		assertThat(JsonPath.<String>read(body, "$.details[0].latest_date")).isEqualTo("2025-11-24");
		assertThat(JsonPath.<Integer>read(body, "$.details[0].days")).isEqualTo(4);
		assertThat(JsonPath.<Object>read(body, "$.details[2].card_name")).isNull();
	}

	@Test
	void cardsWhenDetailsIsNotBooleanShouldAnswer400NamingParameter() {
		assertProblem(this.mvc.get().uri("/cards?details=maybe").exchange(), 400, "/cards", "details");
	}

	@Test
	void cardsWhenPostedShouldAnswer405() {
		assertProblem(this.mvc.post().uri("/cards").exchange(), 405, "/cards", "POST");
	}

	private static Path createModel() {
		try {
			return TestModels.write(Files.createTempDirectory("cards-slice").resolve("baseline"), "v1", 1.0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
