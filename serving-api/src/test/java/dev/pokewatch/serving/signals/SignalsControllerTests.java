package dev.pokewatch.serving.signals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
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
 * Tests for {@link SignalsController}: ranking, filters, limits and problems of
 * {@code GET /signals}, served from {@link TestModels#dispersionRows()} with a dispersion
 * rule.
 */
@WebMvcTest(controllers = SignalsController.class, properties = "serving.security.enabled=false")
@Import({ SignalsService.class, SliceConfiguration.class })
class SignalsControllerTests {

	private static final Path MODEL_DIR = createModel();

	@Autowired
	private MockMvcTester mvc;

	@DynamicPropertySource
	static void modelDir(DynamicPropertyRegistry registry) {
		registry.add("serving.model-dir", MODEL_DIR::toString);
	}

	@Test
	void signalsWhenBuyShouldRankByStrengthThenCardIdWithinDefaultAge() {
		MvcTestResult result = get("/signals?signal=BUY");
		assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		String body = content(result.getResponse());
		assertThat(JsonPath.<String>read(body, "$.as_of")).isEqualTo(TestModels.DISPERSION_AS_OF);
		assertThat(JsonPath.<String>read(body, "$.signal")).isEqualTo("BUY");
		assertThat(JsonPath.<String>read(body, "$.model_version")).isEqualTo("signals-v1");
		// z_stale (strength 8.1) is 10 days old: not listed by default
		assertThat(cardIds(body)).containsExactly("z_calm_small_move", "z_buy_strong", "z_week_old", "z_sealed",
				"z_buy_weak", "z_tie_a", "z_tie_b");
		assertThat(JsonPath.<Integer>read(body, "$.count")).isEqualTo(7);
		List<Double> strengths = JsonPath.<List<Number>>read(body, "$.signals[*].strength")
			.stream()
			.map(Number::doubleValue)
			.toList();
		assertThat(strengths).isSortedAccordingTo((a, b) -> Double.compare(b, a))
			.allSatisfy((strength) -> assertThat(strength).isGreaterThanOrEqualTo(TestModels.DISPERSION_THRESHOLD));
	}

	@Test
	void signalsWhenBuyShouldAnswerEveryFieldOfAnItem() {
		String body = content(get("/signals?signal=BUY&limit=1").getResponse());
		assertThat(JsonPath.<String>read(body, "$.signals[0].card_id")).isEqualTo("z_calm_small_move");
		assertThat(JsonPath.<String>read(body, "$.signals[0].card_name")).isEqualTo("Name of z_calm_small_move");
		assertThat(JsonPath.<String>read(body, "$.signals[0].set_name")).isEqualTo("Scarlet & Violet 151");
		assertThat(JsonPath.<String>read(body, "$.signals[0].category")).isEqualTo("pokemon");
		assertThat(JsonPath.<String>read(body, "$.signals[0].date")).isEqualTo(TestModels.DISPERSION_AS_OF);
		assertThat(JsonPath.<Double>read(body, "$.signals[0].market_price")).isEqualTo(100.0);
		assertThat(JsonPath.<Double>read(body, "$.signals[0].fair_price")).isEqualTo(104.0);
		assertThat(number(body, "$.signals[0].deviation_pct")).isCloseTo(-4.0 / 104, Offset.offset(1e-12));
		assertThat(number(body, "$.signals[0].strength")).isCloseTo(Math.log(1.04) / 0.01, Offset.offset(1e-9));
		assertThat(JsonPath.<String>read(body, "$.signals[0].signal")).isEqualTo("BUY");
	}

	@Test
	void signalsWhenSellShouldRankMostNegativeFirstAndStateTheSellSideRecord() {
		String body = content(get("/signals?signal=SELL").getResponse());
		assertThat(cardIds(body)).containsExactly("z_sell", "z_sell_weak");
		assertThat(JsonPath.<List<String>>read(body, "$.signals[*].signal")).containsOnly("SELL");
		assertThat(JsonPath.<Double>read(body, "$.rule.holdout_hit_rate")).isEqualTo(0.55);
		assertThat(JsonPath.<Double>read(body, "$.rule.holdout_lift_pp")).isEqualTo(3.0);
		assertThat(JsonPath.<Object>read(body, "$.rule.holdout_lift_pp_low")).isNull();
		assertThat(JsonPath.<Object>read(body, "$.rule.holdout_lift_pp_high")).isNull();
	}

	@Test
	void signalsShouldStateTheModelRuleWithTheBuySideRecord() {
		String body = content(get("/signals?signal=BUY").getResponse());
		assertThat(JsonPath.<String>read(body, "$.rule.id")).isEqualTo("z_2.0");
		assertThat(JsonPath.<String>read(body, "$.rule.unit")).isEqualTo("dispersion");
		assertThat(JsonPath.<Double>read(body, "$.rule.buy_threshold")).isEqualTo(2.0);
		assertThat(JsonPath.<Double>read(body, "$.rule.sell_threshold")).isEqualTo(2.0);
		assertThat(JsonPath.<Double>read(body, "$.rule.min_signal_price")).isEqualTo(2.0);
		assertThat(JsonPath.<String>read(body, "$.rule.trend")).isEqualTo("momentum");
		assertThat(JsonPath.<Integer>read(body, "$.rule.horizon_days")).isEqualTo(7);
		assertThat(JsonPath.<Double>read(body, "$.rule.holdout_hit_rate")).isEqualTo(0.58);
		assertThat(JsonPath.<Double>read(body, "$.rule.holdout_lift_pp")).isEqualTo(6.1);
		assertThat(JsonPath.<Double>read(body, "$.rule.holdout_lift_pp_low")).isEqualTo(2.3);
		assertThat(JsonPath.<Double>read(body, "$.rule.holdout_lift_pp_high")).isEqualTo(9.8);
	}

	@Test
	void signalsShouldNeverListHoldsOutliersCheapCardsOrCardsWithoutFairPrice() {
		String buys = content(get("/signals?signal=BUY&max_age_days=3650&limit=500").getResponse());
		String sells = content(get("/signals?signal=SELL&max_age_days=3650&limit=500").getResponse());
		assertThat(cardIds(buys)).hasSize(8)
			.doesNotContain("z_jumpy_big_move", "z_hold", "z_no_dispersion", "z_cheap", "z_outlier", "z_no_fair");
		assertThat(cardIds(sells)).hasSize(2);
	}

	@Test
	void signalsWhenMaxAgeIsSetShouldListOnlyCardsWhoseLatestDayIsThatRecent() {
		assertThat(cardIds(content(get("/signals?signal=BUY&max_age_days=0").getResponse())))
			.containsExactly("z_calm_small_move", "z_buy_strong", "z_sealed", "z_buy_weak", "z_tie_a", "z_tie_b");
		assertThat(cardIds(content(get("/signals?signal=BUY&max_age_days=6").getResponse())))
			.doesNotContain("z_week_old");
		assertThat(cardIds(content(get("/signals?signal=BUY&max_age_days=10").getResponse()))).startsWith("z_stale",
				"z_calm_small_move");
	}

	@Test
	void signalsWhenCategoryIsSetShouldMatchItIgnoringCase() {
		String sealed = content(get("/signals?signal=BUY&category=sealed").getResponse());
		assertThat(cardIds(sealed)).containsExactly("z_sealed");
		assertThat(JsonPath.<String>read(sealed, "$.signals[0].category")).isEqualTo("Sealed");
		assertThat(cardIds(content(get("/signals?signal=BUY&category=POKEMON").getResponse())))
			.doesNotContain("z_sealed")
			.hasSize(6);
		assertThat(cardIds(content(get("/signals?signal=BUY&category=").getResponse()))).hasSize(7);
		assertThat(cardIds(content(get("/signals?signal=BUY&category=seal").getResponse()))).isEmpty();
	}

	@Test
	void signalsWhenLimitIsSetShouldCutTheRankedList() {
		assertThat(cardIds(content(get("/signals?signal=BUY&limit=2").getResponse())))
			.containsExactly("z_calm_small_move", "z_buy_strong");
		String last = content(get("/signals?signal=BUY&limit=500&max_age_days=3650").getResponse());
		assertThat(JsonPath.<Integer>read(last, "$.count")).isEqualTo(8);
	}

	@Test
	void signalsWhenNothingMatchesShouldAnswerAnEmptyList() {
		String body = content(get("/signals?signal=SELL&category=sealed").getResponse());
		assertThat(JsonPath.<Integer>read(body, "$.count")).isZero();
		assertThat(cardIds(body)).isEmpty();
		assertThat(JsonPath.<String>read(body, "$.as_of")).isEqualTo(TestModels.DISPERSION_AS_OF);
	}

	@Test
	void signalsWhenSignalIsMissingShouldAnswer400NamingTheAllowedValues() {
		assertProblem(get("/signals"), 400, "/signals", "'signal' is required: BUY or SELL");
		assertProblem(get("/signals?limit=5"), 400, "/signals", "'signal' is required: BUY or SELL");
	}

	@Test
	void signalsWhenSignalIsNotBuyOrSellShouldAnswer400NamingValueAndAllowedOnes() {
		assertProblem(get("/signals?signal=HOLD"), 400, "/signals", "'signal' must be BUY or SELL, got 'HOLD'");
		assertProblem(get("/signals?signal=buy"), 400, "/signals", "'signal' must be BUY or SELL, got 'buy'");
		assertProblem(get("/signals?signal="), 400, "/signals", "'signal' must be BUY or SELL, got ''");
		assertProblem(get("/signals?signal=BUY&signal=SELL"), 400, "/signals",
				"'signal' must be given at most once, got 2 values");
	}

	@Test
	void signalsWhenLimitIsOutOfRangeOrNotAnIntegerShouldAnswer400NamingTheRange() {
		for (String limit : List.of("0", "501", "-1", "abc", "1.5", "", "99999999999")) {
			assertProblem(get("/signals?signal=BUY&limit=" + limit), 400, "/signals",
					"'limit' must be an integer from 1 to 500, got '" + limit + "'");
		}
	}

	@Test
	void signalsWhenMaxAgeIsOutOfRangeOrNotAnIntegerShouldAnswer400NamingTheRange() {
		for (String maxAge : List.of("-1", "3651", "x", "")) {
			assertProblem(get("/signals?signal=SELL&max_age_days=" + maxAge), 400, "/signals",
					"'max_age_days' must be an integer from 0 to 3650, got '" + maxAge + "'");
		}
		assertThat(get("/signals?signal=SELL&max_age_days=3650")).hasStatusOk();
	}

	@Test
	void signalsWhenAParameterIsRepeatedShouldAnswer400NamingIt() {
		assertProblem(get("/signals?signal=BUY&category=a&category=b"), 400, "/signals",
				"'category' must be given at most once, got 2 values");
		assertProblem(get("/signals?signal=BUY&limit=5&limit=5"), 400, "/signals",
				"'limit' must be given at most once");
		assertThat(get("/signals?signal=BUY&category=a,b")).hasStatusOk();
	}

	@Test
	void signalsWhenPostedShouldAnswer405() {
		assertProblem(this.mvc.post().uri("/signals?signal=BUY").exchange(), 405, "/signals", "POST");
	}

	private MvcTestResult get(String uri) {
		return this.mvc.get().uri(uri).exchange();
	}

	private static double number(String body, String path) {
		return JsonPath.<Number>read(body, path).doubleValue();
	}

	private static List<String> cardIds(String body) {
		return JsonPath.read(body, "$.signals[*].card_id");
	}

	private static Path createModel() {
		try {
			return TestModels.write(Files.createTempDirectory("signals-slice").resolve("baseline"),
					TestModels.dispersionRows(), TestModels.dispersionMetadata("signals-v1"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
