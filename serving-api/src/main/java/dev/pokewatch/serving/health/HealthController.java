package dev.pokewatch.serving.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.pokewatch.serving.onlinefeatures.OnlineFeatureReader;
import dev.pokewatch.serving.servedmodel.LoadErrors;
import dev.pokewatch.serving.servedmodel.ModelIndex;
import dev.pokewatch.serving.servedmodel.ServedModelHolder;

/**
 * {@code GET /health}: 200 with the model's status when a model is loaded, else 503 (the
 * older API always answered 200, so probes never failed).
 */
@RestController
@Tag(name = "health", description = "Service and model status")
class HealthController {

	private final ServedModelHolder registry;

	private final ObjectProvider<OnlineFeatureReader> onlineFeatures;

	HealthController(ServedModelHolder registry, ObjectProvider<OnlineFeatureReader> onlineFeatures) {
		this.registry = registry;
		this.onlineFeatures = onlineFeatures;
	}

	@GetMapping("/health")
	@Operation(summary = "Service and model status",
			description = "200 when a model is loaded, or when the replica reads the Redis online feature store and "
					+ "it has a current version (online_model_version); 503 otherwise.")
	@ApiResponse(responseCode = "200", description = "A model is loaded",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = HealthResponse.class)))
	@ApiResponse(responseCode = "503", description = "No model is loaded",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = HealthResponse.class)))
	ResponseEntity<HealthResponse> health() {
		ModelIndex index = this.registry.current();
		OnlineFeatureReader online = this.onlineFeatures.getIfAvailable();
		String onlineVersion = (online != null) ? online.currentVersion() : null;
		String lastError = LoadErrors.withoutDirectories(this.registry.lastError());
		if (index == null) {
			// without model files a replica reading the online feature store still
			// answers
			// a card's latest prediction
			return ResponseEntity.status((onlineVersion != null) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
				.body(new HealthResponse((onlineVersion != null) ? "ok" : "error", false, null, null, null, lastError,
						onlineVersion));
		}
		return ResponseEntity.ok(new HealthResponse("ok", true, index.cardsCount(), index.modelVersion(),
				index.loadedAt().toString(), lastError, onlineVersion));
	}

	/**
	 * The health answer; field names follow the older API.
	 *
	 * @param status {@code ok} or {@code error}
	 * @param modelLoaded whether a model is loaded
	 * @param cardsCount cards in the model, {@code null} without one
	 * @param modelVersion the served version
	 * @param loadedAt when it was loaded
	 * @param lastReloadError why the last (re)load failed, if it did
	 * @param onlineModelVersion the version of the Redis online feature store, when this
	 * replica reads it
	 */
	record HealthResponse(@Schema(example = "ok") String status, @JsonProperty("model_loaded") boolean modelLoaded,
			@JsonProperty("cards_count") Integer cardsCount,
			@JsonProperty("model_version") @Schema(example = "sma-7-20251124") String modelVersion,
			@JsonProperty("loaded_at") @Schema(example = "2025-11-24T08:00:00Z") String loadedAt,
			@JsonProperty("last_reload_error") @JsonInclude(JsonInclude.Include.NON_NULL) String lastReloadError,
			@JsonProperty("online_model_version") @JsonInclude(JsonInclude.Include.NON_NULL) String onlineModelVersion) {

	}

}
