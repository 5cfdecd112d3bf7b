package dev.pokewatch.serving.cards;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.pokewatch.serving.prediction.CardNotFoundException;
import dev.pokewatch.serving.servedmodel.ModelIndex;
import dev.pokewatch.serving.servedmodel.ServedModelHolder;
import dev.pokewatch.serving.servedmodel.ServedSeries;
import dev.pokewatch.serving.system.OpenApiConfiguration;

/**
 * {@code GET /cards/{card_id}/history}: a card's market and fair prices over its served
 * days, with outliers and signals, for the web page's chart.
 */
@RestController
@Tag(name = "cards", description = "Cards known to the served model")
@SecurityRequirement(name = "ApiKeyAuth")
class CardHistoryController {

	private static final List<String> PARAMETERS = List.of("from", "to");

	private final ServedModelHolder registry;

	CardHistoryController(ServedModelHolder registry) {
		this.registry = registry;
	}

	@GetMapping("/cards/{card_id}/history")
	@Operation(summary = "A card's price history",
			description = "The card's served days from 'from' to 'to' (both included; default: all), oldest first: "
					+ "market price, fair price, deviation, strength, the rule's signal (as POST /predict answers "
					+ "it for that day) and the outlier flag; with the rule's holdout hit rates.")
	@ApiResponse(responseCode = "200", description = "The history (possibly without points)")
	@ApiResponse(responseCode = "400", description = "A malformed or repeated date",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
	@ApiResponse(responseCode = "422", description = "'from' is after 'to': well-formed dates of an empty range",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
	@ApiResponse(responseCode = "404", description = "Unknown card",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
	@ApiResponse(responseCode = "503", description = "No model loaded",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
	CardHistoryResponse history(
			@Parameter(name = "card_id", description = "The card",
					schema = @Schema(type = "string", minLength = 1,
							example = OpenApiConfiguration.EXAMPLE_CARD)) @PathVariable("card_id") String cardId,
			@Parameter(description = "First day (ISO YYYY-MM-DD); default: the card's first day",
					schema = @Schema(type = "string", format = "date", example = "2026-06-01")) @RequestParam(
							required = false) String from,
			@Parameter(description = "Last day (ISO YYYY-MM-DD); default: the card's latest day",
					schema = @Schema(type = "string", format = "date",
							example = OpenApiConfiguration.EXAMPLE_DATE)) @RequestParam(required = false) String to,
			HttpServletRequest request) {
		CardQueryParameters.requireSingleValues(request.getParameterMap(), PARAMETERS);
		LocalDate first = CardQueryParameters.day("from", from);
		LocalDate last = CardQueryParameters.day("to", to);
		if (first != null && last != null && first.isAfter(last)) {
			throw new InvalidDateRangeException(first, last);
		}
		ModelIndex index = this.registry.require();
		ServedSeries series = index.card(cardId);
		if (series == null) {
			throw new CardNotFoundException(cardId);
		}
		return CardHistoryResponse.of(index, series, first, last);
	}

}
