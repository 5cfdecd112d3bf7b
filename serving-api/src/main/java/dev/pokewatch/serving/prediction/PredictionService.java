package dev.pokewatch.serving.prediction;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;

import dev.pokewatch.common.signal.Signal;
import dev.pokewatch.serving.servedmodel.ServedSeries;
import dev.pokewatch.serving.servedmodel.ModelIndex;
import dev.pokewatch.serving.system.ApiProblemException;
import dev.pokewatch.serving.system.ServingProperties;

/**
 * Answers predictions from a {@link ModelIndex}: as-of date resolution by binary search,
 * the signal from the model's thresholds, and a bounded response cache keyed by model
 * load, card and resolved day (a reload changes the key, so stale entries are never hit).
 */
@Service
class PredictionService {

	static final String OUTLIER_NOTE = "The market price of this day is flagged as an outlier: no BUY/SELL signal is "
			+ "derived from it";

	private final Cache<PredictionKey, PredictionResponse> cache;

	private final Map<Signal, Counter> predictionsBySignal = new EnumMap<>(Signal.class);

	private final int maxBatchItems;

	PredictionService(ServingProperties properties, MeterRegistry meterRegistry) {
		this.maxBatchItems = properties.batch().maxItems();
		this.cache = Caffeine.newBuilder().maximumSize(properties.cache().maxSize()).recordStats().build();
		CaffeineCacheMetrics.monitor(meterRegistry, this.cache, "predictions");
		for (Signal signal : Signal.values()) {
			this.predictionsBySignal.put(signal,
					Counter.builder("pokewatch.predictions")
						.description("Predictions served by signal")
						.tag("signal", signal.name())
						.register(meterRegistry));
		}
	}

	/**
	 * Predicts one card.
	 * @param index the model to answer from
	 * @param cardId the card
	 * @param dateText the requested day, or {@code null} for the latest
	 * @return the prediction
	 */
	PredictionResponse predict(ModelIndex index, String cardId, String dateText) {
		PredictionResponse response = resolve(index, cardId, parseDate(dateText));
		this.predictionsBySignal.get(response.signal()).increment();
		return response;
	}

	/**
	 * Predicts a batch given as {@code {"card_ids": [...], "date"?}} or as an array of
	 * {@code {card_id, date?}}.
	 * @param index the model to answer from
	 * @param body the parsed body
	 * @return one entry per item, in order
	 */
	BatchPredictionResponse predictBatch(ModelIndex index, JsonNode body) {
		List<BatchItem> items = batchItems(body);
		List<Object> results = new ArrayList<>(items.size());
		int errors = 0;
		for (BatchItem item : items) {
			try {
				if (item.problem() != null) {
					throw item.problem();
				}
				results.add(predict(index, item.cardId(), item.date()));
			}
			catch (ApiProblemException ex) {
				errors++;
				results.add(new BatchPredictionResponse.ItemError(item.cardId(),
						new BatchPredictionResponse.Error(ex.status().value(), ex.typeUri().toString(), ex.detail())));
			}
		}
		return new BatchPredictionResponse(results, items.size(), errors);
	}

	private PredictionResponse resolve(ModelIndex index, String cardId, LocalDate requested) {
		if (cardId == null || cardId.isBlank()) {
			throw new InvalidPredictionRequestException("card_id", "'card_id' is required (a non-empty string)");
		}
		ServedSeries series = index.card(cardId);
		if (series == null) {
			throw new CardNotFoundException(cardId);
		}
		int at = (requested != null) ? series.indexAtOrBefore(clampToInt(requested.toEpochDay())) : series.lastIndex();
		if (at < 0) {
			throw new DateBeforeHistoryException(cardId, requested, series.firstDate());
		}
		PredictionKey key = new PredictionKey(index.generation(), cardId, series.epochDay(at));
		PredictionResponse response = this.cache.getIfPresent(key);
		if (response == null) {
			response = compute(index, series, at);
			this.cache.put(key, response);
		}
		return (requested != null && requested.toEpochDay() != series.epochDay(at))
				? response.withRequestedDate(requested) : response;
	}

	private PredictionResponse compute(ModelIndex index, ServedSeries series, int at) {
		double market = series.marketPrice(at);
		double fair = series.fairPrice(at);
		if (Double.isNaN(fair)) {
			throw new FairPriceUnavailableException(series.cardId(), series.date(at), firstWithFairPrice(series, at));
		}
		double deviation = (market - fair) / fair;
		boolean outlier = series.outlier(at);
		Signal signal = outlier ? Signal.HOLD : index.signalRule().classify(deviation);
		return new PredictionResponse(series.cardId(), series.date(at), market, fair, deviation, signal,
				index.modelVersion(), null, outlier, outlier ? OUTLIER_NOTE : null);
	}

	private static LocalDate firstWithFairPrice(ServedSeries series, int from) {
		for (int i = from; i < series.size(); i++) {
			if (!Double.isNaN(series.fairPrice(i))) {
				return series.date(i);
			}
		}
		return null;
	}

	private static int clampToInt(long epochDay) {
		return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, epochDay));
	}

	static LocalDate parseDate(String text) {
		if (text == null) {
			return null;
		}
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidPredictionRequestException("date",
					"'date' must be an ISO date YYYY-MM-DD, got '" + abbreviate(text) + "'");
		}
	}

	private List<BatchItem> batchItems(JsonNode body) {
		if (body == null || !(body.isArray() || body.isObject())) {
			throw new InvalidPredictionRequestException("body",
					"The body must be {\"card_ids\": [...], \"date\"?} or an array of {\"card_id\", \"date\"?}");
		}
		if (body.isArray()) {
			checkSize(body.size());
			List<BatchItem> items = new ArrayList<>(body.size());
			for (int i = 0; i < body.size(); i++) {
				items.add(arrayItem(body.get(i), i));
			}
			return items;
		}
		JsonNode cardIds = body.get("card_ids");
		if (cardIds == null || !cardIds.isArray()) {
			throw new InvalidPredictionRequestException("card_ids",
					"'card_ids' is required and must be an array of card ids");
		}
		checkSize(cardIds.size());
		JsonNode date = body.get("date");
		String dateText = null;
		if (date != null && !date.isNull()) {
			if (!date.isString()) {
				throw new InvalidPredictionRequestException("date", "'date' must be a string YYYY-MM-DD");
			}
			dateText = date.stringValue();
			parseDate(dateText);
		}
		List<BatchItem> items = new ArrayList<>(cardIds.size());
		for (int i = 0; i < cardIds.size(); i++) {
			JsonNode cardId = cardIds.get(i);
			items.add(cardId.isString() ? new BatchItem(cardId.stringValue(), dateText, null)
					: new BatchItem(null, null, new InvalidPredictionRequestException("card_ids",
							"'card_ids[" + i + "]' must be a string, got " + cardId.getNodeType())));
		}
		return items;
	}

	private static BatchItem arrayItem(JsonNode item, int i) {
		if (!item.isObject()) {
			return new BatchItem(null, null, new InvalidPredictionRequestException("[" + i + "]",
					"item " + i + " must be an object {\"card_id\", \"date\"?}, got " + item.getNodeType()));
		}
		JsonNode cardId = item.get("card_id");
		if (cardId == null || !cardId.isString()) {
			return new BatchItem(null, null, new InvalidPredictionRequestException("card_id",
					"item " + i + ": 'card_id' is required (a string)"));
		}
		JsonNode date = item.get("date");
		if (date != null && !date.isNull() && !date.isString()) {
			return new BatchItem(cardId.stringValue(), null, new InvalidPredictionRequestException("date",
					"item " + i + ": 'date' must be a string YYYY-MM-DD"));
		}
		return new BatchItem(cardId.stringValue(), (date != null && !date.isNull()) ? date.stringValue() : null, null);
	}

	private void checkSize(int size) {
		if (size > this.maxBatchItems) {
			throw new InvalidPredictionRequestException("card_ids",
					"A batch holds at most " + this.maxBatchItems + " items (serving.batch.max-items), got " + size);
		}
	}

	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 40) + "...";
	}

	private record PredictionKey(long generation, String cardId, int epochDay) {

	}

	private record BatchItem(String cardId, String date, ApiProblemException problem) {

	}

}
