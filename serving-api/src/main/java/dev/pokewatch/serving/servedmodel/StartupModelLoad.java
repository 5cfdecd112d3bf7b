package dev.pokewatch.serving.servedmodel;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The startup load of the served model, read on a background thread while the application
 * context starts: reading a large features file takes seconds that would otherwise add to
 * the time until ready. {@link EarlyModelLoadListener} begins it as soon as the
 * environment is known, before any bean exists; {@link ServedModelHolder} claims it (or
 * begins one, when none was begun for its directory). Its result is used only if the
 * model files are unchanged since it began.
 *
 * @param modelDir the absolute, normalized model directory
 * @param fingerprints the fingerprint of each file in the directory when the load began
 * @param future the load
 */
record StartupModelLoad(Path modelDir, Map<String, FileFingerprint> fingerprints,
		CompletableFuture<ModelIndex> future) {

	private static final Logger logger = LoggerFactory.getLogger(StartupModelLoad.class);

	/** Generations are unique in the JVM, so a claimed early load never repeats one. */
	private static final AtomicLong GENERATIONS = new AtomicLong();

	/** The load begun before the context, waiting for its holder. */
	private static final AtomicReference<StartupModelLoad> EARLY = new AtomicReference<>();

	/**
	 * The generation of the next model load.
	 * @return a number never returned before in this JVM
	 */
	static long nextGeneration() {
		return GENERATIONS.incrementAndGet();
	}

	/**
	 * Begins loading a model directory for the holder that will ask for it, replacing a
	 * load begun earlier and never claimed.
	 * @param modelDir the model directory
	 */
	static void beginEarly(Path modelDir) {
		EARLY.set(begin(modelDir.toAbsolutePath().normalize()));
	}

	/**
	 * The load begun early for this directory, else a new one.
	 * @param modelDir the absolute, normalized model directory
	 * @return the startup load
	 */
	static StartupModelLoad claimOrBegin(Path modelDir) {
		StartupModelLoad early = EARLY.getAndSet(null);
		return (early != null && early.modelDir().equals(modelDir)) ? early : begin(modelDir);
	}

	/**
	 * Whether a load begun early for a directory waits to be claimed.
	 * @param modelDir the model directory
	 * @return {@code true} if one does
	 */
	static boolean pendingFor(Path modelDir) {
		StartupModelLoad early = EARLY.get();
		return early != null && early.modelDir().equals(modelDir.toAbsolutePath().normalize());
	}

	private static StartupModelLoad begin(Path modelDir) {
		Map<String, FileFingerprint> fingerprints = FileFingerprint.ofEach(modelDir);
		CompletableFuture<ModelIndex> future = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				long started = System.nanoTime();
				ModelIndex index = ModelIndexLoader.load(modelDir, nextGeneration());
				logger.info("Model files read in {} ms ({} cards) on the startup thread",
						(System.nanoTime() - started) / 1_000_000, index.cardsCount());
				future.complete(index);
			}
			catch (Throwable ex) {
				future.completeExceptionally(ex);
			}
		}, "model-startup-load");
		thread.setDaemon(true);
		thread.start();
		return new StartupModelLoad(modelDir, fingerprints, future);
	}

	/**
	 * The loaded index, its load failure rethrown, or {@code null} when the files changed
	 * meanwhile and must be read again.
	 * @param modelDir the model directory
	 * @return the index or {@code null}
	 */
	ModelIndex result(Path modelDir) {
		ModelIndex index;
		try {
			index = this.future.join();
		}
		catch (CompletionException ex) {
			if (!this.fingerprints.equals(FileFingerprint.ofEach(modelDir))) {
				return null;
			}
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw ex;
		}
		return this.fingerprints.equals(FileFingerprint.ofEach(modelDir)) ? index : null;
	}

}
