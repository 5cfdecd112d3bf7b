package dev.pokewatch.serving.prediction;

import tools.jackson.databind.ObjectWriter;

/**
 * A prediction with its JSON, written once per answer: the response cache holds answers,
 * so a cached card's {@code /predict} through {@link DirectPredictionFilter} sends bytes
 * written earlier (JSON writing was about a tenth of the request's CPU, issue 9). The
 * controller's path serializes {@link #response()} as before.
 */
final class PredictionAnswer {

	private final PredictionResponse response;

	// written by the first request that needs it; a race writes the same bytes twice
	private volatile byte[] json;

	PredictionAnswer(PredictionResponse response) {
		this.response = response;
	}

	PredictionResponse response() {
		return this.response;
	}

	/**
	 * The response as JSON.
	 * @param writer the writer for {@link PredictionResponse}, the same on every call
	 * @return the bytes; callers must not change them
	 */
	byte[] json(ObjectWriter writer) {
		byte[] bytes = this.json;
		if (bytes == null) {
			bytes = writer.writeValueAsBytes(this.response);
			this.json = bytes;
		}
		return bytes;
	}

}
