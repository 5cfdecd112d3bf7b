package dev.pokewatch.collector.source;

import java.util.List;

import dev.pokewatch.common.card.TrackedCard;

/**
 * What a source got for one card.
 */
public sealed interface CardResult permits CardResult.Collected, CardResult.Failed, CardResult.Skipped {

	/**
	 * The card (for whole-set tracking, a card the provider listed).
	 * @return the card
	 */
	TrackedCard card();

	/**
	 * Prices were returned.
	 *
	 * @param card the card
	 * @param providerRarity the rarity the provider gave, used when cards.yaml has none;
	 * may be {@code null}
	 * @param prices one entry per day, possibly outside the requested window
	 */
	record Collected(TrackedCard card, String providerRarity, List<DailyPrice> prices) implements CardResult {

		public Collected {
			prices = List.copyOf(prices);
		}

	}

	/**
	 * The card could not be collected (bad answer, provider error).
	 *
	 * @param card the card
	 * @param reason why, naming the request or field at fault
	 */
	record Failed(TrackedCard card, String reason) implements CardResult {

	}

	/**
	 * Nothing to collect for the card (not listed by the provider, no data).
	 *
	 * @param card the card
	 * @param reason why
	 */
	record Skipped(TrackedCard card, String reason) implements CardResult {

	}

}
