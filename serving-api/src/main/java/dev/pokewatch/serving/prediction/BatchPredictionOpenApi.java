package dev.pokewatch.serving.prediction;

import java.util.LinkedHashSet;
import java.util.List;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.pokewatch.serving.system.ServingProperties;

/**
 * The request body schema of {@code POST /batch_predict}, which no single Java type
 * states: either shape, at most {@code serving.batch.max-items} items, and items that are
 * only checked one by one (a bad item answers an error in its place, not a 400).
 */
@Configuration(proxyBeanMethods = false)
class BatchPredictionOpenApi {

	static final String BODY_SCHEMA = "BatchPredictionBody";

	static final String BODY_SCHEMA_REF = "#/components/schemas/" + BODY_SCHEMA;

	@Bean
	OpenApiCustomizer batchPredictionBodySchema(ServingProperties properties) {
		int maxItems = properties.batch().maxItems();
		return (openApi) -> {
			openApi.getComponents().addSchemas(BODY_SCHEMA, bodySchema(maxItems));
			openApi.getComponents().getSchemas().remove("BatchPredictionRequest");
		};
	}

	static Schema<?> bodySchema(int maxItems) {
		Schema<?> cardIds = new ArraySchema().maxItems(maxItems)
			.items(new Schema<>().description("A card id; any other value answers an error in its place"));
		Schema<?> date = new Schema<>().types(new LinkedHashSet<>(List.of("string", "null")))
			.format("date")
			.description("The day for every card, resolved as-of; null or absent means each card's latest day");
		Schema<?> objectShape = new ObjectSchema().addProperty("card_ids", cardIds)
			.addProperty("date", date)
			.required(List.of("card_ids"));
		Schema<?> arrayShape = new ArraySchema().maxItems(maxItems)
			.items(new Schema<>().description(
					"{card_id, date?} (the older BentoML shape); anything else answers an error in its place"));
		return new Schema<>()
			.description("{\"card_ids\": [...], \"date\"?} or an array of {\"card_id\", \"date\"?}, "
					+ "at most serving.batch.max-items (" + maxItems + ") items")
			.oneOf(List.of(objectShape, arrayShape));
	}

}
