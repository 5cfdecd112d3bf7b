package dev.pokewatch.serving.watchlist;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.pokewatch.common.signal.Signal;
import dev.pokewatch.serving.servedmodel.DaySignal;
import dev.pokewatch.serving.servedmodel.ModelIndex;
import dev.pokewatch.serving.servedmodel.ServedSeries;
import dev.pokewatch.serving.system.OpenApiConfiguration;

/**
 * Answer of the watchlist endpoints: the caller's watched cards, each with its latest
 * signal in the served model.
 *
 * @param count number of cards watched
 * @param maxCards most cards one key may watch
 * @param cards the cards, by card id
 */
record WatchlistResponse(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0") int count,
		@JsonProperty("max_cards") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int maxCards,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Item> cards) {

	/**
	 * A watched card on its latest day. A card the served model no longer knows keeps its
	 * place with {@code known: false} and {@code null} values, so it can be removed.
	 *
	 * @param cardId the card
	 * @param known whether the served model knows the card
	 * @param cardName its display name, if known
	 * @param setName its set, if known
	 * @param date its latest day, if known
	 * @param marketPrice that day's market price, if known
	 * @param fairPrice that day's fair price, if known
	 * @param strength the expected move in units of the card's dispersion, if known
	 * @param signal that day's signal, {@code null} when unknown or without a fair price
	 */
	@Schema(name = "WatchedCard")
	record Item(
			@JsonProperty("card_id") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					example = OpenApiConfiguration.EXAMPLE_CARD) String cardId,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean known,
			@JsonProperty("card_name") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = {
					"string", "null" }) String cardName,
			@JsonProperty("set_name") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					types = { "string", "null" }) String setName,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = { "string", "null" },
					format = "date") LocalDate date,
			@JsonProperty("market_price") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					types = { "number", "null" }) Double marketPrice,
			@JsonProperty("fair_price") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					types = { "number", "null" }) Double fairPrice,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = { "number", "null" }) Double strength,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = { "string", "null" },
					allowableValues = { "BUY", "SELL", "HOLD" }) Signal signal){

		static Item of(ModelIndex index, String cardId) {
			ServedSeries series = index.card(cardId);
			if (series == null) {
				return new Item(cardId, false, null, null, null, null, null, null, null);
			}
			int last = series.lastIndex();
			DaySignal day = index.signalAt(series, last);
			return new Item(cardId, true, series.cardName(), series.setName(), series.latestDate(),
					series.marketPrice(last), (day != null) ? day.fairPrice() : null,
					(day != null) ? day.strengthOrNull() : null, (day != null) ? day.signal() : null);
		}

	}

}
