package dev.pokewatch.training.tracking;

/**
 * A tracking or registry backend failed; the message says which backend and why.
 */
public class TrackingException extends RuntimeException {

	public TrackingException(String message) {
		super(message);
	}

	public TrackingException(String message, Throwable cause) {
		super(message, cause);
	}

}
