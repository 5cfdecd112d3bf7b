package dev.pokewatch.collector.source.tcgcsv;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.pokewatch.collector.http.HttpStatusException;
import dev.pokewatch.collector.http.RetryingHttpClient;
import dev.pokewatch.collector.source.SourceAccessDeniedException;

/**
 * Calls {@code GET /tcgplayer/<category>/<groupId>/prices} of TCGCSV and reads its
 * {@code results[]}, translating HTTP and JSON problems to domain exceptions.
 */
class TcgcsvClient {

	private final RetryingHttpClient http;

	private final String baseUrl;

	private final int categoryId;

	private final JsonMapper json = JsonMapper.builder().build();

	TcgcsvClient(RetryingHttpClient http, URI baseUrl, int categoryId) {
		this.http = http;
		this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
		this.categoryId = categoryId;
	}

	/**
	 * The current prices of every product of a group.
	 * @param groupId the TCGplayer group id
	 * @return one entry per product and printing
	 */
	List<ProductPrice> prices(String groupId) {
		URI uri = URI.create(this.baseUrl + "/tcgplayer/" + this.categoryId + "/" + groupId + "/prices");
		String body;
		try {
			body = this.http.get(uri, Map.of());
		}
		catch (HttpStatusException ex) {
			if (ex.status() == 401 || ex.status() == 403) {
				throw new SourceAccessDeniedException(
						"TCGCSV refused access (HTTP " + ex.status() + ") to " + uri + ": check TCGCSV_BASE_URL", ex);
			}
			throw new TcgcsvException(ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			throw new TcgcsvException(ex.getMessage(), ex);
		}
		JsonNode root;
		try {
			root = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new TcgcsvException("GET " + uri + ": response is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		if (root == null || !root.isObject() || !root.path("results").isArray()) {
			throw new TcgcsvException("GET " + uri + ": expected an object with a 'results' list", null);
		}
		if (root.path("success").isBoolean() && !root.path("success").asBoolean()) {
			throw new TcgcsvException("GET " + uri + ": success=false, errors " + root.path("errors"), null);
		}
		List<ProductPrice> prices = new ArrayList<>();
		JsonNode results = root.get("results");
		for (int i = 0; i < results.size(); i++) {
			JsonNode row = results.get(i);
			if (!row.path("productId").isIntegralNumber()) {
				throw new TcgcsvException("GET " + uri + ": results[" + i + "].productId is not a number", null);
			}
			prices.add(new ProductPrice(row.get("productId").asString(), text(row.path("subTypeName")),
					number(row, "lowPrice"), number(row, "midPrice"), number(row, "highPrice"),
					number(row, "marketPrice")));
		}
		return prices;
	}

	private static Double number(JsonNode row, String field) {
		JsonNode value = row.path(field);
		return value.isNumber() ? value.asDouble() : null;
	}

	private static String text(JsonNode value) {
		return (value.isString() && !value.asString().isBlank()) ? value.asString() : null;
	}

	/**
	 * One row of {@code results[]}.
	 *
	 * @param productId TCGplayer product id
	 * @param subTypeName printing, such as {@code Holofoil}
	 * @param low lowest listing
	 * @param mid middle listing
	 * @param high highest listing
	 * @param market market price
	 */
	record ProductPrice(String productId, String subTypeName, Double low, Double mid, Double high, Double market) {

	}

	/**
	 * The set's request failed; other sets can still be tried.
	 */
	static class TcgcsvException extends RuntimeException {

		TcgcsvException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
