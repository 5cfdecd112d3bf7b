package dev.pokewatch.serving.watchlist;

import org.springframework.http.HttpStatus;

import dev.pokewatch.serving.system.ApiProblemException;

/**
 * The watchlist store (Redis or the local file) cannot be read or written (503); the
 * cause is logged, not answered.
 */
class WatchlistUnavailableException extends ApiProblemException {

	WatchlistUnavailableException() {
		super(HttpStatus.SERVICE_UNAVAILABLE, "watchlist-unavailable", "Watchlist unavailable",
				"The watchlist store is unavailable; try again later");
	}

}
