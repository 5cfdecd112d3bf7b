package dev.pokewatch.common.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.pokewatch.common.feature.CardSeries;
import dev.pokewatch.common.signal.Signal;
import dev.pokewatch.common.signal.SignalRule;
import dev.pokewatch.common.signal.SignalUnit;

/**
 * Scores fair prices against the market price of the same day (a next-day backtest when
 * the fair prices come from a {@link dev.pokewatch.common.fair.FairPriceRule}, which uses
 * earlier days only) and against the price {@code horizonDays} later, and scores the
 * resulting signals against that later price.
 *
 * <p>
 * Each series is scored over its own {@link EvaluationWindow} (series cover different
 * periods, so a single calendar would leave some out). Only usable market prices are
 * scored: missing, zero, negative and flagged prices are neither scored nor used as
 * outcomes. A BUY hits when the outcome price is higher than the day's price, a SELL when
 * it is lower. Hit and base rates count only points at or above the rule's minimum price,
 * the only ones that can get a signal, and are also kept per {@link PriceBand} and per
 * category.
 *
 * @since 0.1.0
 */
public final class Backtest {

	// signals travel as ordinals in the point walk: an int array is cheaper to fill and
	// to count than an array of references, millions of times per pass
	private static final Signal[] SIGNALS = Signal.values();

	private static final int HOLD = Signal.HOLD.ordinal();

	private Backtest() {
	}

	/**
	 * Computes the metrics with one window for every series and no dispersion (enough for
	 * percent rules).
	 * @param series the cards
	 * @param fairPrices per series (same order), fair price per day, {@code NaN} where
	 * none
	 * @param window the scored days and the outcome cutoff
	 * @param rule signal thresholds
	 * @param horizonDays how many days later a signal's outcome is read
	 * @return the metrics
	 */
	public static BacktestMetrics evaluate(List<CardSeries> series, List<double[]> fairPrices, EvaluationWindow window,
			SignalRule rule, int horizonDays) {
		return evaluate(forecasts(series, fairPrices), Collections.nCopies(series.size(), window), rule, horizonDays);
	}

	/**
	 * Computes the metrics, each series over its own window.
	 * @param forecasts per series, its fair prices and dispersion
	 * @param windows per series (same order), the scored days and the outcome cutoff;
	 * {@code null} leaves the series out
	 * @param rule signal rule
	 * @param horizonDays how many days later a signal's outcome is read
	 * @return the metrics
	 */
	public static BacktestMetrics evaluate(List<SeriesForecast> forecasts, List<EvaluationWindow> windows,
			SignalRule rule, int horizonDays) {
		return evaluate(forecasts, windows, List.of(rule), horizonDays).get(0);
	}

	/**
	 * Computes the metrics of several signal rules in one pass over the points: each
	 * point's fair-price error, outcome and signal strength are computed once and the
	 * point is then classified by every rule. A grid of fair-price rules crossed with
	 * signal rules thus walks the points once per fair-price rule, not once per
	 * candidate.
	 * @param forecasts per series, its fair prices and dispersion
	 * @param windows per series (same order), the scored days and the outcome cutoff;
	 * {@code null} leaves the series out
	 * @param rules the signal rules
	 * @param horizonDays how many days later a signal's outcome is read
	 * @return per rule (same order), the metrics
	 * {@link #evaluate(List, List, SignalRule, int)} gives for that rule alone
	 */
	public static List<BacktestMetrics> evaluate(List<SeriesForecast> forecasts, List<EvaluationWindow> windows,
			List<SignalRule> rules, int horizonDays) {
		Accumulator acc = new Accumulator(rules);
		forEachPoint(forecasts, windows, rules, horizonDays, acc);
		return acc.results();
	}

	/**
	 * The scored points, for plots and reports.
	 * @param forecasts per series, its fair prices and dispersion
	 * @param windows per series, the scored days; {@code null} leaves the series out
	 * @param rule signal rule
	 * @param horizonDays outcome horizon
	 * @return every scorable point (also those without a fair price)
	 */
	public static List<BacktestPoint> points(List<SeriesForecast> forecasts, List<EvaluationWindow> windows,
			SignalRule rule, int horizonDays) {
		List<BacktestPoint> points = new ArrayList<>();
		forEachPoint(forecasts, windows, List.of(rule), horizonDays,
				(card, category, i, market, fair, signals, outcome) -> points.add(new BacktestPoint(card.cardId(),
						category, card.day(i), market, fair, (signals != null) ? SIGNALS[signals[0]] : null, outcome)));
		return points;
	}

	/**
	 * The scored points with one window for every series, for plots and reports.
	 * @param series the cards
	 * @param fairPrices per series, fair price per day
	 * @param window the scored days
	 * @param rule signal thresholds
	 * @param horizonDays outcome horizon
	 * @return every scorable point (also those without a fair price)
	 */
	public static List<BacktestPoint> points(List<CardSeries> series, List<double[]> fairPrices,
			EvaluationWindow window, SignalRule rule, int horizonDays) {
		return points(forecasts(series, fairPrices), Collections.nCopies(series.size(), window), rule, horizonDays);
	}

	private static List<SeriesForecast> forecasts(List<CardSeries> series, List<double[]> fairPrices) {
		if (series.size() != fairPrices.size()) {
			throw new IllegalArgumentException("one fair-price array per series is needed");
		}
		List<SeriesForecast> forecasts = new ArrayList<>(series.size());
		for (int s = 0; s < series.size(); s++) {
			forecasts.add(new SeriesForecast(series.get(s), fairPrices.get(s), null));
		}
		return forecasts;
	}

	private static void forEachPoint(List<SeriesForecast> forecasts, List<EvaluationWindow> windows,
			List<SignalRule> rules, int horizonDays, PointSink sink) {
		SignalRule[] ruleArray = rules.toArray(SignalRule[]::new);
		boolean anyDispersionRule = false;
		for (SignalRule rule : ruleArray) {
			Objects.requireNonNull(rule, "'rule' must not be null");
			anyDispersionRule |= rule.unit() == SignalUnit.DISPERSION;
		}
		if (forecasts.size() != windows.size()) {
			throw new IllegalArgumentException("one window per series is needed");
		}
		// filled again for every point, which the sink reads before the next one
		int[] signals = new int[ruleArray.length];
		// a handful of categories across thousands of series: each key is made once
		Map<String, String> categoryKeys = new HashMap<>();
		for (int s = 0; s < forecasts.size(); s++) {
			EvaluationWindow window = windows.get(s);
			if (window == null) {
				continue;
			}
			SeriesForecast forecast = forecasts.get(s);
			CardSeries card = forecast.series();
			double[] usable = card.usable();
			double[] fair = forecast.fairPrices();
			double[] dispersion = forecast.dispersion();
			int from = Math.max(0, card.index(window.from()));
			int to = Math.min(card.length() - 1, card.index(window.to()));
			int cutoff = (int) Math.min(card.length() - 1L,
					window.outcomeCutoff().equals(LocalDate.MAX) ? Long.MAX_VALUE : card.index(window.outcomeCutoff()));
			String category = categoryKeys.computeIfAbsent(card.category(), Backtest::categoryKey);
			for (int i = from; i <= to; i++) {
				double market = usable[i];
				if (Double.isNaN(market)) {
					continue;
				}
				double fairPrice = fair[i];
				boolean hasFair = !Double.isNaN(fairPrice) && fairPrice > 0;
				if (hasFair) {
					double deviation = SignalRule.deviation(market, fairPrice);
					double strength = anyDispersionRule
							? SignalRule.strength(market, fairPrice, (dispersion != null) ? dispersion[i] : Double.NaN)
							: Double.NaN;
					for (int r = 0; r < ruleArray.length; r++) {
						signals[r] = ruleArray[r].classify(market, deviation, strength).ordinal();
					}
				}
				int outcomeIndex = i + horizonDays;
				double outcome = (outcomeIndex <= cutoff) ? usable[outcomeIndex] : Double.NaN;
				sink.accept(card, category, i, market, hasFair ? fairPrice : Double.NaN, hasFair ? signals : null,
						outcome);
			}
		}
	}

	/**
	 * The key a category is reported under: lower case, {@code [a-z0-9_]} only,
	 * {@code unknown} when absent.
	 * @param category the category
	 * @return the key
	 */
	public static String categoryKey(String category) {
		if (category == null || category.isBlank()) {
			return "unknown";
		}
		String key = category.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
		return key.isEmpty() ? "unknown" : key;
	}

	/**
	 * One series' forecasts.
	 *
	 * @param series the card
	 * @param fairPrices fair price per day, {@code NaN} where none
	 * @param dispersion the card's dispersion per day, {@code null} or {@code NaN} where
	 * unknown
	 */
	public record SeriesForecast(CardSeries series, double[] fairPrices, double[] dispersion) {

		public SeriesForecast {
			Objects.requireNonNull(series, "'series' must not be null");
			Objects.requireNonNull(fairPrices, "'fairPrices' must not be null");
		}

	}

	/**
	 * One scorable (card, day).
	 *
	 * @param cardId the card
	 * @param category its category key
	 * @param date the day
	 * @param market the usable market price
	 * @param fair the fair price, {@code NaN} when none
	 * @param signal the signal, {@code null} without a fair price
	 * @param outcome the usable price {@code horizon} days later, {@code NaN} when none
	 */
	public record BacktestPoint(String cardId, String category, LocalDate date, double market, double fair,
			Signal signal, double outcome) {

		/**
		 * Whether a fair price exists.
		 * @return {@code true} when scored
		 */
		public boolean scored() {
			return this.signal != null;
		}

	}

	/**
	 * Receives the scorable points as values: metrics over millions of points need no
	 * object per point.
	 */
	@FunctionalInterface
	private interface PointSink {

		/**
		 * Receives one point.
		 * @param signals per rule, the ordinal of the point's signal, {@code null}
		 * without a fair price; the array is reused for the next point
		 */
		void accept(CardSeries card, String category, int index, double market, double fair, int[] signals,
				double outcome);

	}

	/**
	 * Sums what every rule shares once: the fair-price errors, and per minimum signal
	 * price the outcomes, ups and downs of the tallies. Each rule counts only its own
	 * signals, and tallies only its BUY and SELL points: most points are HOLD, which
	 * differ between rules only in the signal count.
	 */
	private static final class Accumulator implements PointSink {

		// per rule
		private final double[] minSignalPrices;

		private final TallyCounters[] counts;

		private final long[][] signalCounts;

		// per rule, the index of its minimum price in bases
		private final int[] baseOf;

		// per distinct minimum signal price, the counts of every point at or above it
		private final double[] baseMinPrices;

		private final TallyCounters[] bases;

		private long points;

		private long scored;

		private double absPctSum;

		private double squaredSum;

		private long horizonPoints;

		private double horizonAbsPctSum;

		private double naiveHorizonAbsPctSum;

		private final Map<String, double[]> byCategory = new HashMap<>();

		// each category's index in every rule's category tallies
		private final Map<String, Integer> categoryIndex = new HashMap<>();

		private final List<String> categoryKeys = new ArrayList<>();

		// points come series by series: the previous point's category is usually this
		// one's
		private String lastCategory;

		private double[] lastCategoryMape;

		private int lastCategoryIndex;

		Accumulator(List<SignalRule> rules) {
			this.minSignalPrices = rules.stream().mapToDouble(SignalRule::minSignalPrice).toArray();
			this.counts = new TallyCounters[rules.size()];
			this.signalCounts = new long[rules.size()][Signal.values().length];
			this.baseOf = new int[rules.size()];
			List<Double> minPrices = new ArrayList<>();
			for (int r = 0; r < this.counts.length; r++) {
				this.counts[r] = new TallyCounters();
				double minPrice = rules.get(r).minSignalPrice();
				if (!minPrices.contains(minPrice)) {
					minPrices.add(minPrice);
				}
				this.baseOf[r] = minPrices.indexOf(minPrice);
			}
			this.baseMinPrices = minPrices.stream().mapToDouble(Double::doubleValue).toArray();
			this.bases = new TallyCounters[this.baseMinPrices.length];
			for (int b = 0; b < this.bases.length; b++) {
				this.bases[b] = new TallyCounters();
			}
		}

		@Override
		public void accept(CardSeries card, String categoryKey, int index, double market, double fair, int[] signals,
				double outcome) {
			this.points++;
			if (signals == null) {
				return;
			}
			this.scored++;
			double error = fair - market;
			double absPct = Math.abs(error) / market * 100;
			this.absPctSum += absPct;
			this.squaredSum += error * error;
			if (!categoryKey.equals(this.lastCategory)) {
				this.lastCategory = categoryKey;
				this.lastCategoryMape = this.byCategory.computeIfAbsent(categoryKey, (key) -> new double[2]);
				// no computeIfAbsent here: its lambda captures this accumulator, and
				// allocating it at each change of category showed in profiles
				Integer known = this.categoryIndex.get(categoryKey);
				if (known == null) {
					known = this.categoryKeys.size();
					this.categoryKeys.add(categoryKey);
					this.categoryIndex.put(categoryKey, known);
				}
				this.lastCategoryIndex = known;
			}
			double[] category = this.lastCategoryMape;
			category[0] += absPct;
			category[1]++;
			if (!Double.isNaN(outcome)) {
				this.horizonPoints++;
				this.horizonAbsPctSum += Math.abs(fair - outcome) / outcome * 100;
				this.naiveHorizonAbsPctSum += Math.abs(market - outcome) / outcome * 100;
			}
			int band = PriceBand.of(market).ordinal();
			for (int b = 0; b < this.bases.length; b++) {
				if (market >= this.baseMinPrices[b]) {
					this.bases[b].add(Signal.HOLD, market, outcome, band, this.lastCategoryIndex);
				}
			}
			for (int r = 0; r < this.counts.length; r++) {
				int signal = signals[r];
				this.signalCounts[r][signal]++;
				if (signal != HOLD && market >= this.minSignalPrices[r]) {
					this.counts[r].add(SIGNALS[signal], market, outcome, band, this.lastCategoryIndex);
				}
			}
		}

		List<BacktestMetrics> results() {
			Map<String, Double> mapeByCategory = new HashMap<>();
			this.byCategory.forEach((key, sums) -> mapeByCategory.put(key, sums[0] / sums[1]));
			List<BacktestMetrics> results = new ArrayList<>(this.counts.length);
			for (int r = 0; r < this.counts.length; r++) {
				results.add(result(this.bases[this.baseOf[r]], this.counts[r], this.signalCounts[r], mapeByCategory));
			}
			return results;
		}

		private BacktestMetrics result(TallyCounters base, TallyCounters counts, long[] signals,
				Map<String, Double> mapeByCategory) {
			// a group is published when a point at or above the minimum price fell in it
			Map<String, SignalTally> groups = new TreeMap<>();
			for (PriceBand band : PriceBand.values()) {
				SignalTally.Counter counter = base.bands[band.ordinal()];
				if (counter != null) {
					groups.put(band.key(), counter.tally(counts.bands[band.ordinal()]));
				}
			}
			for (int c = 0; c < this.categoryKeys.size(); c++) {
				SignalTally.Counter counter = base.categoryOrNull(c);
				if (counter != null) {
					SignalTally.Counter signalCounter = counts.categoryOrNull(c);
					groups.put("cat_" + this.categoryKeys.get(c), counter.tally(signalCounter));
				}
			}
			Map<String, SignalTally> tallies = new LinkedHashMap<>(groups);
			SignalTally tally = base.all.tally(counts.all);
			double baseUp = ratio(tally.ups(), tally.outcomes());
			double baseDown = ratio(tally.downs(), tally.outcomes());
			long signalOutcomes = tally.buyOutcomes() + tally.sellOutcomes();
			double signalHitRate = ratio(tally.buyHits() + tally.sellHits(), signalOutcomes);
			double expected = (signalOutcomes > 0)
					? (tally.buyOutcomes() * baseUp + tally.sellOutcomes() * baseDown) / signalOutcomes : Double.NaN;
			return new BacktestMetrics(this.points, this.scored, ratio(this.absPctSum, this.scored),
					Math.sqrt(ratio(this.squaredSum, this.scored)), ratio(this.scored, this.points),
					ratio(signals[Signal.BUY.ordinal()], this.scored),
					ratio(signals[Signal.SELL.ordinal()], this.scored),
					ratio(signals[Signal.HOLD.ordinal()], this.scored), mapeByCategory, signals[Signal.BUY.ordinal()],
					signals[Signal.SELL.ordinal()], tally.outcomes(), tally.buyOutcomes(), tally.sellOutcomes(),
					tally.buyHits(), tally.sellHits(), ratio(tally.buyHits(), tally.buyOutcomes()),
					ratio(tally.sellHits(), tally.sellOutcomes()), baseUp, baseDown, signalHitRate,
					signalHitRate - expected, ratio(this.horizonAbsPctSum, this.horizonPoints),
					ratio(this.naiveHorizonAbsPctSum, this.horizonPoints), tallies);
		}

		private static double ratio(double numerator, double denominator) {
			return (denominator > 0) ? numerator / denominator : Double.NaN;
		}

	}

	/**
	 * Tally counters of all points, per price band and per category.
	 */
	private static final class TallyCounters {

		final SignalTally.Counter all = new SignalTally.Counter();

		// per price band ordinal, created at the band's first point
		final SignalTally.Counter[] bands = new SignalTally.Counter[PriceBand.values().length];

		// per category index of the accumulator, created at the category's first point;
		// an array, as a list's bounds checks and resizing showed in profiles
		SignalTally.Counter[] categories = new SignalTally.Counter[8];

		void add(Signal signal, double market, double outcome, int band, int category) {
			this.all.add(signal, market, outcome);
			band(band).add(signal, market, outcome);
			category(category).add(signal, market, outcome);
		}

		SignalTally.Counter band(int ordinal) {
			SignalTally.Counter counter = this.bands[ordinal];
			if (counter == null) {
				counter = new SignalTally.Counter();
				this.bands[ordinal] = counter;
			}
			return counter;
		}

		SignalTally.Counter category(int index) {
			if (index >= this.categories.length) {
				this.categories = Arrays.copyOf(this.categories, Math.max(index + 1, this.categories.length * 2));
			}
			SignalTally.Counter counter = this.categories[index];
			if (counter == null) {
				counter = new SignalTally.Counter();
				this.categories[index] = counter;
			}
			return counter;
		}

		/**
		 * The counter of a category index, {@code null} when no point fell in it.
		 */
		SignalTally.Counter categoryOrNull(int index) {
			return (index < this.categories.length) ? this.categories[index] : null;
		}

	}

}
