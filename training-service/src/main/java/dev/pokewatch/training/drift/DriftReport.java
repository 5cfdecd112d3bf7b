package dev.pokewatch.training.drift;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pokewatch.training.params.TrainingParams;

/**
 * What {@code drift} found, and its layout in {@code reports/drift.json} (keys in
 * docs/model.md).
 *
 * @param status the overall status: the worst check's
 * @param reasons one line per check past a threshold, worst first
 * @param modelVersion the served model's version
 * @param latestDay the last day of the processed data
 * @param reference the reference window
 * @param current the current window
 * @param psi per feature ({@code returns}, {@code deviation}), per category, the PSI
 * @param liveError the served rule's recent next-day error
 * @param hitRate the signals' hit rate since the model's last training day
 */
record DriftReport(DriftStatus status, List<String> reasons, String modelVersion, LocalDate latestDay, Window reference,
		Window current, Map<String, Map<String, CategoryPsi>> psi, LiveError liveError, HitRate hitRate) {

	DriftReport {
		reasons = List.copyOf(reasons);
	}

	/**
	 * The largest PSI of any feature and category.
	 * @return the PSI, or {@code null} when none was computed
	 */
	Double maxPsi() {
		return this.psi.values()
			.stream()
			.flatMap((byCategory) -> byCategory.values().stream())
			.map(CategoryPsi::psi)
			.filter((value) -> value != null)
			.max(Double::compare)
			.orElse(null);
	}

	/**
	 * The JSON document.
	 * @param thresholds the thresholds applied, recorded next to the results
	 * @param generatedAt when the check ran
	 * @return keys in a stable order
	 */
	Map<String, Object> toJson(TrainingParams.Drift thresholds, Instant generatedAt) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("status", this.status.id());
		json.put("reasons", this.reasons);
		json.put("generated_at", generatedAt.toString());
		json.put("model_version", this.modelVersion);
		json.put("latest_day", this.latestDay.toString());
		json.put("reference_window", this.reference.toJson());
		json.put("current_window", this.current.toJson());
		json.put("max_psi", finite(maxPsi()));
		Map<String, Object> psiJson = new LinkedHashMap<>();
		this.psi.forEach((feature, byCategory) -> {
			Map<String, Object> categories = new LinkedHashMap<>();
			byCategory.forEach((category, value) -> categories.put(category, value.toJson()));
			psiJson.put(feature, categories);
		});
		json.put("psi", psiJson);
		json.put("live_error", this.liveError.toJson());
		json.put("hit_rate", this.hitRate.toJson());
		Map<String, Object> limits = new LinkedHashMap<>();
		limits.put("bins", thresholds.bins());
		limits.put("min_points", thresholds.minPoints());
		limits.put("psi_warn", thresholds.psiWarn());
		limits.put("psi_drift", thresholds.psiDrift());
		limits.put("live_mape_warn_ratio", thresholds.liveMapeWarnRatio());
		limits.put("live_mape_drift_ratio", thresholds.liveMapeDriftRatio());
		limits.put("min_signal_outcomes", thresholds.minSignalOutcomes());
		limits.put("hit_rate_warn_drop", thresholds.hitRateWarnDrop());
		limits.put("hit_rate_drift_drop", thresholds.hitRateDriftDrop());
		json.put("thresholds", limits);
		return json;
	}

	/** JSON has no NaN: a missing or non-finite number is written as null. */
	static Double finite(Double value) {
		return (value != null && Double.isFinite(value)) ? value : null;
	}

	/**
	 * Days from {@code from} to {@code to}, both included.
	 *
	 * @param from the first day
	 * @param to the last day
	 */
	record Window(LocalDate from, LocalDate to) {

		boolean contains(LocalDate day) {
			return !day.isBefore(this.from) && !day.isAfter(this.to);
		}

		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("from", this.from.toString());
			json.put("to", this.to.toString());
			return json;
		}

	}

	/**
	 * One category's PSI.
	 *
	 * @param status its status
	 * @param psi the index, {@code null} with too few values in a window
	 * @param bins the bins it was computed on, 0 when not computed
	 * @param referencePoints values in the reference window
	 * @param currentPoints values in the current window
	 */
	record CategoryPsi(DriftStatus status, Double psi, int bins, int referencePoints, int currentPoints) {

		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("status", this.status.id());
			json.put("psi", finite(this.psi));
			json.put("bins", this.bins);
			json.put("reference_points", this.referencePoints);
			json.put("current_points", this.currentPoints);
			return json;
		}

	}

	/**
	 * The served rule's next-day error over the last days.
	 *
	 * @param status its status
	 * @param window the days measured
	 * @param points (card, day) points with a market and a fair price
	 * @param mape the live MAPE, percent
	 * @param trainingMape the holdout MAPE the model was trained with, percent
	 * @param ratio {@code mape / trainingMape}
	 */
	record LiveError(DriftStatus status, Window window, long points, Double mape, Double trainingMape, Double ratio) {

		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("status", this.status.id());
			json.put("from", this.window.from().toString());
			json.put("to", this.window.to().toString());
			json.put("points", this.points);
			json.put("mape", finite(this.mape));
			json.put("training_mape", finite(this.trainingMape));
			json.put("ratio", finite(this.ratio));
			return json;
		}

	}

	/**
	 * The hit rate of the signals issued after the model's last training day, whose
	 * outcome is known.
	 *
	 * @param status its status
	 * @param since the first day counted
	 * @param horizonDays how many days after a signal its outcome is read
	 * @param outcomes BUY+SELL signals with an outcome
	 * @param hitRate their hit rate
	 * @param holdoutHitRate the holdout's hit rate, from the model's metrics
	 * @param drop {@code holdoutHitRate - hitRate}
	 * @param buyOutcomes BUY signals with an outcome
	 * @param buyHitRate their hit rate
	 * @param sellOutcomes SELL signals with an outcome
	 * @param sellHitRate their hit rate
	 */
	record HitRate(DriftStatus status, LocalDate since, int horizonDays, long outcomes, Double hitRate,
			Double holdoutHitRate, Double drop, long buyOutcomes, Double buyHitRate, long sellOutcomes,
			Double sellHitRate) {

		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("status", this.status.id());
			json.put("since", this.since.toString());
			json.put("horizon_days", this.horizonDays);
			json.put("signal_outcomes", this.outcomes);
			json.put("hit_rate", finite(this.hitRate));
			json.put("holdout_hit_rate", finite(this.holdoutHitRate));
			json.put("drop", finite(this.drop));
			json.put("buy_outcomes", this.buyOutcomes);
			json.put("buy_hit_rate", finite(this.buyHitRate));
			json.put("sell_outcomes", this.sellOutcomes);
			json.put("sell_hit_rate", finite(this.sellHitRate));
			return json;
		}

	}

	/**
	 * Collects the reasons of a report, worst first.
	 */
	static final class Reasons {

		private final List<String> drift = new ArrayList<>();

		private final List<String> warn = new ArrayList<>();

		void add(DriftStatus status, String reason) {
			if (status == DriftStatus.DRIFT) {
				this.drift.add(reason);
			}
			else if (status == DriftStatus.WARN) {
				this.warn.add(reason);
			}
		}

		List<String> list() {
			List<String> all = new ArrayList<>(this.drift);
			all.addAll(this.warn);
			return all;
		}

	}

}
