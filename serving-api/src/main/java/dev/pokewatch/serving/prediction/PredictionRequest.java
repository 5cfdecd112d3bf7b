package dev.pokewatch.serving.prediction;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /predict} and {@code POST /fair_price}. The date stays a string
 * here so that a malformed one is answered with a 400 naming {@code date}.
 *
 * @param cardId the card (required)
 * @param date the day as {@code YYYY-MM-DD}; absent means the card's latest day
 */
record PredictionRequest(
		@JsonProperty("card_id") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				example = "sv2a_151_mew_ex___205_165") String cardId,
		@Schema(format = "date", nullable = true, example = "2025-11-24",
				description = "Resolved as-of: the latest day with a market price at or before it") String date) {

}
