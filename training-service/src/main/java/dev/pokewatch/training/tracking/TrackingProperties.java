package dev.pokewatch.training.tracking;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where training runs are tracked, bound from {@code training.tracking.*} (which
 * {@code application.yml} maps from the usual MLflow environment variables).
 *
 * @param uri {@code MLFLOW_TRACKING_URI}: {@code http(s)://...} for an MLflow server,
 * {@code file:...} or a plain path for the local file store, blank for the file store at
 * {@link #fileStoreDir}
 * @param username {@code MLFLOW_TRACKING_USERNAME} (Basic auth, DagsHub user)
 * @param password {@code MLFLOW_TRACKING_PASSWORD} (Basic auth, DagsHub token)
 * @param token {@code MLFLOW_TRACKING_TOKEN} (Bearer auth, when no username/password)
 * @param fileStoreDir {@code MLFLOW_FILE_STORE_DIR}: the file store used when no URI is
 * set
 * @param connectTimeout how long to wait for the server's TCP connect
 * @param requestTimeout how long one request (or artifact upload) may take
 */
@ConfigurationProperties("training.tracking")
record TrackingProperties(@Nullable String uri, @Nullable String username, @Nullable String password,
		@Nullable String token, @DefaultValue("mlruns") Path fileStoreDir, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("120s") Duration requestTimeout) {

	@Override
	public String toString() {
		// Keeps the password and token out of logs and failure analysis output.
		return "TrackingProperties[uri=" + this.uri + ", username=" + this.username + ", password="
				+ mask(this.password) + ", token=" + mask(this.token) + ", fileStoreDir=" + this.fileStoreDir
				+ ", connectTimeout=" + this.connectTimeout + ", requestTimeout=" + this.requestTimeout + "]";
	}

	private static String mask(@Nullable String secret) {
		return (secret == null || secret.isEmpty()) ? "<unset>" : "******";
	}

}
