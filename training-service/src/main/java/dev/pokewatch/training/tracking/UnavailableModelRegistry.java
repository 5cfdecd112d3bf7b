package dev.pokewatch.training.tracking;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ModelRegistry} used with the local file store: it records nothing, because a
 * model registry needs an MLflow server, and says so once in the log.
 */
final class UnavailableModelRegistry implements ModelRegistry {

	private static final Logger logger = LoggerFactory.getLogger(UnavailableModelRegistry.class);

	private final String reason;

	private final AtomicBoolean logged = new AtomicBoolean();

	UnavailableModelRegistry(String reason) {
		this.reason = Objects.requireNonNull(reason, "'reason' must not be null");
	}

	@Override
	public boolean isAvailable() {
		return false;
	}

	@Override
	public String registerVersion(String modelName, TrackedRun run) {
		warnOnce();
		throw new RegistryUnavailableException(this.reason);
	}

	@Override
	public void setAlias(String modelName, String alias, String version) {
		warnOnce();
	}

	@Override
	public void setVersionTags(String modelName, String version, Map<String, String> tags) {
		warnOnce();
	}

	@Override
	public Optional<String> versionForAlias(String modelName, String alias) {
		warnOnce();
		return Optional.empty();
	}

	private void warnOnce() {
		if (this.logged.compareAndSet(false, true)) {
			logger.warn(this.reason);
		}
	}

	@Override
	public String toString() {
		return "UnavailableModelRegistry[" + this.reason + "]";
	}

}
