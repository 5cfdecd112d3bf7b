package dev.pokewatch.common.served;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One (card, day) of the features file the serving API serves from
 * ({@code models/baseline/features.parquet}).
 *
 * @param cardId the card
 * @param cardName display name; may be {@code null}
 * @param setName set display name; may be {@code null}
 * @param category card category; may be {@code null}
 * @param date the UTC day
 * @param marketPrice that day's market price; {@code null} when unknown
 * @param fairPrice the model's fair price from days before {@code date}; {@code null}
 * when there is no earlier usable price
 * @param outlier whether preprocessing flagged the market price as an outlier
 * @since 0.1.0
 */
public record ServedFeatureRow(String cardId, String cardName, String setName, String category, LocalDate date,
		Double marketPrice, Double fairPrice, boolean outlier) {

	public ServedFeatureRow {
		Objects.requireNonNull(cardId, "'cardId' must not be null");
		Objects.requireNonNull(date, "'date' must not be null");
	}

}
