package dev.pokewatch.serving.cards;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.pokewatch.serving.servedmodel.ServedSeries;
import dev.pokewatch.serving.servedmodel.ModelIndex;
import dev.pokewatch.serving.servedmodel.ServedModelHolder;
import dev.pokewatch.serving.system.OpenApiConfiguration;
import dev.pokewatch.serving.system.ProblemResponses;

/**
 * {@code GET /list_cards} (alias {@code /cards}): the card ids of the served model.
 */
@RestController
@Tag(name = "cards", description = "Cards known to the served model")
@SecurityRequirement(name = "ApiKeyAuth")
class CardsController {

	private final ServedModelHolder registry;

	CardsController(ServedModelHolder registry) {
		this.registry = registry;
	}

	@GetMapping({ "/list_cards", "/cards" })
	@Operation(summary = "List the cards",
			description = "Sorted card ids and their count, as the older API's /cards. With details=true also each "
					+ "card's name, set and first/latest day.")
	@ApiResponse(responseCode = "200", description = "The cards")
	@ApiResponse(responseCode = "400", description = "'details' is neither 'true' nor 'false'",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
	@ApiResponse(responseCode = "503", description = "No model loaded",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
	CardsResponse cards(@Parameter(description = "Add names and dates",
			schema = @Schema(type = "boolean", defaultValue = "false")) @RequestParam(
					required = false) String details) {
		boolean withDetails = parseDetails(details);
		ModelIndex index = this.registry.require();
		List<String> ids = index.sortedCardIds();
		return new CardsResponse(ids, ids.size(), withDetails ? details(index) : null);
	}

	// The document declares a boolean, so only its two spellings are accepted: Spring's
	// converter would also take "yes", "on" and "1", which no OpenAPI client sends.
	private static boolean parseDetails(String details) {
		if (details == null || "false".equals(details)) {
			return false;
		}
		if ("true".equals(details)) {
			return true;
		}
		throw new InvalidCardsQueryException(
				"'details' must be true or false, got '" + ProblemResponses.abbreviate(details) + "'");
	}

	private static List<CardDetails> details(ModelIndex index) {
		List<CardDetails> details = new ArrayList<>(index.cardsCount());
		for (String id : index.sortedCardIds()) {
			ServedSeries series = index.card(id);
			details.add(new CardDetails(id, series.cardName(), series.setName(), series.firstDate(),
					series.latestDate(), series.size()));
		}
		return details;
	}

	/**
	 * The card list.
	 *
	 * @param cards sorted card ids
	 * @param count number of cards
	 * @param details per-card details, only with {@code details=true}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CardsResponse(List<String> cards, int count, List<CardDetails> details) {

	}

	/**
	 * One card's details.
	 *
	 * @param cardId the card
	 * @param cardName its display name, if known
	 * @param setName its set, if known
	 * @param firstDate first day with a market price
	 * @param latestDate latest day with a market price
	 * @param days number of days with a market price
	 */
	record CardDetails(@JsonProperty("card_id") String cardId, @JsonProperty("card_name") String cardName,
			@JsonProperty("set_name") String setName,
			@JsonProperty("first_date") @Schema(example = "2026-04-25") LocalDate firstDate,
			@JsonProperty("latest_date") @Schema(example = OpenApiConfiguration.EXAMPLE_DATE) LocalDate latestDate,
			int days) {

	}

}
