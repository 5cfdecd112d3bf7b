package dev.pokewatch.serving.prediction;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;

import dev.pokewatch.serving.system.OpenApiConfiguration;

/**
 * Body of {@code POST /batch_predict} in either shape: {@code {"card_ids": [...],
 * "date"?}} (one optional day for all cards) or a JSON array of {@code {card_id, date?}}
 * (the older BentoML shape). Items are bound to plain values, not validated here: a bad
 * item, whatever its JSON type, becomes an error in its place and does not fail the
 * batch.
 *
 * @param cardIds the cards of the object shape (each should be a string; any other value
 * fails its own item), {@code null} for the array shape
 * @param date the day for every card of the object shape, or {@code null}
 * @param items the items of the array shape, {@code null} for the object shape
 */
@JsonClassDescription("{\"card_ids\": [...], \"date\"?} or an array of {\"card_id\", \"date\"?}")
record BatchPredictionRequest(
		@JsonProperty("card_ids") @ArraySchema(schema = @Schema(implementation = String.class)) List<Object> cardIds,
		@JsonProperty("date") @Schema(format = "date", nullable = true, example = OpenApiConfiguration.EXAMPLE_DATE,
				description = "The day for every card, resolved as-of; null or absent means each card's latest day") String date,
		@Schema(hidden = true) List<Item> items) {

	/**
	 * The object shape.
	 * @param cardIds the cards
	 * @param date the day for every card, or {@code null}
	 */
	@JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
	BatchPredictionRequest(@JsonProperty("card_ids") List<Object> cardIds, @JsonProperty("date") String date) {
		this(cardIds, date, null);
	}

	/**
	 * The array shape.
	 * @param items the items (an element may be {@code null})
	 * @return the request
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	static BatchPredictionRequest ofItems(List<Item> items) {
		return new BatchPredictionRequest(null, null, items);
	}

	@AssertTrue(message = "'card_ids' is required and must be an array of card ids")
	boolean isCardIdsOrItems() {
		return this.cardIds != null || this.items != null;
	}

	/**
	 * How many items the batch holds.
	 * @return the item count
	 */
	int size() {
		return (this.items != null) ? this.items.size() : this.cardIds.size();
	}

	/**
	 * Item {@code i} of either shape.
	 * @param i the index
	 * @return the item; {@code null} for a JSON {@code null} element
	 */
	Item item(int i) {
		if (this.items != null) {
			return this.items.get(i);
		}
		Object cardId = this.cardIds.get(i);
		return (cardId == null || cardId instanceof String)
				? new Item(new PredictionRequest((String) cardId, this.date), null)
				: Item.invalid("'card_ids[" + i + "]' must be a string");
	}

	/**
	 * One element of the array shape, bound from any JSON value: an object
	 * {@code {card_id, date?}} with string fields becomes a request; anything else keeps
	 * the problem, so that it fails alone.
	 *
	 * @param request the request, {@code null} when the element is not a valid object
	 * @param problem what is wrong with the element, {@code null} for a request
	 */
	record Item(PredictionRequest request, String problem) {

		@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
		static Item of(Object value) {
			if (!(value instanceof Map<?, ?> fields)) {
				return invalid("must be an object {\"card_id\", \"date\"?}");
			}
			Object cardId = fields.get("card_id");
			Object date = fields.get("date");
			if (cardId != null && !(cardId instanceof String)) {
				return invalid("'card_id' must be a string");
			}
			if (date != null && !(date instanceof String)) {
				return invalid("'date' must be a string YYYY-MM-DD");
			}
			return new Item(new PredictionRequest((String) cardId, (String) date), null);
		}

		static Item invalid(String problem) {
			return new Item(null, problem);
		}

	}

}
