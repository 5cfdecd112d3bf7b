package dev.pokewatch.collector.source;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Names, numbers, rarities and kinds of the TCGplayer products the collector knows
 * without asking a provider: {@code sample/tcgcsv/products.csv}, bundled with the sample
 * (see its {@code SOURCE.md}). TCGCSV's price lists carry only product ids, so whole-set
 * cards take their names from here.
 */
public final class ProductCatalog {

	static final String RESOURCE = "sample/tcgcsv/products.csv";

	private static final String HEADER = "tcgplayer_id,group_id,group_name,name,number,rarity,product_kind";

	private final Map<String, Product> products;

	private ProductCatalog(Map<String, Product> products) {
		this.products = Map.copyOf(products);
	}

	/**
	 * The bundled catalog, read once.
	 * @return the catalog
	 */
	public static ProductCatalog bundled() {
		return Holder.CATALOG;
	}

	/**
	 * Looks a product up.
	 * @param tcgplayerId the TCGplayer product id
	 * @return the product, or empty if the catalog does not know it
	 */
	public Optional<Product> find(String tcgplayerId) {
		return Optional.ofNullable(this.products.get(tcgplayerId));
	}

	private static ProductCatalog load() {
		Map<String, Product> products = new HashMap<>();
		BundledCsv.read(RESOURCE, HEADER, (fields) -> products.put(fields[0], new Product(fields[0], fields[1],
				fields[2], blankToNull(fields[3]), blankToNull(fields[4]), blankToNull(fields[5]), fields[6])));
		return new ProductCatalog(products);
	}

	private static String blankToNull(String value) {
		return value.isBlank() ? null : value;
	}

	/**
	 * One TCGplayer product.
	 *
	 * @param tcgplayerId the product id
	 * @param groupId the TCGplayer group (set) id
	 * @param groupName the group name
	 * @param name the product name; {@code null} when unknown (some sealed products)
	 * @param number the card number; {@code null} for sealed products
	 * @param rarity the rarity; {@code null} when unknown
	 * @param kind {@code single}, {@code sealed:Booster Box}, ..., or empty when unknown
	 */
	public record Product(String tcgplayerId, String groupId, String groupName, String name, String number,
			String rarity, String kind) {

		/**
		 * Whether the product is a single card.
		 * @return true if its kind is {@code single}
		 */
		public boolean single() {
			return "single".equals(this.kind);
		}

	}

	private static final class Holder {

		static final ProductCatalog CATALOG = load();

	}

}
