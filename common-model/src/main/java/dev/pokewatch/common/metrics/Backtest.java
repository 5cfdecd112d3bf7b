package dev.pokewatch.common.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.pokewatch.common.feature.CardSeries;
import dev.pokewatch.common.signal.Signal;
import dev.pokewatch.common.signal.SignalRule;

/**
 * Scores fair prices against the market price of the same day (a next-day backtest when
 * the fair prices come from a {@link dev.pokewatch.common.fair.FairPriceRule}, which uses
 * earlier days only) and scores the resulting signals against the price
 * {@code horizonDays} later.
 *
 * <p>
 * Only usable market prices are scored: missing, zero, negative and flagged prices are
 * neither scored nor used as outcomes. A BUY hits when the outcome price is higher than
 * the day's price, a SELL when it is lower.
 *
 * @since 0.1.0
 */
public final class Backtest {

	private Backtest() {
	}

	/**
	 * Computes the metrics.
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
		Accumulator acc = new Accumulator();
		forEachPoint(series, fairPrices, window, rule, horizonDays, acc);
		return acc.result();
	}

	/**
	 * The scored points, for plots and reports.
	 * @param series the cards
	 * @param fairPrices per series, fair price per day
	 * @param window the scored days
	 * @param rule signal thresholds
	 * @param horizonDays outcome horizon
	 * @return every scorable point (also those without a fair price)
	 */
	public static List<BacktestPoint> points(List<CardSeries> series, List<double[]> fairPrices,
			EvaluationWindow window, SignalRule rule, int horizonDays) {
		List<BacktestPoint> points = new ArrayList<>();
		forEachPoint(series, fairPrices, window, rule, horizonDays,
				(card, category, i, market, fair, signal, outcome) -> points
					.add(new BacktestPoint(card.cardId(), category, card.day(i), market, fair, signal, outcome)));
		return points;
	}

	private static void forEachPoint(List<CardSeries> series, List<double[]> fairPrices, EvaluationWindow window,
			SignalRule rule, int horizonDays, PointSink sink) {
		Objects.requireNonNull(rule, "'rule' must not be null");
		if (series.size() != fairPrices.size()) {
			throw new IllegalArgumentException("one fair-price array per series is needed");
		}
		for (int s = 0; s < series.size(); s++) {
			CardSeries card = series.get(s);
			double[] usable = card.usable();
			double[] fair = fairPrices.get(s);
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
				Signal signal = hasFair ? rule.signal(market, fairPrice) : null;
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

		private long points;

		private long scored;

		private double absPctSum;

		private double squaredSum;

		private final long[] signals = new long[Signal.values().length];

		private final Map<String, double[]> byCategory = new HashMap<>();

		private long outcomes;

		private long ups;

		private long downs;

		private long buyOutcomes;

		private long buyHits;

		private long sellOutcomes;

		private long sellHits;

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
			double[] category = this.byCategory.computeIfAbsent(categoryKey, (key) -> new double[2]);
			category[0] += absPct;
			category[1]++;
			this.signals[signal.ordinal()]++;
			if (Double.isNaN(outcome)) {
				return;
			}
			this.outcomes++;
			boolean up = outcome > market;
			boolean down = outcome < market;
			this.ups += up ? 1 : 0;
			this.downs += down ? 1 : 0;
			if (signal == Signal.BUY) {
				this.buyOutcomes++;
				this.buyHits += up ? 1 : 0;
			}
			else if (signal == Signal.SELL) {
				this.sellOutcomes++;
				this.sellHits += down ? 1 : 0;
			}
		}

		BacktestMetrics result() {
			Map<String, Double> mapeByCategory = new HashMap<>();
			this.byCategory.forEach((key, sums) -> mapeByCategory.put(key, sums[0] / sums[1]));
			double baseUp = ratio(this.ups, this.outcomes);
			double baseDown = ratio(this.downs, this.outcomes);
			long signalOutcomes = this.buyOutcomes + this.sellOutcomes;
			double signalHitRate = ratio(this.buyHits + this.sellHits, signalOutcomes);
			double expected = (signalOutcomes > 0)
					? (this.buyOutcomes * baseUp + this.sellOutcomes * baseDown) / signalOutcomes : Double.NaN;
			return new BacktestMetrics(this.points, this.scored, ratio(this.absPctSum, this.scored),
					Math.sqrt(ratio(this.squaredSum, this.scored)), ratio(this.scored, this.points),
					ratio(this.signals[Signal.BUY.ordinal()], this.scored),
					ratio(this.signals[Signal.SELL.ordinal()], this.scored),
					ratio(this.signals[Signal.HOLD.ordinal()], this.scored), mapeByCategory,
					this.signals[Signal.BUY.ordinal()], this.signals[Signal.SELL.ordinal()], this.outcomes,
					this.buyOutcomes, this.sellOutcomes, this.buyHits, this.sellHits,
					ratio(this.buyHits, this.buyOutcomes), ratio(this.sellHits, this.sellOutcomes), baseUp, baseDown,
					signalHitRate, signalHitRate - expected);
		}

		private static double ratio(double numerator, double denominator) {
			return (denominator > 0) ? numerator / denominator : Double.NaN;
		}

	}

}
