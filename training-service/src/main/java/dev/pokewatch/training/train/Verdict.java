package dev.pokewatch.training.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.pokewatch.common.metrics.BacktestMetrics;
import dev.pokewatch.common.metrics.ConfidenceInterval;
import dev.pokewatch.common.metrics.PriceBand;
import dev.pokewatch.common.metrics.SignalEvidence;
import dev.pokewatch.common.metrics.SignalTally;
import dev.pokewatch.common.signal.Signal;
import dev.pokewatch.common.signal.SignalRule;
import dev.pokewatch.common.signal.SignalUnit;

/**
 * The one-screen verdict on a training run, in a collector's words: the rule chosen, how
 * its BUY and SELL signals did on the holdout with their 95 % intervals (overall, per
 * price band and per category), the fair price's error next to the naive forecast's, and
 * plainly whether the signals beat chance. {@code make pipeline} ends with it
 * ({@code reports/verdict.txt}).
 */
final class Verdict {

	private final ModelSelection.Result result;

	private Verdict(ModelSelection.Result result) {
		this.result = result;
	}

	static List<String> lines(ModelSelection.Result result) {
		return new Verdict(result).lines();
	}

	private List<String> lines() {
		ModelSelection.Candidate chosen = this.result.chosen();
		BacktestMetrics holdout = chosen.holdout();
		int h = this.result.horizonDays();
		List<String> lines = new ArrayList<>();
		lines.add("== Verdict ==");
		lines.add("Rule: " + describe(chosen));
		lines.add("Why:  " + this.result.reason());
		lines.add(String.format(Locale.ROOT,
				"Holdout: the last days of each of %d series (%s..%s), never used to choose",
				this.result.split().evaluated(), this.result.holdoutWindow().from(), this.result.holdoutWindow().to()));
		for (SignalEvidence side : List.of(holdout.buyEvidence(), holdout.sellEvidence())) {
			lines.add("  " + TrainingProgress.evidence(side, h));
		}
		breakdown(lines, holdout, "By price band", PriceBand.values().length, true);
		breakdown(lines, holdout, "By category", Integer.MAX_VALUE, false);
		lines.add(String.format(Locale.ROOT,
				"Fair price as a %d-day forecast: MAPE %.2f %% vs %.2f %% for \"the price stays as it is\"%s", h,
				holdout.horizonMape(), holdout.naiveHorizonMape(),
				(holdout.horizonMape() < holdout.naiveHorizonMape()) ? " (better)" : " (worse)"));
		lines.add(String.format(Locale.ROOT, "Same-day MAPE %.2f %% vs %.2f %% for naive \"tomorrow = today\"",
				holdout.mape(), this.result.naive().mape()));
		lines.addAll(plainWords(chosen, holdout));
		return lines;
	}

	private void breakdown(List<String> lines, BacktestMetrics holdout, String title, int limit, boolean bands) {
		List<String> parts = new ArrayList<>();
		for (Map.Entry<String, SignalTally> entry : holdout.tallies().entrySet()) {
			String key = entry.getKey();
			if (bands != key.startsWith("band_") || parts.size() >= limit) {
				continue;
			}
			SignalTally tally = entry.getValue();
			if (tally.buyOutcomes() + tally.sellOutcomes() == 0) {
				continue;
			}
			parts.add(String.format(Locale.ROOT, "%s: %s, %s", label(key), brief(tally.buyEvidence()),
					brief(tally.sellEvidence())));
		}
		if (!parts.isEmpty()) {
			lines.add("  " + title + ":");
			parts.forEach((part) -> lines.add("    " + part));
		}
	}

	private static String label(String key) {
		for (PriceBand band : PriceBand.values()) {
			if (band.key().equals(key)) {
				return band.label();
			}
		}
		return key.startsWith("cat_") ? key.substring(4) : key;
	}

	private static String brief(SignalEvidence side) {
		if (side.signals() == 0 || side.liftPp().isEmpty()) {
			return side.side() + " n=" + side.signals();
		}
		ConfidenceInterval interval = side.liftPpInterval().orElseThrow();
		return String.format(Locale.ROOT, "%s n=%d %+.1f pp [%+.1f, %+.1f]", side.side(), side.signals(),
				side.liftPp().getAsDouble(), interval.low(), interval.high());
	}

	private List<String> plainWords(ModelSelection.Candidate chosen, BacktestMetrics holdout) {
		List<String> lines = new ArrayList<>();
		int h = this.result.horizonDays();
		double minPrice = chosen.signalRule().minSignalPrice();
		lines.add(String.format(Locale.ROOT, "In plain words (cards at or above $%.2f, outcome %d days later):",
				minPrice, h));
		if (!chosen.eligible()) {
			lines.add("  No rule's signals beat chance on the selection windows, so the model was chosen on price "
					+ "error alone: expect few or no BUY/SELL signals, and do not trade on the ones it gives.");
		}
		for (SignalEvidence side : List.of(holdout.buyEvidence(), holdout.sellEvidence())) {
			lines.add("  " + sentence(side, h));
		}
		return lines;
	}

	private static String sentence(SignalEvidence side, int h) {
		String move = (side.side() == Signal.BUY) ? "rose" : "fell";
		if (side.signals() == 0) {
			return side.side() + ": no signal on the holdout, so nothing to judge.";
		}
		if (side.liftPpInterval().isEmpty()) {
			return side.side() + ": " + side.signals() + " signal(s) but no base rate to compare with.";
		}
		ConfidenceInterval interval = side.liftPpInterval().orElseThrow();
		String facts = String.format(Locale.ROOT, "%d of %d %s (%.0f %%) against %.0f %% of all cards", side.hits(),
				side.signals(), move, side.hitRate().getAsDouble() * 100, side.baseRate() * 100);
		if (interval.low() > 0) {
			return side.side() + " signals beat chance: " + facts + String.format(Locale.ROOT,
					"; the edge is at least %+.1f pp with 95 %% confidence.", interval.low());
		}
		if (interval.entirelyBelowZero()) {
			return side.side() + " signals did WORSE than chance: " + facts + "; do not follow them.";
		}
		return side.side() + " signals are not distinguishable from chance: " + facts + String.format(Locale.ROOT,
				" (lift 95 %% CI %+.1f..%+.1f pp includes 0).", interval.low(), interval.high());
	}

	private static String describe(ModelSelection.Candidate candidate) {
		SignalRule rule = candidate.signalRule();
		String fair = switch (candidate.model().trend()) {
			case REVERSION -> "fair price = " + candidate.model().type().id() + " of the previous "
					+ candidate.model().windowDays() + " days (prices revert to it)";
			case MOMENTUM -> "fair price = market extended by its move away from the " + candidate.model().type().id()
					+ " of the previous " + candidate.model().windowDays() + " days (moves go on)";
		};
		String signal = (rule.unit() == SignalUnit.PERCENT)
				? String.format(Locale.ROOT, "BUY when market is %.0f %% below fair, SELL when %.0f %% above",
						rule.buyThreshold() * 100, rule.sellThreshold() * 100)
				: String.format(Locale.ROOT,
						"BUY when the expected rise is >= %.1f times the card's usual move, SELL when the expected "
								+ "fall is",
						rule.buyThreshold()) + String.format(Locale.ROOT, " >= %.1f times", rule.sellThreshold());
		return candidate.id() + ": " + fair + "; " + signal
				+ String.format(Locale.ROOT, "; only cards >= $%.2f", rule.minSignalPrice());
	}

}
