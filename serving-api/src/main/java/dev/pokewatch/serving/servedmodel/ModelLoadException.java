package dev.pokewatch.serving.servedmodel;

/**
 * A model directory that cannot be served; the message names the file and what is wrong.
 */
public class ModelLoadException extends RuntimeException {

	ModelLoadException(String message) {
		super(message);
	}

	ModelLoadException(String message, Throwable cause) {
		super(message, cause);
	}

}
