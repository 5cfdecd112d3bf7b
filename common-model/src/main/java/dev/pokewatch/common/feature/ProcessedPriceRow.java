package dev.pokewatch.common.feature;

import java.util.Objects;

import dev.pokewatch.common.price.RawPriceRow;

/**
 * One row of a processed file ({@code data/processed/<safe_set>.parquet}): a
 * de-duplicated raw row plus features computed from <em>previous</em> calendar days only
 * (never the row's own price), and its outlier flag.
 *
 * <p>
 * Feature names follow the older Python system, but its values included the current price
 * and counted rows instead of days; here every window is {@code [date - n days,
 * date - 1 day]} and uses only usable earlier prices (positive and not flagged).
 *
 * @param raw the raw row (latest {@code collected_at} for its card and day)
 * @param lag1 the usable price of the previous calendar day; {@code null} when that day
 * is missing or flagged
 * @param rollingMean3 mean of usable prices of the 3 previous calendar days; {@code null}
 * when there are none
 * @param rollingMean5 same over 5 previous calendar days
 * @param priceReturn1d {@code market_price / lag_1 - 1}; {@code null} when either is
 * unusable
 * @param fairValueBaseline the default fair price before model selection
 * ({@code rolling_mean_3}); the trained model's fair price is in the model directory
 * @param outlier whether the price is flagged (zero/negative, or far from the trailing
 * robust level)
 * @param outlierReason why it was flagged ({@code non_positive}, {@code far_from_level});
 * {@code null} when not flagged
 * @param robustLevel the trailing median the price was compared against; {@code null}
 * during warm-up
 * @since 0.1.0
 */
public record ProcessedPriceRow(RawPriceRow raw, Double lag1, Double rollingMean3, Double rollingMean5,
		Double priceReturn1d, Double fairValueBaseline, boolean outlier, String outlierReason, Double robustLevel) {

	public ProcessedPriceRow {
		Objects.requireNonNull(raw, "'raw' must not be null");
	}

	/**
	 * Whether the row's market price may feed fair prices and metrics.
	 * @return {@code true} when the price is present, positive and not flagged
	 */
	public boolean usable() {
		return !this.outlier && this.raw.marketPrice() != null && this.raw.marketPrice() > 0;
	}

}
