package dev.pokewatch.collector.source;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The prices of one card on one UTC day, as a provider gave them.
 *
 * @param date the day
 * @param market market price (what collectors pay); may be {@code null}
 * @param low lowest listing; may be {@code null}
 * @param mid middle listing; may be {@code null}
 * @param high highest listing; may be {@code null}
 */
public record DailyPrice(LocalDate date, Double market, Double low, Double mid, Double high) {

	public DailyPrice {
		Objects.requireNonNull(date, "'date' must not be null");
	}

	/**
	 * A day with only a market price.
	 * @param date the day
	 * @param market the market price
	 * @return the price
	 */
	public static DailyPrice market(LocalDate date, Double market) {
		return new DailyPrice(date, market, null, null, null);
	}

}
