package dev.pokewatch.serving.prediction;

import java.time.LocalDate;

import org.springframework.http.HttpStatus;

import dev.pokewatch.serving.system.ApiProblemException;

/**
 * The requested day is before the card's first day, so there is nothing to resolve it to
 * (404).
 */
public class DateBeforeHistoryException extends ApiProblemException {

	private final String cardId;

	private final LocalDate date;

	DateBeforeHistoryException(String cardId, LocalDate date, LocalDate firstDate) {
		super(HttpStatus.NOT_FOUND, "date-not-found", "No data for date",
				"No data for card_id '" + cardId + "' on or before " + date + ": its history starts on " + firstDate);
		this.cardId = cardId;
		this.date = date;
	}

	/**
	 * The card.
	 * @return the card id
	 */
	public String cardId() {
		return this.cardId;
	}

	/**
	 * The requested day.
	 * @return the day
	 */
	public LocalDate date() {
		return this.date;
	}

}
