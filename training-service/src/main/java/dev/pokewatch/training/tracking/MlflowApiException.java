package dev.pokewatch.training.tracking;

import org.jspecify.annotations.Nullable;

/**
 * An MLflow REST call answered with an error status; carries the HTTP status and MLflow's
 * {@code error_code} so callers can treat e.g. {@code RESOURCE_ALREADY_EXISTS} as
 * success.
 */
class MlflowApiException extends TrackingException {

	private final int status;

	private final @Nullable String errorCode;

	MlflowApiException(String message, int status, @Nullable String errorCode) {
		super(message);
		this.status = status;
		this.errorCode = errorCode;
	}

	int status() {
		return this.status;
	}

	@Nullable String errorCode() {
		return this.errorCode;
	}

	boolean hasErrorCode(String code) {
		return code.equals(this.errorCode);
	}

}
