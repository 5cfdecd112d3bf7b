package dev.pokewatch.serving.servedmodel;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.serving.system.ServingProperties;

/**
 * Reloads the model when {@code model_metadata.json} changes. Training replaces the whole
 * model directory by a rename, so a watch on the directory alone would go stale: this
 * watches the directory and its parent, re-registers the directory when it is replaced,
 * and compares a fingerprint of the metadata file (file key, size, modification time) on
 * every event and at least every poll interval, so it also works where file events are
 * unreliable (network or container file systems).
 */
@Component
class ModelDirectoryWatcher implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ModelDirectoryWatcher.class);

	private final ServedModelHolder registry;

	private final boolean enabled;

	private final Duration pollInterval;

	private volatile Thread thread;

	private volatile boolean running;

	ModelDirectoryWatcher(ServedModelHolder registry, ServingProperties properties) {
		this.registry = registry;
		this.enabled = properties.reload().watch();
		this.pollInterval = properties.reload().pollInterval();
	}

	@Override
	public void start() {
		if (!this.enabled || this.running) {
			return;
		}
		this.running = true;
		Thread watcher = new Thread(this::watch, "model-dir-watcher");
		watcher.setDaemon(true);
		this.thread = watcher;
		watcher.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread watcher = this.thread;
		if (watcher != null) {
			watcher.interrupt();
			try {
				watcher.join(TimeUnit.SECONDS.toMillis(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void watch() {
		Path directory = this.registry.modelDir();
		Path metadataFile = directory.resolve(ModelMetadata.FILE_NAME);
		// compared with what the holder last read, not with the file when this thread
		// began: a model replaced between the load and now is reloaded too
		FileFingerprint last = this.registry.metadataLastRead();
		try (WatchService watchService = newWatchService()) {
			Map<Path, Object> registered = new HashMap<>();
			while (this.running) {
				if (watchService != null) {
					register(watchService, registered, directory.getParent());
					register(watchService, registered, directory);
					awaitEvents(watchService);
				}
				else {
					Thread.sleep(this.pollInterval);
				}
				FileFingerprint now = FileFingerprint.of(metadataFile);
				// an absent file means the directory is being replaced: keep serving
				// until the new one appears
				if (now.exists() && !now.equals(last)) {
					logger.info("{} changed, reloading the model", metadataFile);
					this.registry.reload("file");
				}
				last = now;
			}
		}
		catch (InterruptedException | ClosedWatchServiceException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException | RuntimeException ex) {
			logger.error("Model directory watcher stopped: {}", ex.toString());
		}
	}

	private WatchService newWatchService() {
		try {
			return FileSystems.getDefault().newWatchService();
		}
		catch (IOException | UnsupportedOperationException ex) {
			logger.warn("No file watch service ({}); polling every {}", ex, this.pollInterval);
			return null;
		}
	}

	private void awaitEvents(WatchService watchService) throws InterruptedException {
		WatchKey key = watchService.poll(this.pollInterval.toMillis(), TimeUnit.MILLISECONDS);
		while (key != null) {
			key.pollEvents();
			key.reset();
			key = watchService.poll();
		}
	}

	private void register(WatchService watchService, Map<Path, Object> registered, Path directory) {
		if (directory == null) {
			return;
		}
		try {
			Object fileKey = Files.readAttributes(directory, BasicFileAttributes.class).fileKey();
			// a replaced directory has a new file key and needs a new registration
			if (fileKey == null || !Objects.equals(registered.get(directory), fileKey)) {
				directory.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
						StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
				registered.put(directory, fileKey);
			}
		}
		catch (NoSuchFileException ex) {
			registered.remove(directory);
		}
		catch (IOException ex) {
			logger.debug("Cannot watch {}: {}", directory, ex.toString());
			registered.remove(directory);
		}
	}

}
