package dev.pokewatch.serving.signals;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
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
 * {@code GET /signals}: the cards whose latest day is a BUY (or a SELL), strongest first.
 */
@RestController
@Tag(name = "signals", description = "The latest BUY or SELL signals across all cards")
@SecurityRequirement(name = "ApiKeyAuth")
class SignalsController {

	private final ServedModelHolder registry;

	private final SignalsService service;

	SignalsController(ServedModelHolder registry, SignalsService service) {
		this.registry = registry;
		this.service = service;
	}

	@GetMapping("/signals")
	@Operation(summary = "The latest signals of one side",
			description = "For every card, its latest day, classified exactly as POST /predict classifies it. Listed: "
					+ "the cards whose signal on that day is the requested one and whose latest day is at most "
					+ "max_age_days before 'as_of' (the 'date' asked for, else the newest day in the model: stale "
					+ "prices give no signal). "
					+ "Ranked strongest first: BUY by strength descending, SELL by strength ascending (most "
					+ "negative first); signals without a strength come after those with one; ties by "
					+ "|deviation_pct| descending, then card_id. 'rule' states the model's rule and the holdout hit "
					+ "rate and lift of the requested side.")
	@ApiResponse(responseCode = "200", description = "The signals (possibly none)")
	@ApiResponse(responseCode = "400", description = "A missing or invalid parameter (the detail names it)",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF),
					examples = @ExampleObject(value = """
							{"type":"https://pokewatch.dev/problems/invalid-request","title":"Invalid request",\
							"status":400,"detail":"'signal' must be BUY or SELL, got 'hold'",\
							"instance":"/signals","request_id":"3f0c1e2a"}""")))
	@ApiResponse(responseCode = "503", description = "No model loaded",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
	SignalsResponse signals(
			@Parameter(description = "The side to list", required = true,
					schema = @Schema(type = "string", allowableValues = { "BUY", "SELL" })) @RequestParam(
							required = false) String signal,
			@Parameter(
					description = "Only cards of this category (compared ignoring case); empty or absent "
							+ "means every category",
					schema = @Schema(type = "string", example = "pokemon")) @RequestParam(
							required = false) String category,
			@Parameter(name = "max_age_days", description = "Most days a card's latest day may lie before as_of",
					schema = @Schema(type = "integer", format = "int32", minimum = "0", maximum = "3650",
							defaultValue = "7")) @RequestParam(name = "max_age_days",
									required = false) String maxAgeDays,
			@Parameter(description = "Most signals listed",
					schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "500",
							defaultValue = "20")) @RequestParam(required = false) String limit,
			@Parameter(
					description = "Answer as of this day (as_of): each card's latest day at or before it. Default: "
							+ "the newest day in the model",
					schema = @Schema(type = "string", format = "date",
							example = OpenApiConfiguration.EXAMPLE_DATE)) @RequestParam(required = false) String date,
			HttpServletRequest request) {
		SignalsQuery.requireSingleValues(request.getParameterMap());
		SignalsQuery query = SignalsQuery.parse(signal, category, maxAgeDays, limit, date);
		return this.service.signals(this.registry.require(), query);
	}

}
