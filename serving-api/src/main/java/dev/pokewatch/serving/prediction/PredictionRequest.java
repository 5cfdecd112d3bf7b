package dev.pokewatch.serving.prediction;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;

import dev.pokewatch.serving.system.OpenApiConfiguration;

/**
 * Body of {@code POST /predict} and {@code POST /fair_price}, and one item of a batch.
 * The date stays a string here so that a malformed one is answered with a 400 naming
 * {@code date} and the value (abbreviated).
 *
 * @param cardId the card (required)
 * @param date the day as {@code YYYY-MM-DD}; absent means the card's latest day
 */
record PredictionRequest(
		@JsonProperty("card_id") @NotBlank(message = "'card_id' is required (a non-empty string)") @Schema(
				requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, pattern = "\\S",
				description = "The card; blank is a 400", example = OpenApiConfiguration.EXAMPLE_CARD) String cardId,
		@JsonProperty("date") @Schema(format = "date", nullable = true, example = OpenApiConfiguration.EXAMPLE_DATE,
				description = "Resolved as-of: the latest day with a market price at or before it") String date) {

}
