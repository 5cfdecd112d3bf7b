package dev.pokewatch.serving.prediction;

import java.time.LocalDate;

import org.springframework.http.HttpStatus;

import dev.pokewatch.serving.system.ApiProblemException;

/**
 * The model has a market price but no fair price for the resolved day (the first day of a
 * card, whose fair price would need earlier days): 422 rather than an invented signal.
 */
public class FairPriceUnavailableException extends ApiProblemException {

	FairPriceUnavailableException(String cardId, LocalDate date, LocalDate firstWithFairPrice) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "fair-price-unavailable", "No fair price for this day",
				"No fair price for card_id '" + cardId + "' on " + date
						+ ": fair prices use previous days only and none are usable"
						+ ((firstWithFairPrice != null) ? "; the first day with a fair price is " + firstWithFairPrice
								: "; this card has no day with a fair price yet"));
	}

}
