package dev.pokewatch.common.served;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.pokewatch.common.fair.FairPriceRule;
import dev.pokewatch.common.fair.FairPriceType;
import dev.pokewatch.common.fair.Trend;
import dev.pokewatch.common.signal.SignalRule;
import dev.pokewatch.common.signal.SignalUnit;

/**
 * {@code models/baseline/model_metadata.json}: what the trainer chose and measured, and
 * what the serving API needs to serve it. Field names follow the older Python system.
 *
 * @param modelType the fair-price statistic ({@code sma}, {@code ewma}, {@code median})
 * @param windowSize trailing window in calendar days
 * @param trainedAt ISO-8601 UTC instant of training
 * @param mlflowRunId the MLflow run, or {@code null} when tracking was skipped
 * @param mlflowExperimentId the MLflow experiment, or {@code null}
 * @param datasetPath the processed file the model was trained on
 * @param datasetSize number of evaluated (card, day) points
 * @param metrics evaluation metrics ({@code rmse, mape, coverage_rate, ...})
 * @param thresholds signal thresholds
 * @param modelVersion a version label unique per trained model
 * @param dataHash content hash of the training data (SHA-256 hex)
 * @param featuresFile file name, inside the model directory, of the features file served
 * @param cardsCount number of cards in the features file
 * @param trend how the fair price reads the trailing statistic ({@code reversion} or
 * {@code momentum}); metadata written before it existed reads as {@code reversion}
 * @param horizonDays how many days after a signal its outcome is read (the horizon of the
 * {@code *_7d} metrics); {@code null} in metadata written before it existed
 * @param championOnHoldout the champion of training time re-scored on this model's
 * holdout, so the quality gate compares both on the same days; {@code null} when there
 * was no champion or its rule could not be re-applied
 * @since 0.1.0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ModelMetadata(@JsonProperty("model_type") String modelType, @JsonProperty("window_size") int windowSize,
		@JsonProperty("trained_at") String trainedAt, @JsonProperty("mlflow_run_id") String mlflowRunId,
		@JsonProperty("mlflow_experiment_id") String mlflowExperimentId,
		@JsonProperty("dataset_path") String datasetPath, @JsonProperty("dataset_size") long datasetSize,
		@JsonProperty("metrics") Map<String, Double> metrics, @JsonProperty("thresholds") Thresholds thresholds,
		@JsonProperty("model_version") String modelVersion, @JsonProperty("data_hash") String dataHash,
		@JsonProperty("features_file") String featuresFile, @JsonProperty("cards_count") int cardsCount,
		@JsonProperty("trend") String trend, @JsonProperty("horizon_days") Integer horizonDays,
		@JsonProperty("champion_on_holdout") @JsonInclude(JsonInclude.Include.NON_NULL) ChampionScore championOnHoldout) {

	/** The metadata file name inside a model directory. */
	public static final String FILE_NAME = "model_metadata.json";

	/** The default features file name inside a model directory. */
	public static final String DEFAULT_FEATURES_FILE = "features.parquet";

	public ModelMetadata {
		Objects.requireNonNull(modelType, "'model_type' must not be null");
		Objects.requireNonNull(thresholds, "'thresholds' must not be null");
		Objects.requireNonNull(modelVersion, "'model_version' must not be null");
		metrics = (metrics != null) ? Map.copyOf(metrics) : Map.of();
		featuresFile = (featuresFile != null) ? featuresFile : DEFAULT_FEATURES_FILE;
		trend = (trend != null) ? trend : Trend.REVERSION.id();
	}

	/**
	 * The fair-price rule this metadata describes.
	 * @return the rule
	 * @throws IllegalArgumentException when the model type or trend is unknown or the
	 * window is not positive
	 */
	public FairPriceRule fairPriceRule() {
		return new FairPriceRule(FairPriceType.parse(this.modelType), this.windowSize, Trend.parse(this.trend));
	}

	/**
	 * A champion's rule re-scored on a candidate's holdout.
	 *
	 * @param modelVersion the champion's version
	 * @param rule the champion's rule, e.g. {@code ewma_14_momentum_z_3.0}
	 * @param metrics its holdout metrics, named as the candidate's
	 * @since 0.1.0
	 */
	public record ChampionScore(@JsonProperty("model_version") String modelVersion, @JsonProperty("rule") String rule,
			@JsonProperty("metrics") Map<String, Double> metrics) {

		public ChampionScore {
			Objects.requireNonNull(modelVersion, "'model_version' must not be null");
			metrics = (metrics != null) ? Map.copyOf(metrics) : Map.of();
		}

	}

	/**
	 * The signal rule: its unit, thresholds and minimum price.
	 *
	 * @param buyThresholdPct percent rule: buy when the deviation is at most minus this
	 * (a fraction); {@code null} for a dispersion rule
	 * @param sellThresholdPct percent rule: sell when the deviation is at least this
	 * @param minSignalPrice lowest market price with a BUY or SELL; metadata written
	 * before it existed reads as {@link SignalRule#DEFAULT_MIN_SIGNAL_PRICE}
	 * @param signalUnit {@code percent} or {@code dispersion}; metadata written before it
	 * existed reads as {@code percent}
	 * @param buyStrength dispersion rule: buy when the strength is at least this;
	 * {@code null} for a percent rule
	 * @param sellStrength dispersion rule: sell when the strength is at most minus this
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Thresholds(@JsonProperty("buy_threshold_pct") Double buyThresholdPct,
			@JsonProperty("sell_threshold_pct") Double sellThresholdPct,
			@JsonProperty("min_signal_price") Double minSignalPrice, @JsonProperty("signal_unit") String signalUnit,
			@JsonProperty("buy_strength") Double buyStrength, @JsonProperty("sell_strength") Double sellStrength) {

		public Thresholds {
			minSignalPrice = (minSignalPrice != null) ? minSignalPrice : SignalRule.DEFAULT_MIN_SIGNAL_PRICE;
			signalUnit = (signalUnit != null) ? signalUnit : SignalUnit.PERCENT.id();
		}

		/**
		 * Percent thresholds, as the older system wrote them.
		 * @param buyThresholdPct buy threshold, a fraction
		 * @param sellThresholdPct sell threshold, a fraction
		 * @param minSignalPrice lowest market price with a BUY or SELL
		 */
		public Thresholds(double buyThresholdPct, double sellThresholdPct, Double minSignalPrice) {
			this(buyThresholdPct, sellThresholdPct, minSignalPrice, null, null, null);
		}

		/**
		 * The thresholds of a signal rule.
		 * @param rule the rule
		 * @return its thresholds
		 */
		public static Thresholds of(SignalRule rule) {
			if (rule.unit() == SignalUnit.PERCENT) {
				return new Thresholds(rule.buyThreshold(), rule.sellThreshold(), rule.minSignalPrice(),
						SignalUnit.PERCENT.id(), null, null);
			}
			return new Thresholds(null, null, rule.minSignalPrice(), rule.unit().id(), rule.buyThreshold(),
					rule.sellThreshold());
		}

		/**
		 * The signal rule these thresholds describe.
		 * @return the rule
		 * @throws IllegalArgumentException when the unit is unknown, a threshold of the
		 * unit is missing or out of range
		 */
		public SignalRule toRule() {
			SignalUnit unit = SignalUnit.parse(this.signalUnit);
			Double buy = (unit == SignalUnit.PERCENT) ? this.buyThresholdPct : this.buyStrength;
			Double sell = (unit == SignalUnit.PERCENT) ? this.sellThresholdPct : this.sellStrength;
			if (buy == null || sell == null) {
				throw new IllegalArgumentException(
						"a " + unit.id() + " rule needs both its thresholds (" + ((unit == SignalUnit.PERCENT)
								? "buy_threshold_pct, sell_threshold_pct" : "buy_strength, sell_strength") + ")");
			}
			return new SignalRule(unit, buy, sell, this.minSignalPrice);
		}

	}

}
