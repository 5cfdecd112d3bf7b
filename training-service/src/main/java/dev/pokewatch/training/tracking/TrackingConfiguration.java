package dev.pokewatch.training.tracking;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the tracking backend from {@link TrackingProperties}: an {@code http(s)} URI
 * gives the MLflow server tracker and registry (MLflow's Java client, plus our REST
 * client for artifacts and registry writes); no URI, a {@code file:} URI or a plain path
 * gives the local file store and a registry that records nothing.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrackingProperties.class)
class TrackingConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(TrackingConfiguration.class);

	@Bean
	ExperimentTracker experimentTracker(TrackingProperties properties) {
		ExperimentTracker tracker = switch (backend(properties)) {
			case Server server -> new MlflowTracker(server.connection());
			case FileStore fileStore -> new FileStoreTracker(fileStore.root());
		};
		logger.info("Experiment tracking: {}", tracker.describe());
		return tracker;
	}

	@Bean
	ModelRegistry modelRegistry(TrackingProperties properties) {
		return switch (backend(properties)) {
			case Server server -> new MlflowModelRegistry(server.connection());
			case FileStore fileStore -> new UnavailableModelRegistry("The model registry needs an MLflow server "
					+ "(set MLFLOW_TRACKING_URI); runs go to the file store " + fileStore.root()
					+ ", so no model version or alias is recorded");
		};
	}

	static Backend backend(TrackingProperties properties) {
		String uri = (properties.uri() != null) ? properties.uri().strip() : "";
		if (uri.isEmpty()) {
			return new FileStore(properties.fileStoreDir().toAbsolutePath().normalize());
		}
		URI parsed;
		try {
			parsed = new URI(uri);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("MLFLOW_TRACKING_URI is not a valid URI: " + ex.getReason(), ex);
		}
		String scheme = (parsed.getScheme() != null) ? parsed.getScheme().toLowerCase(Locale.ROOT) : "";
		if ("databricks".equalsIgnoreCase(uri)) {
			scheme = "databricks";
		}
		return switch (scheme) {
			case "http", "https" ->
				new Server(new MlflowConnection(parsed, properties.username(), properties.password(),
						properties.token(), properties.connectTimeout(), properties.requestTimeout()));
			case "file" -> new FileStore(fileStorePath(parsed));
			// A single letter is a Windows drive ("C:\mlruns"), i.e. a plain path.
			case "" -> new FileStore(Path.of(uri).toAbsolutePath().normalize());
			default -> {
				if (scheme.length() == 1) {
					yield new FileStore(Path.of(uri).toAbsolutePath().normalize());
				}
				throw new IllegalStateException("MLFLOW_TRACKING_URI '" + MlflowConnection.withoutUserInfo(parsed)
						+ "' is not supported: use http(s):// "
						+ "for an MLflow server (local or DagsHub), file: or a path for the local file store, "
						+ "or leave it unset");
			}
		};
	}

	private static Path fileStorePath(URI uri) {
		if (uri.getPath() != null && uri.getPath().startsWith("/")) {
			return Path.of(uri.getPath()).normalize();
		}
		// file:mlruns or file:./mlruns: relative to the working directory
		return Path.of(uri.getSchemeSpecificPart()).toAbsolutePath().normalize();
	}

	/** The backend a tracking configuration selects. */
	sealed interface Backend permits Server, FileStore {

	}

	/**
	 * An MLflow tracking server.
	 *
	 * @param connection how to reach it
	 */
	record Server(MlflowConnection connection) implements Backend {

	}

	/**
	 * A local file store.
	 *
	 * @param root its directory
	 */
	record FileStore(Path root) implements Backend {

	}

}
