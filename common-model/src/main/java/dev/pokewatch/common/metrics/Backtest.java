package dev.pokewatch.common.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
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
		Accumulator acc = new Accumulator(rule.minSignalPrice());
		forEachPoint(forecasts, windows, rule, horizonDays, acc);
		return acc.result();
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
		forEachPoint(forecasts, windows, rule, horizonDays, (card, category, i, market, fair, signal, outcome) -> points
			.add(new BacktestPoint(card.cardId(), category, card.day(i), market, fair, signal, outcome)));
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

	private static void forEachPoint(List<SeriesForecast> forecasts, List<EvaluationWindow> windows, SignalRule rule,
			int horizonDays, PointSink sink) {
		Objects.requireNonNull(rule, "'rule' must not be null");
		if (forecasts.size() != windows.size()) {
			throw new IllegalArgumentException("one window per series is needed");
		}
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
			String category = categoryKey(card.category());
			for (int i = from; i <= to; i++) {
				double market = usable[i];
				if (Double.isNaN(market)) {
					continue;
				}
				double fairPrice = fair[i];
				boolean hasFair = !Double.isNaN(fairPrice) && fairPrice > 0;
				Signal signal = hasFair
						? rule.signal(market, fairPrice, (dispersion != null) ? dispersion[i] : Double.NaN) : null;
				int outcomeIndex = i + horizonDays;
				double outcome = (outcomeIndex <= cutoff) ? usable[outcomeIndex] : Double.NaN;
				sink.accept(card, category, i, market, hasFair ? fairPrice : Double.NaN, signal, outcome);
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

		void accept(CardSeries card, String category, int index, double market, double fair, Signal signal,
				double outcome);

	}

	private static final class Accumulator implements PointSink {

		private final double minSignalPrice;

		private long points;

		private long scored;

		private double absPctSum;

		private double squaredSum;

		private long horizonPoints;

		private double horizonAbsPctSum;

		private double naiveHorizonAbsPctSum;

		private final long[] signals = new long[Signal.values().length];

		private final Map<String, double[]> byCategory = new HashMap<>();

		private final SignalTally.Counter all = new SignalTally.Counter();

		private final Map<PriceBand, SignalTally.Counter> bands = new EnumMap<>(PriceBand.class);

		private final Map<String, SignalTally.Counter> categories = new HashMap<>();

		// points come series by series: the previous point's category is usually this
		// one's
		private String lastCategory;

		private double[] lastCategoryMape;

		private SignalTally.Counter lastCategoryTally;

		Accumulator(double minSignalPrice) {
			this.minSignalPrice = minSignalPrice;
		}

		@Override
		public void accept(CardSeries card, String categoryKey, int index, double market, double fair, Signal signal,
				double outcome) {
			this.points++;
			if (signal == null) {
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
				this.lastCategoryTally = this.categories.computeIfAbsent(categoryKey,
						(key) -> new SignalTally.Counter());
			}
			double[] category = this.lastCategoryMape;
			category[0] += absPct;
			category[1]++;
			this.signals[signal.ordinal()]++;
			if (!Double.isNaN(outcome)) {
				this.horizonPoints++;
				this.horizonAbsPctSum += Math.abs(fair - outcome) / outcome * 100;
				this.naiveHorizonAbsPctSum += Math.abs(market - outcome) / outcome * 100;
			}
			if (market < this.minSignalPrice) {
				return;
			}
			this.all.add(signal, market, outcome);
			this.bands.computeIfAbsent(PriceBand.of(market), (band) -> new SignalTally.Counter())
				.add(signal, market, outcome);
			this.lastCategoryTally.add(signal, market, outcome);
		}

		BacktestMetrics result() {
			Map<String, Double> mapeByCategory = new HashMap<>();
			this.byCategory.forEach((key, sums) -> mapeByCategory.put(key, sums[0] / sums[1]));
			Map<String, SignalTally> groups = new TreeMap<>();
			this.bands.forEach((band, counter) -> groups.put(band.key(), counter.tally()));
			// a category whose points were all under the minimum price has no tally
			this.categories.forEach((key, counter) -> {
				if (counter.counted) {
					groups.put("cat_" + key, counter.tally());
				}
			});
			Map<String, SignalTally> tallies = new LinkedHashMap<>(groups);
			SignalTally tally = this.all.tally();
			double baseUp = ratio(tally.ups(), tally.outcomes());
			double baseDown = ratio(tally.downs(), tally.outcomes());
			long signalOutcomes = tally.buyOutcomes() + tally.sellOutcomes();
			double signalHitRate = ratio(tally.buyHits() + tally.sellHits(), signalOutcomes);
			double expected = (signalOutcomes > 0)
					? (tally.buyOutcomes() * baseUp + tally.sellOutcomes() * baseDown) / signalOutcomes : Double.NaN;
			return new BacktestMetrics(this.points, this.scored, ratio(this.absPctSum, this.scored),
					Math.sqrt(ratio(this.squaredSum, this.scored)), ratio(this.scored, this.points),
					ratio(this.signals[Signal.BUY.ordinal()], this.scored),
					ratio(this.signals[Signal.SELL.ordinal()], this.scored),
					ratio(this.signals[Signal.HOLD.ordinal()], this.scored), mapeByCategory,
					this.signals[Signal.BUY.ordinal()], this.signals[Signal.SELL.ordinal()], tally.outcomes(),
					tally.buyOutcomes(), tally.sellOutcomes(), tally.buyHits(), tally.sellHits(),
					ratio(tally.buyHits(), tally.buyOutcomes()), ratio(tally.sellHits(), tally.sellOutcomes()), baseUp,
					baseDown, signalHitRate, signalHitRate - expected, ratio(this.horizonAbsPctSum, this.horizonPoints),
					ratio(this.naiveHorizonAbsPctSum, this.horizonPoints), tallies);
		}

		private static double ratio(double numerator, double denominator) {
			return (denominator > 0) ? numerator / denominator : Double.NaN;
		}

	}

}
