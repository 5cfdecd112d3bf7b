package dev.pokewatch.serving.watchlist;

import java.util.Map;
import java.util.Set;

/**
 * The watched cards of every owner. An owner is the SHA-256 hash of an API key (never the
 * key itself), or {@link #ANONYMOUS} when authentication is off.
 */
public interface WatchlistStore {

	/** The owner of requests without a key (authentication disabled). */
	String ANONYMOUS = "anonymous";

	/**
	 * One owner's cards.
	 * @param owner the owner
	 * @return the card ids, possibly empty
	 */
	Set<String> cards(String owner);

	/**
	 * Adds a card to an owner's watchlist.
	 * @param owner the owner
	 * @param cardId the card
	 * @param maxCards the most cards the owner may watch
	 * @return {@code false} when the list is full and the card was not on it
	 */
	boolean add(String owner, String cardId, int maxCards);

	/**
	 * Removes a card from an owner's watchlist.
	 * @param owner the owner
	 * @param cardId the card
	 * @return whether the card was on it
	 */
	boolean remove(String owner, String cardId);

	/**
	 * Every owner's cards, for alerts after a promotion.
	 * @return the card ids by owner
	 */
	Map<String, Set<String>> all();

}
