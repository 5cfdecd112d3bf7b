package dev.pokewatch.serving.prediction;

import java.util.LinkedHashSet;
import java.util.List;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The request body schema of {@code POST /batch_predict}, which no single Java type
 * states: either shape, at most the default {@code serving.batch.max-items}, and items
 * that are only checked one by one (a bad item answers an error in its place, not a 400).
 */
@Configuration(proxyBeanMethods = false)
class BatchPredictionOpenApi {

	static final String BODY_SCHEMA = "BatchPredictionBody";

	static final String BODY_SCHEMA_REF = "#/components/schemas/" + BODY_SCHEMA;

	private static final int DEFAULT_MAX_ITEMS = 1000;

	@Bean
	OpenApiCustomizer batchPredictionBodySchema() {
		return (openApi) -> {
			openApi.getComponents().addSchemas(BODY_SCHEMA, bodySchema());
			openApi.getComponents().getSchemas().remove("BatchPredictionRequest");
		};
	}

	static Schema<?> bodySchema() {
		Schema<?> cardIds = new ArraySchema().maxItems(DEFAULT_MAX_ITEMS)
			.items(new Schema<>().description("A card id; any other value answers an error in its place"));
		Schema<?> date = new Schema<>().types(new LinkedHashSet<>(List.of("string", "null")))
			.format("date")
			.description("The day for every card, resolved as-of; null or absent means each card's latest day");
		Schema<?> objectShape = new ObjectSchema().addProperty("card_ids", cardIds)
			.addProperty("date", date)
			.required(List.of("card_ids"));
		Schema<?> arrayShape = new ArraySchema().maxItems(DEFAULT_MAX_ITEMS)
			.items(new Schema<>().description(
					"{card_id, date?} (the older BentoML shape); anything else answers an error in its place"));
		return new Schema<>()
			.description("{\"card_ids\": [...], \"date\"?} or an array of {\"card_id\", \"date\"?}, "
					+ "at most serving.batch.max-items (1000) items")
			.oneOf(List.of(objectShape, arrayShape));
	}

}
