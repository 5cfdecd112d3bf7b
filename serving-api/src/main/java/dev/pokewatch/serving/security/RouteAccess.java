package dev.pokewatch.serving.security;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.util.UrlPathHelper;

/**
 * Which key, if any, a route needs. Unknown paths are {@link #OPEN} so they reach the
 * normal 404 handling.
 */
public enum RouteAccess {

	/** No key needed. */
	OPEN,

	/** A client or admin key is needed. */
	CLIENT,

	/** An admin key is needed. */
	ADMIN;

	private static final List<String> CLIENT_ROUTES = List.of("/predict", "/fair_price", "/batch_predict",
			"/list_cards", "/cards", "/signals", "/watchlist");

	private static final String ADMIN_ROUTE = "/admin";

	private static final UrlPathHelper PATH_HELPER = createPathHelper();

	/**
	 * Classify a request by its path inside the application.
	 * @param request the request
	 * @return the access the route needs
	 */
	public static RouteAccess of(HttpServletRequest request) {
		return ofPath(PATH_HELPER.getPathWithinApplication(request));
	}

	/**
	 * Classify a decoded path. Matching ignores case, repeated and trailing slashes so
	 * that a variant spelling can never reach a protected handler unauthenticated: it
	 * either needs a key or gets 404.
	 * @param path the decoded path, starting with {@code /}
	 * @return the access the route needs
	 */
	static RouteAccess ofPath(String path) {
		String normalized = normalize(path);
		if (matches(normalized, ADMIN_ROUTE)) {
			return ADMIN;
		}
		for (String route : CLIENT_ROUTES) {
			if (matches(normalized, route)) {
				return CLIENT;
			}
		}
		return OPEN;
	}

	private static boolean matches(String path, String route) {
		return path.equals(route) || path.startsWith(route + "/");
	}

	private static String normalize(String path) {
		String collapsed = (path.contains("//") ? path.replaceAll("/{2,}", "/") : path).toLowerCase(Locale.ROOT);
		while (collapsed.length() > 1 && collapsed.endsWith("/")) {
			collapsed = collapsed.substring(0, collapsed.length() - 1);
		}
		return collapsed.startsWith("/") ? collapsed : "/" + collapsed;
	}

	private static UrlPathHelper createPathHelper() {
		UrlPathHelper helper = new UrlPathHelper();
		helper.setUrlDecode(true);
		helper.setRemoveSemicolonContent(true);
		return helper;
	}

}
