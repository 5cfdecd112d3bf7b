package dev.pokewatch.collector.source;

/**
 * The provider refused access (HTTP 401/403). Fatal: every further request would fail the
 * same way, so the run stops. The message says which setting to fix and never contains
 * the secret itself.
 */
public class SourceAccessDeniedException extends RuntimeException {

	public SourceAccessDeniedException(String message, Throwable cause) {
		super(message, cause);
	}

}
