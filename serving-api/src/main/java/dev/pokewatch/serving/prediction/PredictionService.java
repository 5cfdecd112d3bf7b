package dev.pokewatch.serving.prediction;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.stereotype.Service;

import dev.pokewatch.common.telemetry.MeterNames;
import dev.pokewatch.common.signal.Signal;
import dev.pokewatch.serving.onlinefeatures.OnlineLookup;
import dev.pokewatch.serving.servedmodel.DaySignal;
import dev.pokewatch.serving.servedmodel.ServedSeries;
import dev.pokewatch.serving.servedmodel.ModelIndex;
import dev.pokewatch.serving.system.ApiProblemException;
import dev.pokewatch.serving.system.ProblemResponses;
import dev.pokewatch.serving.system.ServingProperties;

/**
 * Answers predictions from a {@link ModelIndex}: as-of date resolution by binary search,
 * the signal from the model's rule ({@link ModelIndex#signalAt}), and a bounded response
 * cache keyed by model load, card and resolved day (a reload changes the key, so stale
 * entries are never hit).
 */
@Service
class PredictionService {

	static final String OUTLIER_NOTE = "The market price of this day is flagged as an outlier: no BUY/SELL signal is "
			+ "derived from it";

	private final Cache<PredictionKey, PredictionAnswer> cache;

	private final Map<Signal, Counter> predictionsBySignal = new EnumMap<>(Signal.class);

	private final int maxBatchItems;

	private final Validator validator;

	PredictionService(ServingProperties properties, MeterRegistry meterRegistry, Validator validator) {
		this.validator = validator;
		this.maxBatchItems = properties.batch().maxItems();
		this.cache = Caffeine.newBuilder().maximumSize(properties.cache().maxSize()).recordStats().build();
		CaffeineCacheMetrics.monitor(meterRegistry, this.cache, "predictions");
		for (Signal signal : Signal.values()) {
			this.predictionsBySignal.put(signal,
					Counter.builder(MeterNames.PREDICTIONS)
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
		return answer(index, cardId, dateText).response();
	}

	/**
	 * Predicts one card, with the answer's JSON kept beside it when it is cached.
	 * @param index the model to answer from
	 * @param cardId the card
	 * @param dateText the requested day, or {@code null} for the latest
	 * @return the answer
	 */
	PredictionAnswer answer(ModelIndex index, String cardId, String dateText) {
		PredictionAnswer answer = resolve(index, cardId, parseDate(dateText));
		this.predictionsBySignal.get(answer.response().signal()).increment();
		return answer;
	}

	/**
	 * Answers a card's latest day from the online feature store.
	 * @param lookup a {@link OnlineLookup.Outcome#FOUND} lookup
	 * @return the prediction
	 */
	PredictionAnswer answer(OnlineLookup lookup) {
		DaySignal day = lookup.day();
		if (day == null) {
			throw new FairPriceUnavailableException(lookup.card().cardId(), lookup.card().date(), null);
		}
		PredictionResponse response = new PredictionResponse(lookup.card().cardId(), lookup.card().date(),
				day.marketPrice(), day.fairPrice(), day.deviation(), day.signal(), lookup.modelVersion(), null,
				day.outlier(), day.outlier() ? OUTLIER_NOTE : null, day.strengthOrNull());
		this.predictionsBySignal.get(response.signal()).increment();
		return new PredictionAnswer(response);
	}

	/**
	 * Predicts a batch. Each item is validated and answered on its own: a bad item holds
	 * its error in place and does not fail the batch.
	 * @param index the model to answer from
	 * @param request the batch in either shape
	 * @return one entry per item, in order
	 */
	BatchPredictionResponse predictBatch(ModelIndex index, BatchPredictionRequest request) {
		int size = request.size();
		if (size > this.maxBatchItems) {
			throw new InvalidPredictionRequestException("card_ids",
					"A batch holds at most " + this.maxBatchItems + " items (serving.batch.max-items), got " + size);
		}
		// the shared day is checked once: a malformed one fails the whole batch
		parseDate(request.date());
		List<Object> results = new ArrayList<>(size);
		int errors = 0;
		for (int i = 0; i < size; i++) {
			BatchPredictionRequest.Item item = request.item(i);
			PredictionRequest itemRequest = (item != null) ? item.request() : null;
			try {
				results.add(predict(index, item, i));
			}
			catch (ApiProblemException ex) {
				errors++;
				String cardId = (itemRequest != null) ? ProblemResponses.abbreviate(itemRequest.cardId()) : null;
				results.add(new BatchPredictionResponse.ItemError(cardId,
						new BatchPredictionResponse.Error(ex.status().value(), ex.typeUri().toString(), ex.detail())));
			}
		}
		return new BatchPredictionResponse(results, size, errors);
	}

	private PredictionResponse predict(ModelIndex index, BatchPredictionRequest.Item element, int i) {
		if (element == null) {
			throw new InvalidPredictionRequestException("[" + i + "]",
					"item " + i + " must be an object {\"card_id\", \"date\"?}");
		}
		if (element.problem() != null) {
			String separator = element.problem().startsWith("must") ? " " : ": ";
			throw new InvalidPredictionRequestException("[" + i + "]", "item " + i + separator + element.problem());
		}
		PredictionRequest item = element.request();
		Set<ConstraintViolation<PredictionRequest>> violations = this.validator.validate(item);
		if (!violations.isEmpty()) {
			ConstraintViolation<PredictionRequest> violation = violations.iterator().next();
			throw new InvalidPredictionRequestException(violation.getPropertyPath().toString(),
					"item " + i + ": " + violation.getMessage());
		}
		return predict(index, item.cardId(), item.date());
	}

	private PredictionAnswer resolve(ModelIndex index, String cardId, LocalDate requested) {
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
		PredictionAnswer answer = this.cache.getIfPresent(key);
		if (answer == null) {
			answer = new PredictionAnswer(compute(index, series, at));
			this.cache.put(key, answer);
		}
		return (requested != null && requested.toEpochDay() != series.epochDay(at))
				? new PredictionAnswer(answer.response().withRequestedDate(requested)) : answer;
	}

	private PredictionResponse compute(ModelIndex index, ServedSeries series, int at) {
		DaySignal day = index.signalAt(series, at);
		if (day == null) {
			throw new FairPriceUnavailableException(series.cardId(), series.date(at), firstWithFairPrice(series, at));
		}
		return new PredictionResponse(series.cardId(), series.date(at), day.marketPrice(), day.fairPrice(),
				day.deviation(), day.signal(), index.modelVersion(), null, day.outlier(),
				day.outlier() ? OUTLIER_NOTE : null, day.strengthOrNull());
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
					"'date' must be an ISO date YYYY-MM-DD, got '" + ProblemResponses.abbreviate(text) + "'");
		}
	}

	private record PredictionKey(long generation, String cardId, int epochDay) {

		// written out: the generated record methods showed up in /predict profiles (issue
		// 9)
		@Override
		public boolean equals(Object other) {
			return other instanceof PredictionKey key && key.generation == this.generation
					&& key.epochDay == this.epochDay && key.cardId.equals(this.cardId);
		}

		@Override
		public int hashCode() {
			return 31 * (31 * Long.hashCode(this.generation) + this.cardId.hashCode()) + this.epochDay;
		}

	}

}
