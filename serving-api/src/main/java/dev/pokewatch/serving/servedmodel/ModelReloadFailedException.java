package dev.pokewatch.serving.servedmodel;

import org.springframework.http.HttpStatus;

import dev.pokewatch.serving.system.ApiProblemException;

/**
 * A reload that failed: 409 while the previous model keeps being served, 503 when there
 * is none.
 */
public class ModelReloadFailedException extends ApiProblemException {

	ModelReloadFailedException(String reason, String servedVersion) {
		super((servedVersion != null) ? HttpStatus.CONFLICT : HttpStatus.SERVICE_UNAVAILABLE, "reload-failed",
				"Model reload failed", "Reload failed: " + reason + ((servedVersion != null)
						? "; still serving model version '" + servedVersion + "'" : "; no model is loaded"));
	}

}
