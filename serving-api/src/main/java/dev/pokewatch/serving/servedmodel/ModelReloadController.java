package dev.pokewatch.serving.servedmodel;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.pokewatch.serving.system.OpenApiConfiguration;

/**
 * {@code POST /admin/reload}: reload the model directory now.
 */
@RestController
@Tag(name = "admin", description = "Operations for operators (admin key)")
@SecurityRequirement(name = "ApiKeyAuth")
class ModelReloadController {

	private final ServedModelHolder registry;

	ModelReloadController(ServedModelHolder registry) {
		this.registry = registry;
	}

	@PostMapping("/admin/reload")
	@Operation(summary = "Reload the model directory",
			description = "Reads the model directory again and swaps the model in atomically. A failed reload keeps "
					+ "serving the previous model and answers 409 with the reason in 'detail' (503 when no model is "
					+ "loaded at all).")
	@ApiResponse(responseCode = "200", description = "Reloaded")
	@ApiResponse(responseCode = "409", description = "Reload failed; the previous model is still served",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
	@ApiResponse(responseCode = "503", description = "Reload failed and no model is loaded",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
	ReloadResponse reload() {
		ServedModelHolder.ReloadOutcome outcome = this.registry.reload("admin");
		if (!outcome.success()) {
			ModelIndex served = outcome.served();
			throw new ModelReloadFailedException(outcome.error(), (served != null) ? served.modelVersion() : null);
		}
		ModelIndex loaded = outcome.served();
		ModelIndex previous = outcome.previous();
		return new ReloadResponse("ok", "Model reloaded successfully", loaded.modelVersion(),
				(previous != null) ? previous.modelVersion() : null, loaded.cardsCount(), loaded.loadedAt().toString());
	}

	/**
	 * The answer to a successful reload.
	 *
	 * @param status always {@code ok}
	 * @param message a human-readable summary
	 * @param modelVersion the version now served
	 * @param previousModelVersion the version served before, or {@code null}
	 * @param cardsCount cards in the new model
	 * @param loadedAt when the new model was loaded
	 */
	record ReloadResponse(@Schema(example = "ok") String status,
			@Schema(example = "Model reloaded successfully") String message,
			@JsonProperty("model_version") @Schema(example = "sma-7-20251124") String modelVersion,
			@JsonProperty("previous_model_version") String previousModelVersion,
			@JsonProperty("cards_count") int cardsCount,
			@JsonProperty("loaded_at") @Schema(example = "2025-11-24T08:00:00Z") String loadedAt) {

	}

}
