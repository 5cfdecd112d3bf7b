package dev.pokewatch.common.price;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One collected price of one card on one UTC day: a row of a raw file
 * {@code data/raw/<safe_set>_prices_<date>.parquet}. Column names follow the older Python
 * system ({@code card_id, card_number, ...}); {@code low/mid/high_price},
 * {@code currency} and {@code collected_at} were added.
 *
 * @param cardId stable card id ({@code internal_id} of cards.yaml)
 * @param cardNumber printed number; may be {@code null}
 * @param cardName display name
 * @param setId provider set id
 * @param setName set display name
 * @param date the UTC day the price is for
 * @param marketPrice market price; {@code null} when the provider had none (no recent
 * sales)
 * @param category card category from cards.yaml
 * @param rarity rarity as the provider names it; may be {@code null}
 * @param tcgplayerId TCGplayer product id; may be {@code null}
 * @param source the price source ({@code pokemonpricetracker}, {@code tcgcsv},
 * {@code sample})
 * @param lowPrice lowest listing; may be {@code null}
 * @param midPrice middle listing; may be {@code null}
 * @param highPrice highest listing; may be {@code null}
 * @param currency ISO currency code, {@code USD} for TCGplayer prices
 * @param collectedAt when the row was collected (UTC)
 * @since 0.1.0
 */
public record RawPriceRow(String cardId, String cardNumber, String cardName, String setId, String setName,
		LocalDate date, Double marketPrice, String category, String rarity, String tcgplayerId, String source,
		Double lowPrice, Double midPrice, Double highPrice, String currency, Instant collectedAt) {

	public RawPriceRow {
		Objects.requireNonNull(cardId, "'cardId' must not be null");
		Objects.requireNonNull(date, "'date' must not be null");
		Objects.requireNonNull(source, "'source' must not be null");
		Objects.requireNonNull(collectedAt, "'collectedAt' must not be null");
	}

	/**
	 * The row's identity: one row per card and day.
	 * @return the (card_id, date) key
	 */
	public CardDay key() {
		return new CardDay(this.cardId, this.date);
	}

	/**
	 * Identity of a raw row.
	 *
	 * @param cardId the card
	 * @param date the UTC day
	 */
	public record CardDay(String cardId, LocalDate date) {

	}

}
