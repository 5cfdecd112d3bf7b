package dev.pokewatch.serving.prediction;

import org.springframework.http.HttpStatus;

import dev.pokewatch.serving.system.ApiProblemException;
import dev.pokewatch.serving.system.ProblemResponses;

/**
 * The served model does not know the card (404).
 */
public class CardNotFoundException extends ApiProblemException {

	private final String cardId;

	public CardNotFoundException(String cardId) {
		super(HttpStatus.NOT_FOUND, "card-not-found", "Card not found",
				"Unknown card_id: '" + ProblemResponses.abbreviate(cardId) + "'");
		this.cardId = cardId;
	}

	/**
	 * The unknown card.
	 * @return the card id
	 */
	public String cardId() {
		return this.cardId;
	}

}
