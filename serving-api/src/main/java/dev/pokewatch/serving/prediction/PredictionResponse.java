package dev.pokewatch.serving.prediction;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.pokewatch.common.signal.Signal;
import dev.pokewatch.serving.system.OpenApiConfiguration;

/**
 * A fair price and signal for one card and day. The first seven fields are those of the
 * older Python API, so its clients read this unchanged.
 *
 * @param cardId the card
 * @param date the day the answer is for (the resolved as-of day)
 * @param marketPrice that day's market price
 * @param fairPrice the model's forecast of the market price at the signal horizon, from
 * previous days only
 * @param deviationPct {@code (market - fair) / fair}, a fraction
 * @param signal BUY, SELL or HOLD
 * @param modelVersion the model that answered
 * @param requestedDate the requested day when it differs from {@code date}
 * @param outlier whether the market price was flagged as an outlier
 * @param note why the signal is forced to HOLD, when it is
 * @param strength {@code ln(fair / market) / dispersion}: the expected move in units of
 * the card's typical move, positive for a rise; always written, {@code null} when the
 * day's dispersion is unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PredictionResponse(
		@JsonProperty("card_id") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				example = OpenApiConfiguration.EXAMPLE_CARD) String cardId,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				example = OpenApiConfiguration.EXAMPLE_DATE) LocalDate date,
		@JsonProperty("market_price") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				example = "139.15") double marketPrice,
		@JsonProperty("fair_price") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "138.29",
				description = "The model's forecast of the market price at the signal horizon (horizon_days of "
						+ "the model), from previous days only") double fairPrice,
		@JsonProperty("deviation_pct") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "0.0062",
				description = "(market_price - fair_price) / fair_price as a fraction (0.0062 = 0.62 %)") double deviationPct,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "HOLD") Signal signal,
		@JsonProperty("model_version") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				example = "sma-7-20251124") String modelVersion,
		@JsonProperty("requested_date") @Schema(example = "2026-08-22", nullable = true,
				description = "Present only when the answer is for an earlier day than requested") LocalDate requestedDate,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				description = "The market price was flagged as an outlier: the signal is HOLD") boolean outlier,
		@Schema(nullable = true) String note,
		@JsonInclude(JsonInclude.Include.ALWAYS) @Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = {
				"number", "null" }, example = "1.42",
				description = "ln(fair_price / market_price) / dispersion: the expected move to the horizon in units "
						+ "of the card's typical move (positive = expected rise); null when the card's dispersion "
						+ "that day is unknown") Double strength){

	PredictionResponse withRequestedDate(LocalDate requested) {
		return new PredictionResponse(this.cardId, this.date, this.marketPrice, this.fairPrice, this.deviationPct,
				this.signal, this.modelVersion, requested, this.outlier, this.note, this.strength);
	}

}
