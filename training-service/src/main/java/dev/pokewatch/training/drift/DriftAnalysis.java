package dev.pokewatch.training.drift;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.DoubleStream;

import dev.pokewatch.common.feature.CardSeries;
import dev.pokewatch.common.metrics.Backtest;
import dev.pokewatch.common.signal.Signal;
import dev.pokewatch.common.signal.SignalRule;
import dev.pokewatch.common.signal.SignalUnit;
import dev.pokewatch.training.params.TrainingParams;
import dev.pokewatch.training.system.ConsoleFormat;

/**
 * Computes the drift checks from the processed series and the served model: PSI per
 * category of daily log returns and of the deviation {@code (market - fair) / fair},
 * current window against reference window; the next-day MAPE of the last days against the
 * training MAPE; and the hit rate of the signals issued after the model's last training
 * day against the holdout's. Only usable prices (positive, not flagged as outliers)
 * count, as in training.
 */
final class DriftAnalysis {

	/** The PSI feature of daily log returns. */
	static final String RETURNS = "returns";

	/** The PSI feature of the deviation from fair price. */
	static final String DEVIATION = "deviation";

	private final TrainingParams.Drift params;

	DriftAnalysis(TrainingParams.Drift params) {
		this.params = params;
	}

	DriftReport run(List<CardSeries> series, ServedModel model) {
		LocalDate latest = series.stream()
			.map((card) -> card.day(card.length() - 1))
			.max(Comparator.naturalOrder())
			.orElseThrow(() -> new IllegalArgumentException("no series"));
		DriftReport.Window current = new DriftReport.Window(latest.minusDays(this.params.currentDays() - 1L), latest);
		DriftReport.Window reference = new DriftReport.Window(current.from().minusDays(this.params.referenceDays()),
				current.from().minusDays(1));
		DriftReport.Window live = new DriftReport.Window(latest.minusDays(this.params.liveErrorDays() - 1L), latest);
		Samples samples = new Samples();
		for (CardSeries card : series) {
			samples.add(card, model, reference, current, live);
		}
		DriftReport.Reasons reasons = new DriftReport.Reasons();
		Map<String, Map<String, DriftReport.CategoryPsi>> psi = new LinkedHashMap<>();
		psi.put(RETURNS, psi(RETURNS, samples.referenceReturns, samples.currentReturns, reasons));
		psi.put(DEVIATION, psi(DEVIATION, samples.referenceDeviations, samples.currentDeviations, reasons));
		DriftReport.LiveError liveError = liveError(samples, live, model, reasons);
		DriftReport.HitRate hitRate = hitRate(samples, model, reasons);
		DriftStatus status = DriftStatus.OK;
		for (Map<String, DriftReport.CategoryPsi> byCategory : psi.values()) {
			for (DriftReport.CategoryPsi value : byCategory.values()) {
				status = status.worse(value.status());
			}
		}
		status = status.worse(liveError.status()).worse(hitRate.status());
		return new DriftReport(status, reasons.list(), model.metadata().modelVersion(), latest, reference, current, psi,
				liveError, hitRate);
	}

	private Map<String, DriftReport.CategoryPsi> psi(String feature, Map<String, DoubleStream.Builder> referenceValues,
			Map<String, DoubleStream.Builder> currentValues, DriftReport.Reasons reasons) {
		Map<String, DriftReport.CategoryPsi> byCategory = new LinkedHashMap<>();
		TreeSet<String> categories = new TreeSet<>(referenceValues.keySet());
		categories.addAll(currentValues.keySet());
		for (String category : categories) {
			double[] ref = values(referenceValues.get(category));
			double[] cur = values(currentValues.get(category));
			if (ref.length < this.params.minPoints() || cur.length < this.params.minPoints()) {
				byCategory.put(category,
						new DriftReport.CategoryPsi(DriftStatus.INSUFFICIENT_DATA, null, 0, ref.length, cur.length));
				continue;
			}
			PopulationStabilityIndex.Result result = PopulationStabilityIndex.of(ref, cur, this.params.bins());
			DriftStatus status = DriftStatus.of(result.psi(), this.params.psiWarn(), this.params.psiDrift());
			reasons.add(status,
					String.format(Locale.ROOT, "PSI of %s in %s is %s (%s at %s)", feature, category,
							ConsoleFormat.number(result.psi()), status.id(), ConsoleFormat.number(
									(status == DriftStatus.DRIFT) ? this.params.psiDrift() : this.params.psiWarn())));
			byCategory.put(category, new DriftReport.CategoryPsi(status, result.psi(), result.bins(),
					result.referencePoints(), result.currentPoints()));
		}
		return byCategory;
	}

	private DriftReport.LiveError liveError(Samples samples, DriftReport.Window live, ServedModel model,
			DriftReport.Reasons reasons) {
		Double trainingMape = model.metric("mape");
		if (samples.livePoints < this.params.minPoints() || trainingMape == null || !(trainingMape > 0)) {
			Double mape = (samples.livePoints > 0) ? samples.liveAbsPctSum / samples.livePoints : null;
			return new DriftReport.LiveError(DriftStatus.INSUFFICIENT_DATA, live, samples.livePoints, mape,
					trainingMape, null);
		}
		double mape = samples.liveAbsPctSum / samples.livePoints;
		double ratio = mape / trainingMape;
		DriftStatus status = DriftStatus.of(ratio, this.params.liveMapeWarnRatio(), this.params.liveMapeDriftRatio());
		reasons.add(status,
				String.format(Locale.ROOT, "live MAPE of the last %d days is %s %%, %s x the training MAPE %s %%",
						this.params.liveErrorDays(), ConsoleFormat.number(mape), ConsoleFormat.number(ratio),
						ConsoleFormat.number(trainingMape)));
		return new DriftReport.LiveError(status, live, samples.livePoints, mape, trainingMape, ratio);
	}

	private DriftReport.HitRate hitRate(Samples samples, ServedModel model, DriftReport.Reasons reasons) {
		int horizon = model.horizonDays();
		Double holdout = model.metric("signal_hit_rate_" + horizon + "d");
		long outcomes = samples.buyOutcomes + samples.sellOutcomes;
		Double hitRate = ratio(samples.buyHits + samples.sellHits, outcomes);
		Double drop = (hitRate != null && holdout != null) ? holdout - hitRate : null;
		DriftStatus status = (drop == null || outcomes < this.params.minSignalOutcomes())
				? DriftStatus.INSUFFICIENT_DATA
				: DriftStatus.of(drop, this.params.hitRateWarnDrop(), this.params.hitRateDriftDrop());
		if (drop != null) {
			reasons.add(status,
					String.format(Locale.ROOT, "hit rate of %d live signals is %s, %s below the holdout's %s", outcomes,
							ConsoleFormat.number(hitRate), ConsoleFormat.number(drop), ConsoleFormat.number(holdout)));
		}
		return new DriftReport.HitRate(status, model.lastTrainedDay().plusDays(1), horizon, outcomes, hitRate, holdout,
				drop, samples.buyOutcomes, ratio(samples.buyHits, samples.buyOutcomes), samples.sellOutcomes,
				ratio(samples.sellHits, samples.sellOutcomes));
	}

	private static Double ratio(long part, long whole) {
		return (whole > 0) ? (double) part / whole : null;
	}

	private static double[] values(DoubleStream.Builder builder) {
		return (builder != null) ? builder.build().toArray() : new double[0];
	}

	/**
	 * The values the checks read, gathered in one pass over each series.
	 */
	private static final class Samples {

		final Map<String, DoubleStream.Builder> referenceReturns = new TreeMap<>();

		final Map<String, DoubleStream.Builder> currentReturns = new TreeMap<>();

		final Map<String, DoubleStream.Builder> referenceDeviations = new TreeMap<>();

		final Map<String, DoubleStream.Builder> currentDeviations = new TreeMap<>();

		long livePoints;

		double liveAbsPctSum;

		long buyOutcomes;

		long buyHits;

		long sellOutcomes;

		long sellHits;

		void add(CardSeries card, ServedModel model, DriftReport.Window reference, DriftReport.Window current,
				DriftReport.Window live) {
			String category = Backtest.categoryKey(card.category());
			double[] usable = card.usable();
			double[] fair = model.fairPrice().fairPrices(usable);
			double[] dispersion = (model.signal().unit() == SignalUnit.DISPERSION) ? model.dispersion().of(usable)
					: null;
			int horizon = model.horizonDays();
			for (int i = 0; i < usable.length; i++) {
				double market = usable[i];
				if (!(market > 0)) {
					continue;
				}
				LocalDate day = card.day(i);
				boolean inReference = reference.contains(day);
				boolean inCurrent = current.contains(day);
				if ((inReference || inCurrent) && i > 0 && usable[i - 1] > 0) {
					add(inReference ? this.referenceReturns : this.currentReturns, category,
							Math.log(market / usable[i - 1]));
				}
				if (!(fair[i] > 0)) {
					continue;
				}
				if (inReference || inCurrent) {
					add(inReference ? this.referenceDeviations : this.currentDeviations, category,
							SignalRule.deviation(market, fair[i]));
				}
				if (live.contains(day)) {
					this.livePoints++;
					this.liveAbsPctSum += Math.abs(fair[i] - market) / market * 100;
				}
				if (day.isAfter(model.lastTrainedDay()) && i + horizon < usable.length && usable[i + horizon] > 0) {
					outcome(model.signal().signal(market, fair[i], (dispersion != null) ? dispersion[i] : Double.NaN),
							market, usable[i + horizon]);
				}
			}
		}

		private void outcome(Signal signal, double market, double later) {
			if (signal == Signal.BUY) {
				this.buyOutcomes++;
				this.buyHits += (later > market) ? 1 : 0;
			}
			else if (signal == Signal.SELL) {
				this.sellOutcomes++;
				this.sellHits += (later < market) ? 1 : 0;
			}
		}

		private static void add(Map<String, DoubleStream.Builder> values, String category, double value) {
			values.computeIfAbsent(category, (key) -> DoubleStream.builder()).add(value);
		}

	}

}
