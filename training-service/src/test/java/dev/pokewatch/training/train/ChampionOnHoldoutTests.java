package dev.pokewatch.training.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.common.fair.FairPriceRule;
import dev.pokewatch.common.fair.FairPriceType;
import dev.pokewatch.common.fair.Trend;
import dev.pokewatch.common.feature.CardSeries;
import dev.pokewatch.common.feature.OutlierRule;
import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.signal.SignalRule;
import dev.pokewatch.training.params.TrainingParams;
import dev.pokewatch.training.system.ModelFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ChampionOnHoldout}: the champion's rules re-applied to the candidate's
 * holdout give exactly what the grid measured for the same rules there.
 */
class ChampionOnHoldoutTests {

	private static final List<CardSeries> SERIES = SimulatedMarket.series(20, 240, 0.7, 17);

	private static final TrainingParams PARAMS = new TrainingParams(
			new TrainingParams.Paths(Path.of("r"), Path.of("p"), Path.of("c"), Path.of("b"), Path.of("o")),
			OutlierRule.DEFAULT, new SignalRule(0.10, 0.15, 5.0),
			new TrainingParams.Train(List.of(FairPriceType.SMA, FairPriceType.EWMA), List.of(3, 14),
					List.of(Trend.REVERSION, Trend.MOMENTUM), List.of(1.0, 2.0), 21, 0.01, 60, 0.5, 21, 7, 5, 0.0, 7,
					"e", "m", 2),
			new TrainingParams.Gate(20, 0.8, 0.5, 0.05, true));

	private static final ModelSelection.Result RESULT = ModelSelection.run(SERIES, PARAMS);

	@TempDir
	Path baseline;

	@Test
	void scoreWhenChampionHasAGridRuleShouldGiveThatCandidatesHoldoutFigures() throws IOException {
		ModelSelection.Candidate other = RESULT.grid()
			.stream()
			.filter((c) -> !c.id().equals(RESULT.chosen().id()))
			.filter((c) -> c.holdout().signalOutcomes() > 0)
			.findFirst()
			.orElseThrow();
		writeChampion("champion-v1", other.model(), other.signalRule());

		ChampionOnHoldout.Outcome outcome = ChampionOnHoldout.score(this.baseline, SERIES, RESULT, PARAMS.train());

		assertThat(outcome.score().modelVersion()).isEqualTo("champion-v1");
		assertThat(outcome.score().rule()).isEqualTo(other.id());
		Map<String, Double> expected = TrainOutputs.finite(other.holdout().toMap(7));
		assertThat(outcome.score().metrics()).isEqualTo(expected)
			.containsKeys("mape", "horizon_mape_7d", "coverage_rate", "buy_signals");
		assertThat(outcome.summary()).contains("champion-v1", "re-scored on this holdout");
	}

	@Test
	void scoreWhenChampionIsTheChosenRuleShouldEqualTheCandidatesHoldout() throws IOException {
		writeChampion("same-rule", RESULT.chosen().model(), RESULT.chosen().signalRule());

		ChampionOnHoldout.Outcome outcome = ChampionOnHoldout.score(this.baseline, SERIES, RESULT, PARAMS.train());

		assertThat(outcome.score().metrics().get("horizon_mape_7d")).isEqualTo(RESULT.metrics().get("horizon_mape_7d"));
		assertThat(outcome.score().metrics().get("mape")).isEqualTo(RESULT.metrics().get("mape"));
	}

	@Test
	void scoreWhenChampionRuleIsOutsideTheGridShouldStillRescoreIt() throws IOException {
		// a window the grid does not try: re-applied with its own dispersion window
		writeChampion("old", new FairPriceRule(FairPriceType.MEDIAN, 30, Trend.REVERSION),
				new SignalRule(0.1, 0.15, 2.0));

		ChampionOnHoldout.Outcome outcome = ChampionOnHoldout.score(this.baseline, SERIES, RESULT, PARAMS.train());

		assertThat(outcome.score().rule()).isEqualTo("median_30_pct_10_15");
		assertThat(outcome.score().metrics().get("points")).isEqualTo(RESULT.metrics().get("points"));
	}

	@Test
	void scoreWhenNoChampionShouldSaySo() {
		ChampionOnHoldout.Outcome outcome = ChampionOnHoldout.score(this.baseline, SERIES, RESULT, PARAMS.train());

		assertThat(outcome.score()).isNull();
		assertThat(outcome.summary()).startsWith("no champion in " + this.baseline);
	}

	@Test
	void scoreWhenChampionRuleIsUnknownShouldFallBackToItsStoredFigures() throws IOException {
		ModelFiles.writeJson(this.baseline.resolve(ModelMetadata.FILE_NAME),
				metadata("xgb-1", "xgboost", 7, Trend.REVERSION, new SignalRule(0.1, 0.15, 2.0)));

		ChampionOnHoldout.Outcome outcome = ChampionOnHoldout.score(this.baseline, SERIES, RESULT, PARAMS.train());

		assertThat(outcome.score()).isNull();
		assertThat(outcome.summary()).contains("cannot be re-applied", "xgboost", "stored figures");
	}

	private void writeChampion(String version, FairPriceRule fairPrice, SignalRule signal) throws IOException {
		ModelFiles.writeJson(this.baseline.resolve(ModelMetadata.FILE_NAME),
				metadata(version, fairPrice.type().id(), fairPrice.windowDays(), fairPrice.trend(), signal));
	}

	private static ModelMetadata metadata(String version, String type, int window, Trend trend, SignalRule signal) {
		return new ModelMetadata(type, window, "2026-01-01T00:00:00Z", null, null, "p", 1, Map.of("mape", 1.0),
				ModelMetadata.Thresholds.of(signal), version, "0".repeat(64), null, 1, trend.id(), 7, null);
	}

}
