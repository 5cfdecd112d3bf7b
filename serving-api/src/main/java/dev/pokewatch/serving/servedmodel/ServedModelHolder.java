package dev.pokewatch.serving.servedmodel;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.stereotype.Component;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.telemetry.MeterNames;
import dev.pokewatch.serving.system.ServingProperties;

/**
 * Holds the served {@link ModelIndex} in an {@link AtomicReference}: reads never block,
 * reloads are serialized and swap the whole index at once, and a failed reload keeps the
 * previous model.
 */
@Component
public class ServedModelHolder implements SmartInitializingSingleton, ApplicationEventPublisherAware {

	private static final Logger logger = LoggerFactory.getLogger(ServedModelHolder.class);

	private final Path modelDir;

	private final AtomicReference<ModelIndex> current = new AtomicReference<>();

	private final ReentrantLock reloadLock = new ReentrantLock();

	private final MeterRegistry meterRegistry;

	private final MultiGauge modelInfo;

	private volatile String lastError = "not loaded yet";

	private volatile FileFingerprint metadataLastRead = FileFingerprint.ABSENT;

	private volatile StartupModelLoad startupLoad;

	private volatile ApplicationEventPublisher events;

	public ServedModelHolder(ServingProperties properties, MeterRegistry meterRegistry) {
		this.modelDir = properties.modelDir().toAbsolutePath().normalize();
		this.meterRegistry = meterRegistry;
		this.modelInfo = MultiGauge.builder(MeterNames.MODEL_INFO)
			.description("The served model: 1 for the loaded version")
			.register(meterRegistry);
		Gauge.builder(MeterNames.MODEL_CARDS, this, (registry) -> {
			ModelIndex index = registry.current();
			return (index != null) ? index.cardsCount() : 0;
		}).description("Cards in the served model").register(meterRegistry);
		Gauge.builder(MeterNames.MODEL_LOADED, this, (registry) -> (registry.current() != null) ? 1 : 0)
			.description("1 when a model is loaded")
			.register(meterRegistry);
		Gauge.builder(MeterNames.MODEL_LOADED_TIMESTAMP, this, (registry) -> {
			ModelIndex index = registry.current();
			return (index != null) ? index.loadedAt().toEpochMilli() / 1000.0 : 0;
		}).description("When the served model was loaded (epoch seconds)").baseUnit("seconds").register(meterRegistry);
		this.startupLoad = StartupModelLoad.claimOrBegin(this.modelDir);
	}

	// a callback rather than a constructor argument: holders built by hand (tests, tools)
	// simply publish nothing
	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher events) {
		this.events = events;
	}

	@Override
	public void afterSingletonsInstantiated() {
		// a missing or broken model must not stop the service: it answers 503 until a
		// reload succeeds
		ReloadOutcome outcome = reload("startup");
		if (!outcome.success()) {
			logger.warn("Starting without a model: {}", outcome.error());
		}
	}

	/**
	 * The served model.
	 * @return the index, or {@code null} when none is loaded
	 */
	public ModelIndex current() {
		return this.current.get();
	}

	/**
	 * The served model, or a 503 problem saying what is missing.
	 * @return the index
	 * @throws ModelNotLoadedException when none is loaded
	 */
	public ModelIndex require() {
		ModelIndex index = this.current.get();
		if (index == null) {
			throw new ModelNotLoadedException(this.lastError);
		}
		return index;
	}

	/**
	 * The model directory served.
	 * @return the absolute directory
	 */
	public Path modelDir() {
		return this.modelDir;
	}

	/**
	 * The metadata file as the last load attempt, successful or not, found it before
	 * reading.
	 * @return the fingerprint, {@link FileFingerprint#ABSENT} before any attempt
	 */
	FileFingerprint metadataLastRead() {
		return this.metadataLastRead;
	}

	/**
	 * Why the last load failed.
	 * @return the reason, or {@code null} after a successful load
	 */
	public String lastError() {
		return this.lastError;
	}

	/**
	 * Loads the model directory and swaps it in; on failure keeps the served model.
	 * @param trigger what asked for the reload ({@code startup}, {@code admin},
	 * {@code file}, {@code redis})
	 * @return the outcome
	 */
	public ReloadOutcome reload(String trigger) {
		this.reloadLock.lock();
		try {
			ModelIndex previous = this.current.get();
			try {
				ModelIndex loaded = load(trigger);
				this.current.set(loaded);
				this.lastError = null;
				this.modelInfo
					.register(
							List.of(MultiGauge.Row.of(Tags.of("version", loaded.modelVersion(), "loaded_at",
									loaded.loadedAt().toString(), "model_type", loaded.metadata().modelType()), 1)),
							true);
				count(trigger, "success");
				logger.info("Loaded model version '{}' ({} cards) from {} [trigger: {}]", loaded.modelVersion(),
						loaded.cardsCount(), this.modelDir, trigger);
				publishSwap(previous, loaded, trigger);
				return new ReloadOutcome(true, loaded, previous, null);
			}
			catch (RuntimeException ex) {
				String reason = (ex instanceof ModelLoadException) ? ex.getMessage()
						: "cannot load " + this.modelDir + ": " + ex;
				this.lastError = reason;
				count(trigger, "failure");
				if (previous != null) {
					logger.warn("Model reload failed, still serving version '{}': {} [trigger: {}]",
							previous.modelVersion(), reason, trigger);
				}
				else {
					logger.warn("Model load failed: {} [trigger: {}]", reason, trigger);
				}
				return new ReloadOutcome(false, previous, previous, reason);
			}
		}
		finally {
			this.reloadLock.unlock();
		}
	}

	private ModelIndex load(String trigger) {
		// taken before reading, so a change during the read shows as a difference later
		this.metadataLastRead = FileFingerprint.of(this.modelDir.resolve(ModelMetadata.FILE_NAME));
		StartupModelLoad early = this.startupLoad;
		this.startupLoad = null;
		if (early != null && "startup".equals(trigger)) {
			ModelIndex index = early.result(this.modelDir);
			if (index != null) {
				return index;
			}
		}
		return ModelIndexLoader.load(this.modelDir, StartupModelLoad.nextGeneration());
	}

	private void publishSwap(ModelIndex previous, ModelIndex loaded, String trigger) {
		ApplicationEventPublisher publisher = this.events;
		if (publisher != null) {
			publisher.publishEvent(new ModelSwappedEvent(previous, loaded, trigger));
		}
	}

	private void count(String trigger, String outcome) {
		Counter.builder(MeterNames.MODEL_RELOADS)
			.description("Model (re)loads by trigger and outcome")
			.tag("trigger", trigger)
			.tag("outcome", outcome)
			.register(this.meterRegistry)
			.increment();
	}

	/**
	 * What a reload did.
	 *
	 * @param success whether the new model was loaded
	 * @param served the model served afterwards, or {@code null}
	 * @param previous the model served before, or {@code null}
	 * @param error why it failed, or {@code null}
	 */
	public record ReloadOutcome(boolean success, ModelIndex served, ModelIndex previous, String error) {

	}

}
