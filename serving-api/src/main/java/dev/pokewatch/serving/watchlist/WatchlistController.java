package dev.pokewatch.serving.watchlist;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.pokewatch.serving.prediction.CardNotFoundException;
import dev.pokewatch.serving.security.ApiKeyMatch;
import dev.pokewatch.serving.security.AuthenticatedApiKey;
import dev.pokewatch.serving.servedmodel.ModelIndex;
import dev.pokewatch.serving.servedmodel.ServedModelHolder;
import dev.pokewatch.serving.system.OpenApiConfiguration;

/**
 * {@code GET /watchlist}, {@code PUT} and {@code DELETE /watchlist/{card_id}}: the cards
 * the calling API key watches. A list belongs to the key's hash, so two keys never see
 * each other's lists and the key itself is never stored.
 */
@RestController
@Tag(name = "watchlist", description = "The cards an API key watches; a signal change sends a webhook")
@SecurityRequirement(name = "ApiKeyAuth")
class WatchlistController {

	private static final Logger logger = LoggerFactory.getLogger(WatchlistController.class);

	private final ServedModelHolder registry;

	private final WatchlistStore store;

	private final WatchlistProperties properties;

	WatchlistController(ServedModelHolder registry, WatchlistStore store, WatchlistProperties properties) {
		this.registry = registry;
		this.store = store;
		this.properties = properties;
	}

	@GetMapping("/watchlist")
	@Operation(summary = "The caller's watchlist",
			description = "The cards the calling key watches, by card id, each on its latest day in the served model")
	@ApiResponse(responseCode = "200", description = "The watchlist (possibly empty)")
	@ApiResponse(responseCode = "503", description = "No model loaded, or the watchlist store is unavailable",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
	WatchlistResponse watchlist(HttpServletRequest request) {
		ModelIndex index = this.registry.require();
		return answer(index, stored(() -> this.store.cards(owner(request))));
	}

	@PutMapping("/watchlist/{card_id}")
	@Operation(summary = "Watch a card", description = "Adds a card the served model knows; adding it twice is fine")
	@ApiResponse(responseCode = "200", description = "The watchlist afterwards")
	@ApiResponse(responseCode = "404", description = "Unknown card",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
	@ApiResponse(responseCode = "409", description = "The watchlist is full",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
	@ApiResponse(responseCode = "503", description = "No model loaded, or the watchlist store is unavailable",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
	WatchlistResponse watch(
			@Parameter(name = "card_id", description = "The card",
					schema = @Schema(type = "string", minLength = 1,
							example = OpenApiConfiguration.EXAMPLE_CARD)) @PathVariable("card_id") String cardId,
			HttpServletRequest request) {
		ModelIndex index = this.registry.require();
		if (index.card(cardId) == null) {
			throw new CardNotFoundException(cardId);
		}
		String owner = owner(request);
		boolean added = stored(() -> this.store.add(owner, cardId, this.properties.maxCards()));
		if (!added) {
			throw new WatchlistFullException(this.properties.maxCards());
		}
		return answer(index, stored(() -> this.store.cards(owner)));
	}

	@DeleteMapping("/watchlist/{card_id}")
	@Operation(summary = "Stop watching a card",
			description = "Removes a card; removing a known card that is not watched is fine. A card the model no "
					+ "longer knows can still be removed while it is watched")
	@ApiResponse(responseCode = "200", description = "The watchlist afterwards")
	@ApiResponse(responseCode = "404", description = "A card neither watched nor known to the model",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
	@ApiResponse(responseCode = "503", description = "No model loaded, or the watchlist store is unavailable",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
	WatchlistResponse unwatch(
			@Parameter(name = "card_id", description = "The card",
					schema = @Schema(type = "string", minLength = 1,
							example = OpenApiConfiguration.EXAMPLE_CARD)) @PathVariable("card_id") String cardId,
			HttpServletRequest request) {
		ModelIndex index = this.registry.require();
		String owner = owner(request);
		boolean removed = stored(() -> this.store.remove(owner, cardId));
		if (!removed && index.card(cardId) == null) {
			throw new CardNotFoundException(cardId);
		}
		return answer(index, stored(() -> this.store.cards(owner)));
	}

	private WatchlistResponse answer(ModelIndex index, Set<String> cards) {
		List<WatchlistResponse.Item> items = cards.stream()
			.sorted()
			.map((cardId) -> WatchlistResponse.Item.of(index, cardId))
			.toList();
		return new WatchlistResponse(items.size(), this.properties.maxCards(), items);
	}

	// the key's hash, never the key: it names the list in the file or in Redis
	private static String owner(HttpServletRequest request) {
		return AuthenticatedApiKey.of(request).map(ApiKeyMatch::keyHash).orElse(WatchlistStore.ANONYMOUS);
	}

	private static <T> T stored(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (DataAccessException | UncheckedIOException ex) {
			logger.warn("Watchlist store failed: {}", ex.toString());
			throw new WatchlistUnavailableException();
		}
	}

}
