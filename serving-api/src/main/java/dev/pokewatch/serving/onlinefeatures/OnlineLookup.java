package dev.pokewatch.serving.onlinefeatures;

import dev.pokewatch.common.served.OnlineFeatures;
import dev.pokewatch.serving.servedmodel.DaySignal;

/**
 * What the online feature store said of one card.
 *
 * @param outcome found, missing under the current version, or unavailable
 * @param card the card's latest features when found
 * @param day the model's signal for that day when found ({@code null} when the card has
 * no fair price that day)
 * @param modelVersion the version answered from when found or missing
 */
public record OnlineLookup(Outcome outcome, OnlineFeatures.Card card, DaySignal day, String modelVersion) {

	static OnlineLookup unavailable() {
		return new OnlineLookup(Outcome.UNAVAILABLE, null, null, null);
	}

	/**
	 * How the lookup ended.
	 */
	public enum Outcome {

		/** The card's hash was read. */
		FOUND,

		/** The store has a current version, and no hash for this card under it. */
		MISSING,

		/** No current version, or Redis failed: the local model answers. */
		UNAVAILABLE

	}

}
