package dev.pokewatch.common.served;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Redis online feature store, the one owner of its keys and fields. On promotion
 * training writes, for the promoted {@code model_version}:
 * <ul>
 * <li>{@code <prefix>:<version>:card:<card_id>}: a hash of the card's latest served row
 * ({@link Card}), with a TTL;</li>
 * <li>{@code <prefix>:<version>:metadata}: the model's {@code model_metadata.json}, with
 * the same TTL (serving takes the signal rule from it);</li>
 * <li>{@code <prefix>:current}: the version, written last, so a reader that follows it
 * finds every card of that version.</li>
 * </ul>
 * A serving replica configured for it answers a card's latest prediction from these keys
 * and falls back to its local model directory when they are missing or Redis fails, so a
 * replica without model files can still answer. Old versions' keys expire by their TTL: a
 * request that read the pointer just before a promotion still finds its version's hash.
 *
 * @since 0.1.0
 */
public final class OnlineFeatures {

	/** The key prefix training writes under and serving reads, unless configured. */
	public static final String DEFAULT_PREFIX = "pokewatch:features";

	private static final String CARD_NAME = "card_name";

	private static final String SET_NAME = "set_name";

	private static final String CATEGORY = "category";

	private static final String DATE = "date";

	private static final String MARKET_PRICE = "market_price";

	private static final String FAIR_PRICE = "fair_price";

	private static final String DISPERSION = "dispersion";

	private static final String OUTLIER = "outlier";

	private OnlineFeatures() {
	}

	/**
	 * The key naming the current version.
	 * @param prefix the key prefix
	 * @return {@code <prefix>:current}
	 */
	public static String currentKey(String prefix) {
		return prefix + ":current";
	}

	/**
	 * The key of a version's metadata.
	 * @param prefix the key prefix
	 * @param modelVersion the version
	 * @return {@code <prefix>:<version>:metadata}
	 */
	public static String metadataKey(String prefix, String modelVersion) {
		return prefix + ":" + modelVersion + ":metadata";
	}

	/**
	 * The key of a card's hash.
	 * @param prefix the key prefix
	 * @param modelVersion the version
	 * @param cardId the card
	 * @return {@code <prefix>:<version>:card:<card_id>}
	 */
	public static String cardKey(String prefix, String modelVersion, String cardId) {
		return prefix + ":" + modelVersion + ":card:" + cardId;
	}

	/**
	 * A card's latest served row, as stored in its hash.
	 *
	 * @param cardId the card
	 * @param cardName display name, may be {@code null}
	 * @param setName set name, may be {@code null}
	 * @param category category, may be {@code null}
	 * @param date the row's day
	 * @param marketPrice that day's market price
	 * @param fairPrice the fair price, {@code NaN} when unknown
	 * @param dispersion the dispersion, {@code NaN} when unknown
	 * @param outlier whether the market price was flagged as an outlier
	 * @since 0.1.0
	 */
	public record Card(String cardId, String cardName, String setName, String category, LocalDate date,
			double marketPrice, double fairPrice, double dispersion, boolean outlier) {

		public Card {
			Objects.requireNonNull(cardId, "'cardId' must not be null");
			Objects.requireNonNull(date, "'date' must not be null");
		}

		/**
		 * The hash fields; an unknown value is left out, doubles keep every digit.
		 * @return field to value
		 */
		public Map<String, String> toHash() {
			Map<String, String> hash = new LinkedHashMap<>();
			putIfPresent(hash, CARD_NAME, this.cardName);
			putIfPresent(hash, SET_NAME, this.setName);
			putIfPresent(hash, CATEGORY, this.category);
			hash.put(DATE, this.date.toString());
			putIfFinite(hash, MARKET_PRICE, this.marketPrice);
			putIfFinite(hash, FAIR_PRICE, this.fairPrice);
			putIfFinite(hash, DISPERSION, this.dispersion);
			hash.put(OUTLIER, Boolean.toString(this.outlier));
			return hash;
		}

		/**
		 * Reads a card's hash.
		 * @param cardId the card
		 * @param hash its fields
		 * @return the card
		 * @throws IllegalArgumentException when {@code date} is missing or a value does
		 * not parse
		 */
		public static Card fromHash(String cardId, Map<String, String> hash) {
			String date = hash.get(DATE);
			if (date == null) {
				throw new IllegalArgumentException("online features of card '" + cardId + "' have no 'date'");
			}
			try {
				return new Card(cardId, hash.get(CARD_NAME), hash.get(SET_NAME), hash.get(CATEGORY),
						LocalDate.parse(date), number(hash.get(MARKET_PRICE)), number(hash.get(FAIR_PRICE)),
						number(hash.get(DISPERSION)), Boolean.parseBoolean(hash.get(OUTLIER)));
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException(
						"online features of card '" + cardId + "' do not parse: " + ex.getMessage(), ex);
			}
		}

		private static double number(String text) {
			return (text != null) ? Double.parseDouble(text) : Double.NaN;
		}

		private static void putIfPresent(Map<String, String> hash, String field, String value) {
			if (value != null) {
				hash.put(field, value);
			}
		}

		private static void putIfFinite(Map<String, String> hash, String field, double value) {
			if (Double.isFinite(value)) {
				hash.put(field, Double.toString(value));
			}
		}

	}

}
