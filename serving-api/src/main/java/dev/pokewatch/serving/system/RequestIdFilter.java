package dev.pokewatch.serving.system;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the client's {@code X-Request-ID} when it is a sane value
 * (at most 128 characters of {@code [A-Za-z0-9._-]}), else a new one. The id is echoed on
 * every response, stored as request attribute {@value #ATTRIBUTE} (read by other filters
 * and the error handler) and in the logging MDC as {@value #MDC_KEY}. Runs first of all
 * filters.
 */
public class RequestIdFilter extends OncePerRequestFilter {

	/** Request attribute holding the id. */
	public static final String ATTRIBUTE = "pokewatch.requestId";

	/** The header read and written. */
	public static final String HEADER = "X-Request-ID";

	/** The MDC key. */
	public static final String MDC_KEY = "request_id";

	private static final int MAX_LENGTH = 128;

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	/**
	 * The id of a request, if this filter has seen it.
	 * @param request the request
	 * @return the id, or {@code null}
	 */
	public static String requestId(HttpServletRequest request) {
		Object id = request.getAttribute(ATTRIBUTE);
		return (id instanceof String text) ? text : null;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		// the container may reset the response before an error dispatch; set the header
		// again
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String id = requestId(request);
		if (id == null) {
			String supplied = request.getHeader(HEADER);
			id = isSane(supplied) ? supplied : generate();
			request.setAttribute(ATTRIBUTE, id);
		}
		response.setHeader(HEADER, id);
		MDC.put(MDC_KEY, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

	static boolean isSane(String id) {
		if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
			return false;
		}
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
					|| c == '_' || c == '-';
			if (!allowed) {
				return false;
			}
		}
		return true;
	}

	static String generate() {
		// ids only need to be unique, not unguessable: ThreadLocalRandom avoids
		// SecureRandom's lock on the hot path
		ThreadLocalRandom random = ThreadLocalRandom.current();
		char[] chars = new char[32];
		long high = random.nextLong();
		long low = random.nextLong();
		for (int i = 0; i < 16; i++) {
			chars[i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xf];
			chars[16 + i] = HEX[(int) (low >>> (60 - 4 * i)) & 0xf];
		}
		return new String(chars);
	}

}
