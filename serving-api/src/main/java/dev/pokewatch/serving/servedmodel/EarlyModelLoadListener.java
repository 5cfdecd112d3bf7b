package dev.pokewatch.serving.servedmodel;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

import dev.pokewatch.common.served.ModelMetadata;

/**
 * Begins reading the served model as soon as the environment is known, before the
 * application context creates its beans, so the seconds a large model takes overlap the
 * whole context start instead of its end. Registered in {@code META-INF/spring.factories}
 * (it runs before any bean exists). Without a model directory holding a model it does
 * nothing, and {@link ServedModelHolder} loads as before.
 */
public class EarlyModelLoadListener implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		String modelDir = event.getEnvironment().getProperty("serving.model-dir");
		if (modelDir == null || modelDir.isBlank()) {
			return;
		}
		Path directory = Path.of(modelDir);
		if (Files.isRegularFile(directory.resolve(ModelMetadata.FILE_NAME))) {
			StartupModelLoad.beginEarly(directory);
		}
	}

}
