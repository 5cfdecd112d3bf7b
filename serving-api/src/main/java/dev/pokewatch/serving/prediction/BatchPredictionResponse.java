package dev.pokewatch.serving.prediction;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Answer of {@code POST /batch_predict}: one entry per requested item, in request order;
 * an item that failed holds its error in place.
 *
 * @param predictions a {@link PredictionResponse} or a {@link ItemError} per item
 * @param count number of items
 * @param errors number of failed items
 */
record BatchPredictionResponse(
		@ArraySchema(
				arraySchema = @Schema(
						description = "One entry per item in request order: a prediction, or " + "{card_id, error}"),
				schema = @Schema(oneOf = {
						PredictionResponse.class, BatchPredictionResponse.ItemError.class })) List<Object> predictions,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) int count,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) int errors){

	/**
	 * A failed item.
	 *
	 * @param cardId the item's card id (may be {@code null} when it was missing)
	 * @param error what went wrong
	 */
	record ItemError(
			@JsonProperty("card_id") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true,
					description = "The item's card id, null when it had none") String cardId,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Error error) {

	}

	/**
	 * Status and detail of a failed item, as a problem would state them.
	 *
	 * @param status the HTTP status the item would get alone
	 * @param type the problem type URI
	 * @param detail the explanation
	 */
	record Error(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "404") int status,
			@Schema(example = "https://pokewatch.dev/problems/card-not-found") String type,
			@Schema(example = "Unknown card_id: 'sv04_5_missingno'") String detail) {

	}

}
