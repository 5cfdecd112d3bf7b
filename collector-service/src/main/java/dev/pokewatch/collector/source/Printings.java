package dev.pokewatch.collector.source;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * TCGplayer printings ({@code subTypeName}: {@code Normal}, {@code Holofoil},
 * {@code Reverse Holofoil}, ...): their id form, and which one prices a card listed in
 * cards.yaml. Shared by the sources that see printings, so that they agree.
 */
public final class Printings {

	/** The printing priced when a card gives none and the product has it. */
	public static final String PREFERRED = "Holofoil";

	private Printings() {
	}

	/**
	 * The id form of a printing: lower case, every run of characters other than
	 * {@code [a-z0-9]} replaced by {@code _}.
	 * @param printing the printing, e.g. {@code Reverse Holofoil}
	 * @return the key, e.g. {@code reverse_holofoil}
	 */
	public static String key(String printing) {
		return printing.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
	}

	/**
	 * Which of a product's printings prices a listed card: the card's {@code printing} if
	 * given (none if the product does not list it), else {@code Holofoil}, else the first
	 * with a market price, else the first.
	 * @param <T> the type of a printing's price row
	 * @param rows the product's rows, one per printing
	 * @param printingOf the printing of a row
	 * @param hasMarket whether a row has a market price
	 * @param wanted the card's printing, or {@code null}
	 * @return the chosen row, empty if the wanted printing is not listed
	 */
	public static <T> Optional<T> choose(List<T> rows, Function<T, String> printingOf, Predicate<T> hasMarket,
			String wanted) {
		if (wanted != null) {
			return rows.stream().filter((row) -> wanted.equalsIgnoreCase(printingOf.apply(row))).findFirst();
		}
		return rows.stream()
			.filter((row) -> PREFERRED.equalsIgnoreCase(printingOf.apply(row)))
			.findFirst()
			.or(() -> rows.stream().filter(hasMarket).findFirst())
			.or(() -> rows.stream().findFirst());
	}

}
