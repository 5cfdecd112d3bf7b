package dev.pokewatch.training.tracking;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How to reach an MLflow tracking server: base URI (may carry a path, as DagsHub's
 * {@code https://dagshub.com/<owner>/<repo>.mlflow} does), credentials and timeouts.
 *
 * @param baseUri the tracking URI, {@code http} or {@code https}
 * @param username Basic-auth user ({@code MLFLOW_TRACKING_USERNAME}), may be null
 * @param password Basic-auth password or DagsHub token
 * ({@code MLFLOW_TRACKING_PASSWORD}), may be null
 * @param token bearer token ({@code MLFLOW_TRACKING_TOKEN}), used only without
 * username/password, may be null
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout timeout of one request (artifact uploads included)
 */
record MlflowConnection(URI baseUri, @Nullable String username, @Nullable String password, @Nullable String token,
		Duration connectTimeout, Duration requestTimeout) {

	MlflowConnection {
		Objects.requireNonNull(baseUri, "'baseUri' must not be null");
		Objects.requireNonNull(connectTimeout, "'connectTimeout' must not be null");
		Objects.requireNonNull(requestTimeout, "'requestTimeout' must not be null");
		String scheme = baseUri.getScheme();
		if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
			throw new IllegalArgumentException("'baseUri' must be http or https but was " + withoutUserInfo(baseUri));
		}
		// https://user:token@host/... works for MLflow's Python client: accept it, but
		// keep the credentials out of the URL, which is printed in logs and error
		// messages
		String userInfo = baseUri.getUserInfo();
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			if (colon > 0 && !hasText(username) && !hasText(password)) {
				username = userInfo.substring(0, colon);
				password = userInfo.substring(colon + 1);
			}
			baseUri = withoutUserInfo(baseUri);
		}
	}

	/**
	 * The URI with any {@code user:password@} part removed.
	 * @param uri a URI
	 * @return the URI without user info
	 */
	static URI withoutUserInfo(URI uri) {
		if (uri.getRawUserInfo() == null) {
			return uri;
		}
		return URI.create(uri.toString().replace(uri.getRawUserInfo() + "@", ""));
	}

	/**
	 * The base URL without a trailing slash, for building endpoint URLs.
	 * @return the base URL
	 */
	String baseUrl() {
		String url = this.baseUri.toString();
		while (url.endsWith("/")) {
			url = url.substring(0, url.length() - 1);
		}
		return url;
	}

	boolean hasBasicAuth() {
		return hasText(this.username) && hasText(this.password);
	}

	boolean hasBearerToken() {
		return !hasBasicAuth() && hasText(this.token);
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

	@Override
	public String toString() {
		// Never print credentials: this record ends up in log lines and exception
		// messages.
		String auth = hasBasicAuth() ? "basic auth" : (hasBearerToken() ? "bearer token" : "no auth");
		return "MlflowConnection[" + baseUrl() + ", " + auth + "]";
	}

}
