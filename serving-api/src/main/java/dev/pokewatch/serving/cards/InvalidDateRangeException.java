package dev.pokewatch.serving.cards;

import java.time.LocalDate;

import org.springframework.http.HttpStatus;

import dev.pokewatch.serving.system.ApiProblemException;

/**
 * {@code from} is after {@code to} (422): each date is well-formed, the range they make
 * is not, so the answer is not the 400 of a malformed parameter.
 */
class InvalidDateRangeException extends ApiProblemException {

	InvalidDateRangeException(LocalDate from, LocalDate to) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-date-range", "Invalid date range",
				"'from' (" + from + ") must not be after 'to' (" + to + ")");
	}

}
