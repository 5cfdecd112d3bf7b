package dev.pokewatch.serving.servedmodel;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.signal.SignalRule;

/**
 * An immutable snapshot of one loaded model: its metadata, signal rule and per-card
 * series. A reload builds a new index and swaps it in whole, so a request that holds an
 * index sees one consistent model from start to end.
 *
 * @param generation a number unique per load in this process (also keys the cache)
 * @param metadata the model's metadata
 * @param signalRule the rule built from the metadata's thresholds
 * @param cards the series by card id
 * @param sortedCardIds the card ids, sorted
 * @param loadedAt when this index was loaded
 * @param source the directory it was loaded from
 */
public record ModelIndex(long generation, ModelMetadata metadata, SignalRule signalRule,
		Map<String, ServedSeries> cards, List<String> sortedCardIds, Instant loadedAt, String source) {

	public ModelIndex {
		cards = Map.copyOf(cards);
		sortedCardIds = List.copyOf(sortedCardIds);
	}

	/**
	 * The model's version label.
	 * @return the version
	 */
	public String modelVersion() {
		return this.metadata.modelVersion();
	}

	/**
	 * A card's series.
	 * @param cardId the card
	 * @return the series, or {@code null} when the model does not know the card
	 */
	public ServedSeries card(String cardId) {
		return this.cards.get(cardId);
	}

	/**
	 * The signal of a card on one of its days, by the model's rule and that day's
	 * dispersion. An outlier day is {@code HOLD}: no BUY or SELL is derived from an
	 * anomalous price.
	 * @param series a series of this index
	 * @param at the index of the day in the series
	 * @return the day's signal, or {@code null} when the model has no fair price that day
	 */
	public DaySignal signalAt(ServedSeries series, int at) {
		return DaySignal.of(this.signalRule, series.marketPrice(at), series.fairPrice(at), series.dispersion(at),
				series.outlier(at));
	}

	/**
	 * Number of cards.
	 * @return the number of cards served
	 */
	public int cardsCount() {
		return this.cards.size();
	}

}
