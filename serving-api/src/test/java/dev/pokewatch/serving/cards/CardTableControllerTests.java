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
 * Tests for {@link CardTableController}.
 */
@WebMvcTest(controllers = CardTableController.class, properties = "serving.security.enabled=false")
@Import({ SliceConfiguration.class, CardTableService.class })
class CardTableControllerTests {

	private static final Path MODEL_DIR = createModel();

	@Autowired
	private MockMvcTester mvc;

	@DynamicPropertySource
	static void modelDir(DynamicPropertyRegistry registry) {
		registry.add("serving.model-dir", MODEL_DIR::toString);
	}

	@Test
	void tableWhenNoParametersShouldListEveryCardStrongestFirstWithCategories() {
		String body = get("/cards/table");
		assertThat(JsonPath.<String>read(body, "$.as_of")).isEqualTo(TestModels.DISPERSION_AS_OF);
		assertThat(JsonPath.<Integer>read(body, "$.total")).isEqualTo(16);
		assertThat(JsonPath.<List<String>>read(body, "$.categories")).containsExactly("Sealed", "pokemon");
		assertThat(JsonPath.<String>read(body, "$.rows[0].card_id")).isEqualTo("z_cheap");
		assertThat(JsonPath.<Object>read(body, "$.rows[15].strength")).isNull();
	}

	@Test
	void tableWhenFilteredByBuyAndCategoryShouldKeepOnlyThoseRows() {
		String body = get("/cards/table?signal=BUY&category=pokemon&sort=card_id&order=asc");
		assertThat(JsonPath.<List<String>>read(body, "$.rows[*].card_id")).containsExactly("z_buy_strong", "z_buy_weak",
				"z_calm_small_move", "z_stale", "z_tie_a", "z_tie_b", "z_week_old");
		assertThat(JsonPath.<List<String>>read(body, "$.rows[*].signal")).containsOnly("BUY");
		assertThat(JsonPath.<List<String>>read(get("/cards/table?category=sealed"), "$.rows[*].card_id"))
			.containsExactly("z_sealed");
	}

	@Test
	void tableWhenSearchedShouldMatchNameSetOrIdIgnoringCase() {
		assertThat(JsonPath.<List<String>>read(get("/cards/table?q=TIE_&sort=card_id&order=asc"), "$.rows[*].card_id"))
			.containsExactly("z_tie_a", "z_tie_b");
		assertThat(JsonPath.<Integer>read(get("/cards/table?q=scarlet"), "$.total")).isEqualTo(16);
	}

	@Test
	void tableWhenPagedShouldCutPagesWithoutOverlap() {
		String first = get("/cards/table?size=10&page=1&sort=card_id&order=asc");
		String second = get("/cards/table?size=10&page=2&sort=card_id&order=asc");
		assertThat(JsonPath.<List<String>>read(first, "$.rows")).hasSize(10);
		assertThat(JsonPath.<List<String>>read(second, "$.rows[*].card_id")).hasSize(6)
			.doesNotContainAnyElementsOf(JsonPath.read(first, "$.rows[*].card_id"));
		assertThat(JsonPath.<List<String>>read(get("/cards/table?page=9"), "$.rows")).isEmpty();
	}

	@Test
	void tableWhenDateGivenShouldAnswerAsOfThatDay() {
		String body = get("/cards/table?date=2026-03-02&sort=card_id");
		assertThat(JsonPath.<String>read(body, "$.as_of")).isEqualTo("2026-03-02");
		assertThat(JsonPath.<List<String>>read(body, "$.rows[*].card_id")).containsExactlyInAnyOrder("z_stale",
				"z_week_old");
	}

	@Test
	void tableWhenParameterIsInvalidShouldAnswer400NamingIt() {
		assertProblem(this.mvc.get().uri("/cards/table?signal=buy").exchange(), 400, "/cards/table", "'signal'");
		assertProblem(this.mvc.get().uri("/cards/table?sort=price").exchange(), 400, "/cards/table", "'sort'");
		assertProblem(this.mvc.get().uri("/cards/table?order=up").exchange(), 400, "/cards/table", "'order'");
		assertProblem(this.mvc.get().uri("/cards/table?size=501").exchange(), 400, "/cards/table", "'size'");
		assertProblem(this.mvc.get().uri("/cards/table?page=0").exchange(), 400, "/cards/table", "'page'");
		assertProblem(this.mvc.get().uri("/cards/table?date=2026-13-01").exchange(), 400, "/cards/table", "'date'");
		assertProblem(this.mvc.get().uri("/cards/table?q=" + "x".repeat(101)).exchange(), 400, "/cards/table", "'q'");
		assertProblem(this.mvc.get().uri("/cards/table?date=").exchange(), 400, "/cards/table", "'date'");
		assertProblem(this.mvc.get().uri("/cards/table?signal=").exchange(), 400, "/cards/table", "'signal'");
		assertProblem(this.mvc.get().uri("/cards/table?page=1&page=2").exchange(), 400, "/cards/table", "once");
	}

	private String get(String uri) {
		MvcTestResult result = this.mvc.get().uri(uri).exchange();
		assertThat(result).hasStatusOk();
		return content(result.getResponse());
	}

	private static Path createModel() {
		try {
			return TestModels.write(Files.createTempDirectory("table-slice").resolve("baseline"),
					TestModels.dispersionRows(), TestModels.dispersionMetadata("v1"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
