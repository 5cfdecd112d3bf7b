package dev.pokewatch.serving.cards;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.signal.Signal;
import dev.pokewatch.common.signal.SignalRule;
import dev.pokewatch.serving.servedmodel.DaySignal;
import dev.pokewatch.serving.servedmodel.ModelIndex;
import dev.pokewatch.serving.servedmodel.ServedSeries;
import dev.pokewatch.serving.system.OpenApiConfiguration;

/**
 * Answer of {@code GET /cards/{card_id}/history}: a card's served days in a range, each
 * with its market price, fair price, outlier flag and signal, and the rule's holdout
 * record, enough to draw the card's chart.
 *
 * @param cardId the card
 * @param cardName its display name, if known
 * @param setName its set, if known
 * @param category its category, if known
 * @param modelVersion the model that answered
 * @param from the first day asked for, {@code null} for the card's first day
 * @param to the last day asked for, {@code null} for the card's latest day
 * @param count number of points
 * @param rule the model's signal rule and its holdout hit rates
 * @param points the days, oldest first
 */
record CardHistoryResponse(
		@JsonProperty("card_id") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				example = OpenApiConfiguration.EXAMPLE_CARD) String cardId,
		@JsonProperty("card_name") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = {
				"string", "null" }) String cardName,
		@JsonProperty("set_name") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				types = { "string", "null" }) String setName,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = { "string", "null" }) String category,
		@JsonProperty("model_version") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String modelVersion,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = { "string", "null" },
				format = "date") LocalDate from,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = { "string", "null" },
				format = "date") LocalDate to,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0") int count,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Rule rule,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Point> points){

	/**
	 * The history of a card between two days, both included.
	 * @param index the model
	 * @param series the card
	 * @param from the first day, or {@code null}
	 * @param to the last day, or {@code null}
	 * @return the answer
	 */
	static CardHistoryResponse of(ModelIndex index, ServedSeries series, LocalDate from, LocalDate to) {
		int first = (from != null) ? series.indexAtOrBefore(CardQueryParameters.epochDay(from) - 1) + 1 : 0;
		int last = (to != null) ? series.indexAtOrBefore(CardQueryParameters.epochDay(to)) : series.lastIndex();
		List<Point> points = new ArrayList<>(Math.max(last - first + 1, 0));
		for (int at = first; at <= last; at++) {
			points.add(Point.of(index, series, at));
		}
		return new CardHistoryResponse(series.cardId(), series.cardName(), series.setName(), series.category(),
				index.modelVersion(), from, to, points.size(), Rule.of(index.metadata(), index.signalRule()), points);
	}

	/**
	 * One served day of the card.
	 *
	 * @param date the day
	 * @param marketPrice its market price
	 * @param fairPrice the fair price, {@code null} when the model has none that day
	 * @param deviationPct {@code (market - fair) / fair}, {@code null} without a fair
	 * price
	 * @param strength the expected move in units of the card's dispersion, {@code null}
	 * when unknown
	 * @param signal the rule's signal that day, {@code null} without a fair price
	 * @param outlier whether the market price was flagged as an outlier (the signal is
	 * then HOLD)
	 */
	@Schema(name = "CardHistoryPoint")
	record Point(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) LocalDate date,
			@JsonProperty("market_price") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) double marketPrice,
			@JsonProperty("fair_price") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = {
					"number", "null" }) Double fairPrice,
			@JsonProperty("deviation_pct") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					types = { "number", "null" }) Double deviationPct,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = { "number", "null" }) Double strength,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = { "string", "null" },
					allowableValues = { "BUY", "SELL", "HOLD" }) Signal signal,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean outlier){

		static Point of(ModelIndex index, ServedSeries series, int at) {
			DaySignal day = index.signalAt(series, at);
			if (day == null) {
				return new Point(series.date(at), series.marketPrice(at), null, null, null, null, series.outlier(at));
			}
			return new Point(series.date(at), day.marketPrice(), day.fairPrice(), day.deviation(), day.strengthOrNull(),
					day.signal(), day.outlier());
		}

	}

	/**
	 * The model's rule and how often its signals were right on the holdout.
	 *
	 * @param id the rule's id
	 * @param unit {@code percent} or {@code dispersion}
	 * @param buyThreshold the BUY threshold (a fraction or a strength)
	 * @param sellThreshold the SELL threshold
	 * @param horizonDays the horizon the hit rates were measured at, {@code null} when
	 * unknown
	 * @param buyHitRate the share of holdout BUY signals that rose by the horizon,
	 * {@code null} when not recorded
	 * @param sellHitRate the share of holdout SELL signals that fell by the horizon,
	 * {@code null} when not recorded
	 */
	@Schema(name = "CardHistoryRule")
	record Rule(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "z_2.0") String id,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {
					"percent", "dispersion" }) String unit,
			@JsonProperty("buy_threshold") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) double buyThreshold,
			@JsonProperty("sell_threshold") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) double sellThreshold,
			@JsonProperty("horizon_days") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					types = { "integer", "null" }) Integer horizonDays,
			@JsonProperty("buy_hit_rate") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					types = { "number", "null" }, example = "0.58") Double buyHitRate,
			@JsonProperty("sell_hit_rate") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					types = { "number", "null" }, example = "0.55") Double sellHitRate){

		static Rule of(ModelMetadata metadata, SignalRule rule) {
			Integer horizon = metadata.horizonDays();
			return new Rule(rule.id(), rule.unit().id(), rule.buyThreshold(), rule.sellThreshold(), horizon,
					hitRate(metadata.metrics(), horizon, "buy"), hitRate(metadata.metrics(), horizon, "sell"));
		}

		// the metric's name ends in the horizon (buy_hit_rate_7d): no horizon, no metric
		private static Double hitRate(Map<String, Double> metrics, Integer horizon, String side) {
			Double value = (horizon != null) ? metrics.get(side + "_hit_rate_" + horizon + "d") : null;
			return (value != null && Double.isFinite(value)) ? value : null;
		}

	}

}
