package dev.pokewatch.serving.watchlist;

import org.springframework.http.HttpStatus;

import dev.pokewatch.serving.system.ApiProblemException;

/**
 * The caller already watches the most cards allowed (409).
 */
class WatchlistFullException extends ApiProblemException {

	WatchlistFullException(int maxCards) {
		super(HttpStatus.CONFLICT, "watchlist-full", "Watchlist full",
				"A watchlist holds at most " + maxCards + " cards: remove one first");
	}

}
