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
import java.util.function.IntPredicate;

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

	private static final int BUY = Signal.BUY.ordinal();

	private static final int SELL = Signal.SELL.ordinal();

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
		RuleThresholds thresholds = RuleThresholds.of(rules);
		boolean anyDispersionRule = rules.stream().anyMatch((rule) -> rule.unit() == SignalUnit.DISPERSION);
		if (forecasts.size() != windows.size()) {
			throw new IllegalArgumentException("one window per series is needed");
		}
		// filled again for every point, which the sink reads before the next one
		int[] signals = new int[rules.size()];
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
					thresholds.classify(market, deviation, strength, signals);
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
	 * The signal rules' thresholds in primitive arrays, classifying a point by every rule
	 * as {@link SignalRule#classify} does: the point walk classifies millions of points
	 * by each rule, and reading arrays took a third less time than calling each rule.
	 *
	 * @param percent per rule, whether it reads the deviation (else the strength)
	 * @param minPrices per rule, the minimum signal price
	 * @param buyAt per rule, BUY at or above this (minus the deviation, or the strength)
	 * @param sellAt per rule, SELL at or below this
	 */
	private record RuleThresholds(boolean[] percent, double[] minPrices, double[] buyAt, double[] sellAt) {

		static RuleThresholds of(List<SignalRule> rules) {
			int count = rules.size();
			RuleThresholds thresholds = new RuleThresholds(new boolean[count], new double[count], new double[count],
					new double[count]);
			for (int r = 0; r < count; r++) {
				SignalRule rule = Objects.requireNonNull(rules.get(r), "'rule' must not be null");
				thresholds.percent[r] = rule.unit() == SignalUnit.PERCENT;
				thresholds.minPrices[r] = rule.minSignalPrice();
				// a percent rule buys at deviation <= -buy, i.e. -deviation >= buy, and
				// sells at deviation >= sell, i.e. -deviation <= -sell (negation is
				// exact)
				thresholds.buyAt[r] = rule.buyThreshold();
				thresholds.sellAt[r] = -rule.sellThreshold();
			}
			return thresholds;
		}

		void classify(double market, double deviation, double strength, int[] signals) {
			for (int r = 0; r < signals.length; r++) {
				double x = this.percent[r] ? -deviation : strength;
				if (market < this.minPrices[r]) {
					signals[r] = HOLD;
				}
				else if (x >= this.buyAt[r]) {
					signals[r] = BUY;
				}
				else {
					signals[r] = (x <= this.sellAt[r]) ? SELL : HOLD;
				}
			}
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
	 * price the outcomes, ups and downs of the tallies. Each rule counts only its own BUY
	 * and SELL points: most points are HOLD, which differ between rules only in the
	 * signal count ({@code scored} minus the rule's BUY and SELL). Tallies are kept per
	 * cell (category and price band) in flat arrays and summed into the published groups
	 * (all, each band, each category) at the end: one increment per point instead of
	 * three counter objects.
	 */
	private static final class Accumulator implements PointSink {

		private static final int BANDS = PriceBand.values().length;

		// base cell fields: every point at or above the minimum price, and its outcomes
		private static final int POINTS = 0;

		private static final int OUTCOMES = 1;

		private static final int UPS = 2;

		private static final int DOWNS = 3;

		private static final int BASE_FIELDS = 4;

		// rule cell fields: the rule's BUY and SELL points
		private static final int BUYS = 0;

		private static final int SELLS = 1;

		private static final int BUY_OUTCOMES = 2;

		private static final int BUY_HITS = 3;

		private static final int SELL_OUTCOMES = 4;

		private static final int SELL_HITS = 5;

		private static final int RULE_FIELDS = 6;

		// per rule
		private final double[] minSignalPrices;

		private final long[][] ruleCells;

		// per rule, the index of its minimum price in baseCells
		private final int[] baseOf;

		// per distinct minimum signal price, the counts of every point at or above it
		private final double[] baseMinPrices;

		private final long[][] baseCells;

		// cells allocated per array: categories times bands
		private int cellCapacity = 8 * BANDS;

		private long points;

		private long scored;

		private double absPctSum;

		private double squaredSum;

		private long horizonPoints;

		private double horizonAbsPctSum;

		private double naiveHorizonAbsPctSum;

		private final Map<String, double[]> byCategory = new HashMap<>();

		// each category's index in the cells
		private final Map<String, Integer> categoryIndex = new HashMap<>();

		private final List<String> categoryKeys = new ArrayList<>();

		// points come series by series: the previous point's category is usually this
		// one's
		private String lastCategory;

		private double[] lastCategoryMape;

		private int lastCategoryIndex;

		Accumulator(List<SignalRule> rules) {
			this.minSignalPrices = rules.stream().mapToDouble(SignalRule::minSignalPrice).toArray();
			this.ruleCells = new long[rules.size()][this.cellCapacity * RULE_FIELDS];
			this.baseOf = new int[rules.size()];
			List<Double> minPrices = new ArrayList<>();
			for (int r = 0; r < rules.size(); r++) {
				double minPrice = rules.get(r).minSignalPrice();
				if (!minPrices.contains(minPrice)) {
					minPrices.add(minPrice);
				}
				this.baseOf[r] = minPrices.indexOf(minPrice);
			}
			this.baseMinPrices = minPrices.stream().mapToDouble(Double::doubleValue).toArray();
			this.baseCells = new long[this.baseMinPrices.length][this.cellCapacity * BASE_FIELDS];
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
				switchCategory(categoryKey);
			}
			double[] category = this.lastCategoryMape;
			category[0] += absPct;
			category[1]++;
			boolean hasOutcome = !Double.isNaN(outcome);
			if (hasOutcome) {
				this.horizonPoints++;
				this.horizonAbsPctSum += Math.abs(fair - outcome) / outcome * 100;
				this.naiveHorizonAbsPctSum += Math.abs(market - outcome) / outcome * 100;
			}
			int up = (outcome > market) ? 1 : 0;
			int down = (outcome < market) ? 1 : 0;
			int cell = this.lastCategoryIndex * BANDS + PriceBand.of(market).ordinal();
			for (int b = 0; b < this.baseCells.length; b++) {
				if (market >= this.baseMinPrices[b]) {
					long[] base = this.baseCells[b];
					int at = cell * BASE_FIELDS;
					base[at + POINTS]++;
					if (hasOutcome) {
						base[at + OUTCOMES]++;
						base[at + UPS] += up;
						base[at + DOWNS] += down;
					}
				}
			}
			for (int r = 0; r < signals.length; r++) {
				int signal = signals[r];
				if (signal == HOLD || market < this.minSignalPrices[r]) {
					continue;
				}
				long[] rule = this.ruleCells[r];
				int at = cell * RULE_FIELDS;
				if (signal == BUY) {
					rule[at + BUYS]++;
					if (hasOutcome) {
						rule[at + BUY_OUTCOMES]++;
						rule[at + BUY_HITS] += up;
					}
				}
				else {
					rule[at + SELLS]++;
					if (hasOutcome) {
						rule[at + SELL_OUTCOMES]++;
						rule[at + SELL_HITS] += down;
					}
				}
			}
		}

		private void switchCategory(String categoryKey) {
			this.lastCategory = categoryKey;
			this.lastCategoryMape = this.byCategory.computeIfAbsent(categoryKey, (key) -> new double[2]);
			// no computeIfAbsent here: its lambda captures this accumulator, and
			// allocating
			// it at each change of category showed in profiles
			Integer known = this.categoryIndex.get(categoryKey);
			if (known == null) {
				known = this.categoryKeys.size();
				this.categoryKeys.add(categoryKey);
				this.categoryIndex.put(categoryKey, known);
				if ((known + 1) * BANDS > this.cellCapacity) {
					this.cellCapacity *= 2;
					for (int b = 0; b < this.baseCells.length; b++) {
						this.baseCells[b] = Arrays.copyOf(this.baseCells[b], this.cellCapacity * BASE_FIELDS);
					}
					for (int r = 0; r < this.ruleCells.length; r++) {
						this.ruleCells[r] = Arrays.copyOf(this.ruleCells[r], this.cellCapacity * RULE_FIELDS);
					}
				}
			}
			this.lastCategoryIndex = known;
		}

		List<BacktestMetrics> results() {
			Map<String, Double> mapeByCategory = new HashMap<>();
			this.byCategory.forEach((key, sums) -> mapeByCategory.put(key, sums[0] / sums[1]));
			List<BacktestMetrics> results = new ArrayList<>(this.minSignalPrices.length);
			for (int r = 0; r < this.minSignalPrices.length; r++) {
				results.add(result(this.baseCells[this.baseOf[r]], this.ruleCells[r], mapeByCategory));
			}
			return results;
		}

		private BacktestMetrics result(long[] base, long[] rule, Map<String, Double> mapeByCategory) {
			int categories = this.categoryKeys.size();
			// a group is published when a point at or above the minimum price fell in it
			Map<String, SignalTally> groups = new TreeMap<>();
			for (PriceBand band : PriceBand.values()) {
				int b = band.ordinal();
				SignalTally tally = tally(base, rule, (c) -> c / BANDS < categories && c % BANDS == b);
				if (tally != null) {
					groups.put(band.key(), tally);
				}
			}
			for (int c = 0; c < categories; c++) {
				int category = c;
				SignalTally tally = tally(base, rule, (cell) -> cell / BANDS == category);
				if (tally != null) {
					groups.put("cat_" + this.categoryKeys.get(c), tally);
				}
			}
			Map<String, SignalTally> tallies = new LinkedHashMap<>(groups);
			SignalTally tally = tally(base, rule, (cell) -> cell / BANDS < categories);
			if (tally == null) {
				tally = new SignalTally(0, 0, 0, 0, 0, 0, 0, 0, 0);
			}
			long buys = tally.buySignals();
			long sells = tally.sellSignals();
			double baseUp = ratio(tally.ups(), tally.outcomes());
			double baseDown = ratio(tally.downs(), tally.outcomes());
			long signalOutcomes = tally.buyOutcomes() + tally.sellOutcomes();
			double signalHitRate = ratio(tally.buyHits() + tally.sellHits(), signalOutcomes);
			double expected = (signalOutcomes > 0)
					? (tally.buyOutcomes() * baseUp + tally.sellOutcomes() * baseDown) / signalOutcomes : Double.NaN;
			return new BacktestMetrics(this.points, this.scored, ratio(this.absPctSum, this.scored),
					Math.sqrt(ratio(this.squaredSum, this.scored)), ratio(this.scored, this.points),
					ratio(buys, this.scored), ratio(sells, this.scored), ratio(this.scored - buys - sells, this.scored),
					mapeByCategory, buys, sells, tally.outcomes(), tally.buyOutcomes(), tally.sellOutcomes(),
					tally.buyHits(), tally.sellHits(), ratio(tally.buyHits(), tally.buyOutcomes()),
					ratio(tally.sellHits(), tally.sellOutcomes()), baseUp, baseDown, signalHitRate,
					signalHitRate - expected, ratio(this.horizonAbsPctSum, this.horizonPoints),
					ratio(this.naiveHorizonAbsPctSum, this.horizonPoints), tallies);
		}

		/**
		 * The tally of the cells a group holds, {@code null} when no point at or above
		 * the minimum price fell in any of them.
		 */
		private SignalTally tally(long[] base, long[] rule, IntPredicate inGroup) {
			long points = 0;
			long[] sums = new long[BASE_FIELDS + RULE_FIELDS];
			int cells = this.categoryKeys.size() * BANDS;
			for (int cell = 0; cell < cells; cell++) {
				if (!inGroup.test(cell)) {
					continue;
				}
				points += base[cell * BASE_FIELDS + POINTS];
				for (int f = 0; f < BASE_FIELDS; f++) {
					sums[f] += base[cell * BASE_FIELDS + f];
				}
				for (int f = 0; f < RULE_FIELDS; f++) {
					sums[BASE_FIELDS + f] += rule[cell * RULE_FIELDS + f];
				}
			}
			if (points == 0) {
				return null;
			}
			return new SignalTally(sums[OUTCOMES], sums[UPS], sums[DOWNS], sums[BASE_FIELDS + BUYS],
					sums[BASE_FIELDS + SELLS], sums[BASE_FIELDS + BUY_OUTCOMES], sums[BASE_FIELDS + BUY_HITS],
					sums[BASE_FIELDS + SELL_OUTCOMES], sums[BASE_FIELDS + SELL_HITS]);
		}

		private static double ratio(double numerator, double denominator) {
			return (denominator > 0) ? numerator / denominator : Double.NaN;
		}

	}

}
