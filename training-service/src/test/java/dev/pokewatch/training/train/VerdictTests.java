package dev.pokewatch.training.train;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pokewatch.common.fair.FairPriceType;
import dev.pokewatch.common.fair.Trend;
import dev.pokewatch.common.feature.OutlierRule;
import dev.pokewatch.common.metrics.SignalEvidence;
import dev.pokewatch.common.signal.SignalRule;
import dev.pokewatch.training.params.TrainingParams;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Verdict}.
 */
class VerdictTests {

	@Test
	void linesWhenSignalsBeatChanceShouldSaySoWithTheirNumbers() {
		ModelSelection.Result result = ModelSelection.run(SimulatedMarket.series(20, 300, 0.7, 17), params(20));
		SignalEvidence buy = result.chosen().holdout().buyEvidence();

		List<String> lines = Verdict.lines(result);

		String text = String.join("\n", lines);
		assertThat(lines.get(0)).isEqualTo("== Verdict ==");
		assertThat(lines.get(1)).startsWith("Rule: " + result.chosen().id() + ": fair price = ");
		assertThat(text).contains("BUY signals beat chance: " + buy.hits() + " of " + buy.signals() + " rose")
			.contains("By price band:")
			.contains("$20+: BUY n=" + buy.signals())
			.contains("By category:")
			.contains("Fair price as a 7-day forecast: MAPE")
			.contains("cards at or above $5.00")
			.doesNotContain("No rule's signals beat chance");
		assertThat(lines).hasSizeLessThan(25);
	}

	@Test
	void linesWhenNoRuleBeatsChanceShouldSaySoPlainly() {
		ModelSelection.Result result = ModelSelection.run(SimulatedMarket.series(2, 60, 0.7, 17), params(10_000));

		String text = String.join("\n", Verdict.lines(result));

		assertThat(result.chosen().eligible()).isFalse();
		assertThat(text).contains("No rule's signals beat chance on the selection windows")
			.contains("chose the lowest MAPE")
			.contains("among " + result.grid().size() + " tried");
	}

	private static TrainingParams params(int minSignals) {
		return new TrainingParams(
				new TrainingParams.Paths(Path.of("r"), Path.of("p"), Path.of("c"), Path.of("b"), Path.of("o")),
				OutlierRule.DEFAULT, new SignalRule(0.10, 0.15, 5.0),
				new TrainingParams.Train(List.of(FairPriceType.SMA), List.of(3, 7), Arrays.asList(Trend.values()),
						List.of(1.0, 2.0), 21, 0.01, 90, 0.5, 21, 7, minSignals, 0.0, 7, "e", "m", 2),
				new TrainingParams.Gate(20, 0.8, 0.5, 0.05, true));
	}

}
