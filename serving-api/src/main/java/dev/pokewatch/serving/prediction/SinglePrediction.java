package dev.pokewatch.serving.prediction;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.pokewatch.serving.onlinefeatures.OnlineFeatureReader;
import dev.pokewatch.serving.onlinefeatures.OnlineLookup;
import dev.pokewatch.serving.servedmodel.ServedModelHolder;

/**
 * The answer to one {@code POST /predict}: the card's latest day from the online feature
 * store when it is configured and has the card, otherwise from the served model. The
 * controller and {@link DirectPredictionFilter} both answer through it.
 */
@Component
class SinglePrediction {

	private final ServedModelHolder registry;

	private final PredictionService service;

	private final OnlineFeatureReader onlineFeatures;

	SinglePrediction(ServedModelHolder registry, PredictionService service,
			ObjectProvider<OnlineFeatureReader> onlineFeatures) {
		this.registry = registry;
		this.service = service;
		this.onlineFeatures = onlineFeatures.getIfAvailable();
	}

	/**
	 * Answers a request whose {@code card_id} passed validation.
	 * @param request the request
	 * @return the prediction, with its JSON when cached
	 * @throws dev.pokewatch.serving.system.ApiProblemException when the request cannot be
	 * answered (unknown card, bad date, no model)
	 */
	PredictionAnswer answer(PredictionRequest request) {
		if (this.onlineFeatures != null && request.date() == null && request.cardId() != null
				&& !request.cardId().isBlank()) {
			// the latest day from the online feature store when configured; the local
			// model when the store has nothing or fails
			OnlineLookup lookup = this.onlineFeatures.latest(request.cardId());
			if (lookup.outcome() == OnlineLookup.Outcome.FOUND) {
				return this.service.answer(lookup);
			}
			if (lookup.outcome() == OnlineLookup.Outcome.MISSING && this.registry.current() == null) {
				throw new CardNotFoundException(request.cardId());
			}
		}
		return this.service.answer(this.registry.require(), request.cardId(), request.date());
	}

}
