package dev.pokewatch.serving.servedmodel;

import org.springframework.http.HttpStatus;

import dev.pokewatch.serving.system.ApiProblemException;

/**
 * No model is loaded, so model endpoints answer 503 with what is missing (file names, no
 * directories: any client key sees this).
 */
public class ModelNotLoadedException extends ApiProblemException {

	ModelNotLoadedException(String reason) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "model-not-loaded", "Model not loaded",
				"No model is loaded: " + LoadErrors.withoutDirectories(reason));
	}

}
