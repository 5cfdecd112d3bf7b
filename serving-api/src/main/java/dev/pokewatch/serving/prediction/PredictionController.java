package dev.pokewatch.serving.prediction;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.pokewatch.serving.servedmodel.ServedModelHolder;
import dev.pokewatch.serving.system.OpenApiConfiguration;

/**
 * {@code POST /predict} (alias {@code /fair_price}) and {@code POST /batch_predict}.
 */
@RestController
@Tag(name = "predictions", description = "Fair prices and BUY/SELL/HOLD signals")
@SecurityRequirement(name = "ApiKeyAuth")
class PredictionController {

	private final ServedModelHolder registry;

	private final PredictionService service;

	private final SinglePrediction single;

	PredictionController(ServedModelHolder registry, PredictionService service, SinglePrediction single) {
		this.registry = registry;
		this.service = service;
		this.single = single;
	}

	@PostMapping(path = { "/predict", "/fair_price" }, consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Fair price and signal for one card",
			description = "The day resolves as-of: the latest day with a market price at or before the requested "
					+ "one ('date' is the day used; 'requested_date' is added when it differs). Without 'date' the "
					+ "card's latest day is used. A day whose market price is flagged as an outlier answers 200 "
					+ "with signal HOLD, 'outlier': true and a 'note'. A day without a fair price (a card's first "
					+ "day) answers 422. '/fair_price' is the older API's name for the same operation.")
	@ApiResponse(responseCode = "200", description = "The prediction")
	@ApiResponse(responseCode = "400", description = "Malformed JSON or invalid field (the detail names it)",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF),
					examples = @ExampleObject(value = """
							{"type":"https://pokewatch.dev/problems/invalid-request","title":"Invalid request",\
							"status":400,"detail":"'date' must be an ISO date YYYY-MM-DD, got '2025-13-01'",\
							"instance":"/predict","request_id":"3f0c1e2a"}""")))
	@ApiResponse(responseCode = "404", description = "Unknown card, or a date before the card's history",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
	@ApiResponse(responseCode = "422", description = "No fair price for the resolved day (a card's first day)",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
	@ApiResponse(responseCode = "503", description = "No model loaded",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
	PredictionResponse predict(@Valid @RequestBody PredictionRequest request) {
		return this.single.answer(request).response();
	}

	@PostMapping(path = "/batch_predict", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Fair prices and signals for many cards",
			description = "Body: {\"card_ids\": [...], \"date\"?} or a JSON array of {\"card_id\", \"date\"?} (the "
					+ "older BentoML shape). Items are answered in request order; a bad item holds "
					+ "{card_id, error: {status, type, detail}} in place and does not fail the batch. At most "
					+ "serving.batch.max-items (1000) items; more is a 400.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
			schema = @Schema(ref = BatchPredictionOpenApi.BODY_SCHEMA_REF),
			examples = { @ExampleObject(name = "card_ids", value = """
					{"card_ids": ["sv04_5_mew_ex_232", "sv03_5_charizard_ex_199"], "date": "2026-08-21"}"""),
					@ExampleObject(name = "array",
							value = """
									[{"card_id": "sv04_5_mew_ex_232"}, {"card_id": "sv03_5_charizard_ex_199", "date": "2026-08-20"}]""") }))
	@ApiResponse(responseCode = "200", description = "One entry per item")
	@ApiResponse(responseCode = "400", description = "Not a batch body, or too many items",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
	@ApiResponse(responseCode = "503", description = "No model loaded",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
	BatchPredictionResponse batchPredict(@Valid @RequestBody BatchPredictionRequest body) {
		return this.service.predictBatch(this.registry.require(), body);
	}

}
