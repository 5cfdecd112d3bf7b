package dev.pokewatch.serving.prediction;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;

/**
 * Body of {@code POST /batch_predict} in either shape: {@code {"card_ids": [...],
 * "date"?}} (one optional day for all cards) or a JSON array of {@code {card_id, date?}}
 * (the older BentoML shape). Items are not validated here: a bad item becomes an error in
 * its place and does not fail the batch.
 *
 * @param cardIds the cards of the object shape, {@code null} for the array shape
 * @param date the day for every card of the object shape, or {@code null}
 * @param items the items of the array shape, {@code null} for the object shape
 */
@JsonClassDescription("{\"card_ids\": [...], \"date\"?} or an array of {\"card_id\", \"date\"?}")
record BatchPredictionRequest(@JsonProperty("card_ids") List<String> cardIds, @JsonProperty("date") String date,
		@Schema(hidden = true) List<Item> items) {

	/**
	 * The object shape.
	 * @param cardIds the cards
	 * @param date the day for every card, or {@code null}
	 */
	@JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
	BatchPredictionRequest(@JsonProperty("card_ids") List<String> cardIds, @JsonProperty("date") String date) {
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
	 * One element of the array shape: an object {@code {card_id, date?}}, or any other
	 * JSON value, kept as "not an object" so that it fails alone.
	 *
	 * @param request the request of an object element, {@code null} for any other value
	 */
	record Item(PredictionRequest request) {

		@JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
		static Item of(@JsonProperty("card_id") String cardId, @JsonProperty("date") String date) {
			return new Item(new PredictionRequest(cardId, date));
		}

		@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
		static Item of(String value) {
			return new Item(null);
		}

		@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
		static Item of(long value) {
			return new Item(null);
		}

		@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
		static Item of(double value) {
			return new Item(null);
		}

		@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
		static Item of(boolean value) {
			return new Item(null);
		}

	}

}
