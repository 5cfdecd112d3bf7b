package dev.pokewatch.collector.source.ppt;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.pokewatch.collector.http.HttpStatusException;
import dev.pokewatch.collector.http.RetryingHttpClient;
import dev.pokewatch.collector.source.SourceAccessDeniedException;

/**
 * Calls {@code GET /cards} of the Pokémon Price Tracker API v2 and returns the
 * {@code data} node, translating HTTP and JSON problems to domain exceptions.
 */
class PokemonPriceTrackerClient {

	static final String API_KEY_VARIABLE = "POKEMON_PRICE_API_KEY";

	private final RetryingHttpClient http;

	private final String baseUrl;

	private final String apiKey;

	private final JsonMapper json;

	PokemonPriceTrackerClient(RetryingHttpClient http, URI baseUrl, String apiKey, JsonMapper json) {
		this.http = http;
		this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
		this.apiKey = apiKey;
		this.json = json;
	}

	/**
	 * One card by TCGplayer product id, with its price history.
	 * @param tcgplayerId the product id
	 * @param language the card language
	 * @param days days of history
	 * @return the {@code data} node: an object, or null/missing when the provider has
	 * nothing
	 */
	JsonNode card(String tcgplayerId, String language, int days) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("tcgPlayerId", tcgplayerId);
		query.put("language", language);
		query.put("includeHistory", "true");
		query.put("days", Integer.toString(days));
		return data(query);
	}

	/**
	 * Every card of a set, with price history.
	 * @param setId the provider's set id
	 * @param language the card language
	 * @param days days of history
	 * @return the {@code data} node: a list
	 */
	JsonNode set(String setId, String language, int days) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("setId", setId);
		query.put("fetchAllInSet", "true");
		query.put("language", language);
		query.put("includeHistory", "true");
		query.put("days", Integer.toString(days));
		return data(query);
	}

	private JsonNode data(Map<String, String> query) {
		URI uri = URI.create(this.baseUrl + "/cards?"
				+ query.entrySet()
					.stream()
					.map((e) -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
					.collect(Collectors.joining("&")));
		String body;
		try {
			body = this.http.get(uri, Map.of("Authorization", "Bearer " + this.apiKey));
		}
		catch (HttpStatusException ex) {
			if (ex.status() == 401 || ex.status() == 403) {
				throw new SourceAccessDeniedException("Pokémon Price Tracker refused the API key (HTTP " + ex.status()
						+ "): check the key in the environment variable " + API_KEY_VARIABLE, ex);
			}
			throw new PriceTrackerException(ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			throw new PriceTrackerException(ex.getMessage(), ex);
		}
		JsonNode root;
		try {
			root = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new PriceTrackerException("GET " + uri + ": response is not valid JSON: " + ex.getOriginalMessage(),
					ex);
		}
		if (root == null || !root.isObject()) {
			throw new PriceTrackerException("GET " + uri + ": expected a JSON object with 'data'", null);
		}
		return root.get("data");
	}

	/**
	 * A request for one card or set failed; other cards can still be tried.
	 */
	static class PriceTrackerException extends RuntimeException {

		PriceTrackerException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
