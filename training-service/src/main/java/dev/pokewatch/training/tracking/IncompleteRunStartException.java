package dev.pokewatch.training.tracking;

/**
 * A run was created on the tracking server but starting it could not be completed (its
 * first tags were refused or the server went away). The run exists on the server, so the
 * caller must say so rather than report tracking as skipped; whether it could be marked
 * {@code FAILED} tells the reader if it was left {@code RUNNING}.
 */
public class IncompleteRunStartException extends TrackingException {

	private final String runId;

	private final boolean markedFailed;

	/**
	 * Creates the exception.
	 * @param message what failed, naming the server
	 * @param runId the id of the created run
	 * @param markedFailed whether the run was ended as {@code FAILED}
	 * @param cause the failure that interrupted the start
	 */
	public IncompleteRunStartException(String message, String runId, boolean markedFailed, Throwable cause) {
		super(message, cause);
		this.runId = runId;
		this.markedFailed = markedFailed;
	}

	/**
	 * The created run.
	 * @return its id
	 */
	public String runId() {
		return this.runId;
	}

	/**
	 * Whether the run was ended as {@code FAILED}; when {@code false} it may be left
	 * {@code RUNNING} on the server.
	 * @return {@code true} if it was marked failed
	 */
	public boolean markedFailed() {
		return this.markedFailed;
	}

}
