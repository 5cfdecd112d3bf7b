package dev.pokewatch.common.served;

import java.util.Objects;

/**
 * The Redis pub/sub message announcing that a new model was promoted: training publishes
 * it after the quality gate passes, every serving replica reloads on it. The body is the
 * promoted model version.
 *
 * @param modelVersion the promoted {@code model_version}
 * @since 0.1.0
 */
public record ModelUpdateMessage(String modelVersion) {

	/** The channel training publishes on and serving subscribes to, unless configured. */
	public static final String DEFAULT_CHANNEL = "pokewatch:model-updated";

	public ModelUpdateMessage {
		Objects.requireNonNull(modelVersion, "'modelVersion' must not be null");
	}

}
