package dev.pokewatch.serving.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adds the security headers to every response before anything is written:
 * {@code nosniff}, {@code DENY} framing, a referrer and permissions policy,
 * {@code no-store} and a restrictive CSP on API responses (not on the docs UI), a CSP
 * that allows the web page its own assets only, and HSTS only when the request came over
 * https.
 */
class SecurityHeadersFilter extends OncePerRequestFilter {

	private static final String PERMISSIONS_POLICY = "geolocation=(), microphone=(), camera=(), payment=()";

	private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

	/**
	 * The web page's policy: its own scripts, styles, images and API calls and nothing
	 * else; no inline script or style, no plugin, no form target, no framing.
	 */
	static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		apply(request, response);
		chain.doFilter(request, response);
	}

	/**
	 * Sets the headers on a response; also used for answers the container writes itself.
	 * @param request the request
	 * @param response the response, not yet committed
	 */
	static void apply(HttpServletRequest request, HttpServletResponse response) {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
		String uri = request.getRequestURI();
		if (uri == null || !isDocs(uri)) {
			response.setHeader("Cache-Control", "no-store");
			response.setHeader("Content-Security-Policy", isPage(uri) ? PAGE_POLICY : API_POLICY);
		}
		if (request.isSecure()) {
			response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
		}
	}

	// the page at / and the static assets it loads (src/main/resources/static, WebJars)
	static boolean isPage(String uri) {
		return uri.equals("/") || uri.equals("/index.html") || uri.equals("/favicon.ico") || uri.startsWith("/app/")
				|| uri.startsWith("/webjars/");
	}

	private static boolean isDocs(String uri) {
		return uri.startsWith("/docs") || uri.startsWith("/swagger-ui");
	}

}
