package dev.pokewatch.serving.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.pokewatch.common.served.ServedFeaturesCodec;
import dev.pokewatch.serving.support.RawHttpClient;
import dev.pokewatch.serving.support.ServingTestApplication;
import dev.pokewatch.serving.support.TestModels;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The direct {@code /predict} path answers exactly as the controller does: two
 * applications on the same model, one with {@code serving.direct-predict.enabled=false},
 * get the same raw HTTP requests (plain, erroneous, odd media types, chunked, random
 * mutations of valid bodies) and must send the same status, headers and body, apart from
 * the per-request id and the clock. The metrics of both count the same routes.
 */
class DirectPredictionEquivalenceTests {

	private static final String KEY = "pk_direct_equivalence_key";

	private static Path root;

	private static ConfigurableApplicationContext direct;

	private static ConfigurableApplicationContext controller;

	@BeforeAll
	static void start() throws IOException {
		root = Files.createTempDirectory("direct-predict");
		List<ServedFeaturesCodec.Row> rows = new ArrayList<>(TestModels.dispersionRows());
		rows.addAll(TestModels.standardRows(1.0));
		Path model = TestModels.write(root.resolve("models/baseline"), rows,
				TestModels.dispersionMetadata("direct-v1"));
		direct = start(model, true);
		controller = start(model, false);
	}

	private static ConfigurableApplicationContext start(Path model, boolean directPredict) {
		return new SpringApplicationBuilder(ServingTestApplication.class).web(WebApplicationType.SERVLET)
			.run("--server.port=0", "--serving.model-dir=" + model, "--serving.reload.watch=false",
					"--serving.security.api-keys=" + KEY, "--serving.rate-limit.requests-per-minute=100000000",
					"--serving.rate-limit.burst=100000000",
					"--serving.watchlist.file=" + root.resolve("watchlists-" + directPredict + ".json"),
					"--serving.direct-predict.enabled=" + directPredict);
	}

	@AfterAll
	static void stop() {
		if (direct != null) {
			direct.close();
		}
		if (controller != null) {
			controller.close();
		}
	}

	static Stream<Arguments> requests() {
		String json = "application/json";
		return Stream.of(Arguments.of("latest day", post("/predict", json, "{\"card_id\":\"z_buy_strong\"}")),
				Arguments.of("alias", post("/fair_price", json, "{\"card_id\":\"z_sell\"}")),
				Arguments.of("as-of date",
						post("/predict", json, "{\"card_id\":\"z_week_old\",\"date\":\"2026-03-05\"}")),
				Arguments.of("exact date",
						post("/predict", json, "{\"card_id\":\"sv2a_151_card_a___001_165\",\"date\":\"2025-11-23\"}")),
				Arguments.of("outlier day",
						post("/predict", json, "{\"card_id\":\"sv2a_151_card_b___002_165\",\"date\":\"2025-11-23\"}")),
				Arguments.of("no dispersion", post("/predict", json, "{\"card_id\":\"z_no_dispersion\"}")),
				Arguments.of("no fair price", post("/predict", json, "{\"card_id\":\"z_no_fair\"}")),
				Arguments.of("first day",
						post("/predict", json, "{\"card_id\":\"sv2a_151_card_a___001_165\",\"date\":\"2025-11-20\"}")),
				Arguments.of("before history",
						post("/predict", json, "{\"card_id\":\"z_buy_strong\",\"date\":\"2001-01-01\"}")),
				Arguments.of("unknown card", post("/predict", json, "{\"card_id\":\"no_such_card\"}")),
				Arguments.of("card without market price",
						post("/predict", json, "{\"card_id\":\"sv2a_151_card_d___004_165\"}")),
				Arguments.of("blank card", post("/predict", json, "{\"card_id\":\"   \"}")),
				Arguments.of("control-character card", post("/predict", json, "{\"card_id\":\"\\u0001\"}")),
				Arguments.of("em-space card", post("/predict", json, "{\"card_id\":\"\\u2003\"}")),
				Arguments.of("null card", post("/predict", json, "{\"card_id\":null}")),
				Arguments.of("no card", post("/predict", json, "{}")),
				Arguments.of("bad date", post("/predict", json, "{\"card_id\":\"z_sell\",\"date\":\"2025-13-01\"}")),
				Arguments.of("number date", post("/predict", json, "{\"card_id\":\"z_sell\",\"date\":20250101}")),
				Arguments.of("number card", post("/predict", json, "{\"card_id\":42}")),
				Arguments.of("unknown field", post("/predict", json, "{\"card_id\":\"z_sell\",\"extra\":true}")),
				Arguments.of("date first, null", post("/predict", json, "{\"date\":null,\"card_id\":\"z_hold\"}")),
				Arguments.of("escaped card", post("/predict", json, "{\"card_id\":\"z_h\\u006fld\"}")),
				Arguments.of("whitespace around", post("/predict", json, " \r\n{ \"card_id\" :\t\"z_hold\" }\n")),
				Arguments.of("duplicate date",
						post("/predict", json, "{\"card_id\":\"z_hold\",\"date\":\"2026-03-10\",\"date\":null}")),
				Arguments.of("empty date", post("/predict", json, "{\"card_id\":\"z_hold\",\"date\":\"\"}")),
				Arguments.of("utf-8 card", post("/predict", json, "{\"card_id\":\"pok\u00e9mon\"}")),
				Arguments.of("duplicate field",
						post("/predict", json, "{\"card_id\":\"z_sell\",\"card_id\":\"z_hold\"}")),
				Arguments.of("trailing tokens", post("/predict", json, "{\"card_id\":\"z_sell\"} {}")),
				Arguments.of("malformed", post("/predict", json, "{\"card_id\":")),
				Arguments.of("array", post("/predict", json, "[{\"card_id\":\"z_sell\"}]")),
				Arguments.of("json null", post("/predict", json, "null")),
				Arguments.of("empty body", post("/predict", json, "")),
				Arguments.of("charset utf-8",
						post("/predict", "application/json; charset=UTF-8", "{\"card_id\":\"z_hold\"}")),
				Arguments.of("charset latin-1",
						post("/predict", "application/json;charset=ISO-8859-1", "{\"card_id\":\"z_hold\"}")),
				Arguments.of("text/plain", post("/predict", "text/plain", "{\"card_id\":\"z_hold\"}")),
				Arguments.of("json suffix type",
						post("/predict", "application/problem+json", "{\"card_id\":\"z_hold\"}")),
				Arguments.of("no content type",
						request("POST", "/predict", null, List.of(), "{\"card_id\":\"z_hold\"}")),
				Arguments.of("accept json",
						request("POST", "/predict", json, List.of("Accept: application/json"),
								"{\"card_id\":\"z_hold\"}")),
				Arguments.of("accept any",
						request("POST", "/predict", json, List.of("Accept: */*"), "{\"card_id\":\"z_hold\"}")),
				Arguments.of("accept xml",
						request("POST", "/predict", json, List.of("Accept: application/xml"),
								"{\"card_id\":\"z_hold\"}")),
				Arguments.of("accept json q=0",
						request("POST", "/predict", json, List.of("Accept: application/json;q=0"),
								"{\"card_id\":\"z_hold\"}")),
				Arguments.of("two accept headers",
						request("POST", "/predict", json, List.of("Accept: text/html", "Accept: application/json"),
								"{\"card_id\":\"z_hold\"}")),
				Arguments.of("trailing slash", post("/predict/", json, "{\"card_id\":\"z_hold\"}")),
				Arguments.of("query string", post("/predict?x=1", json, "{\"card_id\":\"z_hold\"}")),
				Arguments.of("GET", request("GET", "/predict", null, List.of(), "")),
				Arguments.of("no key",
						request("POST", "/predict", json, List.of("X-API-Key: wrong"), "{\"card_id\":\"z_hold\"}")),
				Arguments.of("large body",
						post("/predict", json, "{\"card_id\":\"z_hold\",\"pad\":\"" + "x".repeat(5000) + "\"}")),
				Arguments.of("chunked", chunked("/predict", "{\"card_id\":\"z_buy_weak\"}")));
	}

	@Test
	void onlyTheFirstApiHasTheDirectPath() {
		// otherwise every comparison here would compare the controller with itself
		assertThat(direct.containsBean("directPredictionFilter")).isTrue();
		assertThat(controller.containsBean("directPredictionFilter")).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("requests")
	void answersAsTheController(String name, byte[] request) {
		assertThat(exchange(direct, request)).as(name).isEqualTo(exchange(controller, request));
	}

	@Test
	void randomMutationsOfValidBodiesAnswerAsTheController() {
		// a fixed seed: a failure names its body and reproduces
		Random random = new Random(20261130);
		String[] cards = { "z_buy_strong", "z_sell", "z_hold", "z_week_old", "z_no_fair", "no_such_card",
				"sv2a_151_card_a___001_165", "sv2a_151_card_b___002_165", "" };
		String[] dates = { null, "2026-03-10", "2026-03-02", "2025-11-22", "2030-01-01", "1999-12-31", "2026-3-10",
				"" };
		for (int i = 0; i < 300; i++) {
			String card = cards[random.nextInt(cards.length)];
			String date = dates[random.nextInt(dates.length)];
			String body = "{\"card_id\":\"" + card + "\"" + ((date != null) ? ",\"date\":\"" + date + "\"" : "") + "}";
			body = mutate(body, random);
			byte[] request = post("/predict", "application/json", body);
			assertThat(exchange(direct, request)).as(body).isEqualTo(exchange(controller, request));
		}
	}

	@Test
	void directAnswersAreMeasuredUnderTheirRoute() {
		byte[] request = post("/predict", "application/json", "{\"card_id\":\"z_tie_a\"}");
		double before = predictCount(direct);
		for (int i = 0; i < 5; i++) {
			assertThat(exchange(direct, request).status()).isEqualTo(200);
			// the same to the other: the counts of both are compared
			exchange(controller, request);
		}
		assertThat(predictCount(direct)).isEqualTo(before + 5);
	}

	@Test
	void bothCountTheSameRequestsUnderTheSameTags() {
		for (Arguments arguments : requests().toList()) {
			byte[] request = (byte[]) arguments.get()[1];
			exchange(direct, request);
			exchange(controller, request);
		}
		assertThat(requestCounts(direct)).isNotEmpty().isEqualTo(requestCounts(controller));
	}

	/** The http.server.requests counts of the prediction routes, by their tags. */
	private static List<String> requestCounts(ConfigurableApplicationContext context) {
		String metrics = new RawHttpClient(port(context)).get("/actuator/prometheus").body();
		return metrics.lines()
			.filter((line) -> line.startsWith("http_server_requests_seconds_count{")
					&& (line.contains("/predict") || line.contains("/fair_price")))
			.sorted()
			.toList();
	}

	private static double predictCount(ConfigurableApplicationContext context) {
		String metrics = new RawHttpClient(port(context)).get("/actuator/prometheus").body();
		return metrics.lines()
			.filter((line) -> line.startsWith("http_server_requests_seconds_count{") && line.contains("status=\"200\"")
					&& line.contains("uri=\"/predict\""))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private static String mutate(String body, Random random) {
		StringBuilder text = new StringBuilder(body);
		int edits = random.nextInt(3);
		for (int e = 0; e < edits && !text.isEmpty(); e++) {
			int at = random.nextInt(text.length());
			switch (random.nextInt(4)) {
				case 0 -> text.deleteCharAt(at);
				case 1 -> text.insert(at, "{}[]\":, \\u0000a1".charAt(random.nextInt(16)));
				case 2 -> text.setCharAt(at, (char) (' ' + random.nextInt(95)));
				default -> text.insert(at, ' ');
			}
		}
		return text.toString();
	}

	/**
	 * Status, headers without the per-request ones, and body with its request id masked.
	 */
	private static Exchange exchange(ConfigurableApplicationContext context, byte[] request) {
		RawHttpClient.Response response = new RawHttpClient(port(context)).send(request);
		Map<String, String> headers = new LinkedHashMap<>(response.headers());
		headers.remove("date");
		headers.remove("x-request-id");
		headers.remove("x-ratelimit-reset");
		headers.remove("x-ratelimit-remaining");
		String body = response.body().replaceAll("\"request_id\":\"[0-9a-f]+\"", "\"request_id\":\"-\"");
		return new Exchange(response.status(), headers, body);
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static byte[] post(String target, String contentType, String body) {
		return request("POST", target, contentType, List.of(), body);
	}

	private static byte[] request(String method, String target, String contentType, List<String> extraHeaders,
			String body) {
		byte[] content = body.getBytes(StandardCharsets.UTF_8);
		StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
		head.append("Host: 127.0.0.1\r\n");
		if (extraHeaders.stream().noneMatch((header) -> header.startsWith("X-API-Key"))) {
			head.append("X-API-Key: ").append(KEY).append("\r\n");
		}
		extraHeaders.forEach((header) -> head.append(header).append("\r\n"));
		if (contentType != null) {
			head.append("Content-Type: ").append(contentType).append("\r\n");
		}
		if (!method.equals("GET")) {
			head.append("Content-Length: ").append(content.length).append("\r\n");
		}
		head.append("Connection: close\r\n\r\n");
		return concat(head.toString().getBytes(StandardCharsets.ISO_8859_1), content);
	}

	private static byte[] chunked(String target, String body) {
		byte[] content = body.getBytes(StandardCharsets.UTF_8);
		String head = "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + KEY
				+ "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
				+ Integer.toHexString(content.length) + "\r\n";
		return concat(head.getBytes(StandardCharsets.ISO_8859_1), content,
				"\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] all = new byte[length];
		int at = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, all, at, part.length);
			at += part.length;
		}
		return all;
	}

	private record Exchange(int status, Map<String, String> headers, String body) {
	}

}
