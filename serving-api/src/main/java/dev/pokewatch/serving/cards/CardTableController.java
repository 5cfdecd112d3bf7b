package dev.pokewatch.serving.cards;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.pokewatch.serving.servedmodel.ServedModelHolder;
import dev.pokewatch.serving.system.OpenApiConfiguration;

/**
 * {@code GET /cards/table}: the web page's card table, filtered, sorted and paged on the
 * server so that it stays fast with 10,000 cards.
 */
@RestController
@Tag(name = "cards", description = "Cards known to the served model")
@SecurityRequirement(name = "ApiKeyAuth")
class CardTableController {

	private final ServedModelHolder registry;

	private final CardTableService service;

	CardTableController(ServedModelHolder registry, CardTableService service) {
		this.registry = registry;
		this.service = service;
	}

	@GetMapping("/cards/table")
	@Operation(summary = "One page of the card table",
			description = "Every card on its latest day at or before 'as_of' (the 'date' asked for, else the newest "
					+ "day in the model), with the values POST /predict answers for that day; filtered by signal, "
					+ "category and a search text, sorted on one column (missing values last, ties by card_id), "
					+ "then cut to one page.")
	@ApiResponse(responseCode = "200", description = "The page (possibly empty)")
	@ApiResponse(responseCode = "400", description = "A parameter is invalid or repeated (the detail names it)",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
	@ApiResponse(responseCode = "503", description = "No model loaded",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
	CardTableResponse table(
			@Parameter(description = "Only rows with this signal; absent means all",
					schema = @Schema(type = "string", allowableValues = { "BUY", "SELL", "HOLD" })) @RequestParam(
							required = false) String signal,
			@Parameter(description = "Only cards of this category (ignoring case); empty or absent means all",
					schema = @Schema(type = "string", example = "pokemon")) @RequestParam(
							required = false) String category,
			@Parameter(description = "Text the card's name, set or id contains (ignoring case)",
					schema = @Schema(type = "string", maxLength = CardTableQuery.MAX_SEARCH_LENGTH,
							example = "mew")) @RequestParam(required = false) String q,
			@Parameter(description = "The column sorted on",
					schema = @Schema(type = "string", defaultValue = "strength",
							allowableValues = { "card_name", "set_name", "category", "market_price", "fair_price",
									"deviation_pct", "strength", "signal", "card_id" })) @RequestParam(
											required = false) String sort,
			@Parameter(description = "Sort direction",
					schema = @Schema(type = "string", defaultValue = "desc",
							allowableValues = { "asc", "desc" })) @RequestParam(required = false) String order,
			@Parameter(description = "The page, from 1",
					schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "100000",
							defaultValue = "1")) @RequestParam(required = false) String page,
			@Parameter(description = "Rows per page",
					schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "500",
							defaultValue = "50")) @RequestParam(required = false) String size,
			@Parameter(
					description = "Answer as of this day: each card's latest day at or before it. Default: the "
							+ "newest day in the model",
					schema = @Schema(type = "string", format = "date",
							example = OpenApiConfiguration.EXAMPLE_DATE)) @RequestParam(required = false) String date,
			HttpServletRequest request) {
		CardQueryParameters.requireSingleValues(request.getParameterMap(), CardTableQuery.PARAMETERS);
		CardTableQuery query = CardTableQuery.parse(signal, category, q, sort, order, page, size, date);
		return this.service.table(this.registry.require(), query);
	}

}
