package dev.pokewatch.serving.prediction;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Answers {@code POST /predict} (and {@code /fair_price}) without Spring MVC's dispatch
 * when the body is a small JSON object naming a card: {@link SinglePrediction} answers
 * it, written with the application's JSON mapper under the same metrics route. A request
 * whose body does not parse into a request with a non-blank card, and every other kind of
 * request (other media types, larger bodies), goes on to the controller with its body
 * intact, so parsing, validation and content negotiation stay the controller's; a card or
 * day the model cannot answer is answered by the application's exception handlers, as if
 * the controller had thrown it. Profiles of {@code /predict} (issue 9) put handler
 * lookup, argument resolution, message-converter selection and return-value handling at
 * about 40 % of the request's CPU.
 */
final class DirectPredictionFilter extends OncePerRequestFilter {

	/** Larger bodies go to the controller: a real /predict body is under 100 bytes. */
	static final int MAX_BODY_BYTES = 4096;

	private final SinglePrediction single;

	private final JsonMapper jsonMapper;

	private final ObjectWriter responseWriter;

	private final HandlerExceptionResolver exceptionResolver;

	DirectPredictionFilter(SinglePrediction single, JsonMapper jsonMapper, HandlerExceptionResolver exceptionResolver) {
		this.single = single;
		this.exceptionResolver = exceptionResolver;
		this.jsonMapper = jsonMapper;
		this.responseWriter = jsonMapper.writerFor(PredictionResponse.class);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String uri = request.getRequestURI();
		return !"POST".equals(request.getMethod()) || !("/predict".equals(uri) || "/fair_price".equals(uri));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		int length = request.getContentLength();
		if (length <= 0 || length > MAX_BODY_BYTES || !isJsonUtf8(request.getContentType()) || !acceptsJson(request)) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes(length);
		PredictionRequest parsed = (body.length == length) ? parseOrNull(body) : null;
		if (parsed == null) {
			chain.doFilter(new BufferedBodyRequest(request, body), response);
			return;
		}
		String route = request.getRequestURI();
		ServerHttpObservationFilter.findObservationContext(request)
			.ifPresent((context) -> context.setPathPattern(route));
		PredictionAnswer answer;
		try {
			answer = this.single.answer(parsed);
		}
		catch (RuntimeException ex) {
			// the exception handlers the controller's failures go to, once: answering
			// again through the controller would repeat the lookups
			if (this.exceptionResolver.resolveException(request, response, null, ex) == null) {
				throw ex;
			}
			return;
		}
		byte[] json = answer.json(this.responseWriter);
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType("application/json");
		response.setContentLength(json.length);
		response.getOutputStream().write(json);
	}

	/**
	 * The request when the body is exactly an object of a string {@code card_id} that is
	 * not blank and an optional string or null {@code date}, each once, and nothing after
	 * it; otherwise {@code null}, and the controller parses it. On that subset the
	 * mapper's own binding gives the same request, and a streaming read costs a fraction
	 * of the binding (issue 9).
	 */
	private PredictionRequest parseOrNull(byte[] body) {
		String cardId = null;
		String date = null;
		boolean sawDate = false;
		try (JsonParser parser = this.jsonMapper.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			JsonToken token;
			while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if ("card_id".equals(name) && cardId == null && value == JsonToken.VALUE_STRING) {
					cardId = parser.getString();
				}
				else if ("date".equals(name) && !sawDate
						&& (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL)) {
					date = (value == JsonToken.VALUE_STRING) ? parser.getString() : null;
					sawDate = true;
				}
				else {
					return null;
				}
			}
			if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
				return null;
			}
		}
		catch (JacksonException ex) {
			return null;
		}
		// stricter than @NotBlank: whatever this lets through, validation lets through
		if (cardId == null || cardId.isBlank() || cardId.trim().isEmpty()) {
			return null;
		}
		return new PredictionRequest(cardId, date);
	}

	private static boolean isJsonUtf8(String contentType) {
		if (contentType == null) {
			return false;
		}
		String normalized = contentType.replace(" ", "").toLowerCase(Locale.ROOT);
		return normalized.equals("application/json") || normalized.equals("application/json;charset=utf-8");
	}

	private static boolean acceptsJson(HttpServletRequest request) {
		Enumeration<String> accept = request.getHeaders("Accept");
		if (accept == null || !accept.hasMoreElements()) {
			return true;
		}
		String value = accept.nextElement().trim();
		return !accept.hasMoreElements() && (value.equals("*/*") || value.equalsIgnoreCase("application/json"));
	}

	/**
	 * The request with its body already read, for the controller.
	 */
	private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		private ServletInputStream stream;

		BufferedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			if (this.stream == null) {
				this.stream = new BufferedBodyStream(new ByteArrayInputStream(this.body));
			}
			return this.stream;
		}

		@Override
		public BufferedReader getReader() {
			return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

	}

	private static final class BufferedBodyStream extends ServletInputStream {

		private final ByteArrayInputStream bytes;

		BufferedBodyStream(ByteArrayInputStream bytes) {
			this.bytes = bytes;
		}

		@Override
		public int read() {
			return this.bytes.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			return this.bytes.read(buffer, offset, length);
		}

		@Override
		public boolean isFinished() {
			return this.bytes.available() == 0;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			throw new UnsupportedOperationException("the body was read already");
		}

	}

}
