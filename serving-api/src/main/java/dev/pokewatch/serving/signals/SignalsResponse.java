package dev.pokewatch.serving.signals;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.signal.Signal;
import dev.pokewatch.common.signal.SignalRule;
import dev.pokewatch.serving.system.OpenApiConfiguration;

/**
 * Answer of {@code GET /signals}: the latest signals of one side, strongest first, with
 * the rule that produced them and how that rule did on the holdout.
 *
 * @param asOf the newest day in the model, {@code null} for a model without cards
 * @param signal the requested side
 * @param modelVersion the model that answered
 * @param rule the model's signal rule and its holdout record
 * @param count number of signals listed
 * @param latestSignalDate the newest day at or before {@code asOf} with a signal of the
 * side (and category), {@code null} when there is none
 * @param note why the list is empty and where to look, {@code null} when it is not
 * @param signals the signals, ranked
 */
record SignalsResponse(@JsonProperty("as_of") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = {
		"string", "null" }, format = "date", example = OpenApiConfiguration.EXAMPLE_DATE,
		description = "The newest day in the model; a card is listed only if its latest day is at most "
				+ "max_age_days before it") LocalDate asOf,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = { "BUY", "SELL" },
				example = "BUY") Signal signal,
		@JsonProperty("model_version") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				example = "sma-7-20251124") String modelVersion,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Rule rule,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = "500") int count,
		@JsonProperty("latest_signal_date") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				types = { "string", "null" }, format = "date", example = OpenApiConfiguration.EXAMPLE_DATE,
				description = "The newest day at or before as_of on which a card of the requested category had a "
						+ "signal of this side; ask with date set to it to list those cards. null when the model "
						+ "has none") LocalDate latestSignalDate,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = { "string", "null" },
				example = "No BUY signal for cards priced within 7 day(s) of 2026-08-22. The latest BUY signal was "
						+ "on 2026-06-25: ask with date=2026-06-25 to list it.",
				description = "Why the list is empty and where to look instead; null when signals are "
						+ "listed") String note,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Item> signals){

	/**
	 * The model's signal rule as a client needs it to read the list: its thresholds, the
	 * fair price's trend and horizon, and the holdout hit rate and lift of the requested
	 * side (from the training metrics; {@code null} when the model did not record them).
	 *
	 * @param id the rule's stable id, e.g. {@code pct_10_15} or {@code z_2.0}
	 * @param unit {@code percent} or {@code dispersion}
	 * @param buyThreshold the BUY threshold, in the unit
	 * @param sellThreshold the SELL threshold, in the unit
	 * @param minSignalPrice the lowest market price with a BUY or SELL
	 * @param trend {@code reversion} or {@code momentum}
	 * @param horizonDays the signal horizon in days, {@code null} for older models
	 * @param holdoutHitRate share of the side's holdout signals that moved the right way
	 * @param holdoutLiftPp the hit rate minus the base rate, in percentage points
	 * @param holdoutLiftPpLow the low end of the lift's 95 % interval
	 * @param holdoutLiftPpHigh the high end of the lift's 95 % interval
	 */
	@Schema(name = "SignalRuleSummary")
	record Rule(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "z_2.0") String id,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {
					"percent", "dispersion" }, example = "dispersion") String unit,
			@JsonProperty("buy_threshold") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2.0",
					description = "percent: BUY when deviation_pct <= -buy_threshold (a fraction); dispersion: BUY "
							+ "when strength >= buy_threshold") double buyThreshold,
			@JsonProperty("sell_threshold") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2.0",
					description = "percent: SELL when deviation_pct >= sell_threshold (a fraction); dispersion: "
							+ "SELL when strength <= -sell_threshold") double sellThreshold,
			@JsonProperty("min_signal_price") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2.0",
					description = "A market price below it is always HOLD") double minSignalPrice,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "reversion",
					description = "reversion: the fair price is the trailing average; momentum: "
							+ "market_price² / average") String trend,
			@JsonProperty("horizon_days") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					types = { "integer", "null" }, example = "7",
					description = "Days after a signal its outcome is read; null for models trained before it was "
							+ "recorded") Integer horizonDays,
			@JsonProperty("holdout_hit_rate") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					types = { "number", "null" }, example = "0.58",
					description = "Share of this side's holdout signals that moved the expected way by the horizon; "
							+ "null when not recorded") Double holdoutHitRate,
			@JsonProperty("holdout_lift_pp") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					types = { "number", "null" }, example = "6.1",
					description = "Hit rate minus the base rate of the same move, in percentage points; null when "
							+ "not recorded") Double holdoutLiftPp,
			@JsonProperty("holdout_lift_pp_low") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					types = { "number", "null" }, example = "2.3",
					description = "Low end of the lift's 95 % interval; null when not recorded") Double holdoutLiftPpLow,
			@JsonProperty("holdout_lift_pp_high") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					types = { "number", "null" }, example = "9.8",
					description = "High end of the lift's 95 % interval; null when not recorded") Double holdoutLiftPpHigh){

		/**
		 * The rule of a model, with the holdout record of one side.
		 * @param metadata the model's metadata
		 * @param rule the model's rule
		 * @param side BUY or SELL
		 * @return the rule summary
		 */
		static Rule of(ModelMetadata metadata, SignalRule rule, Signal side) {
			Integer horizon = metadata.horizonDays();
			String prefix = side.name().toLowerCase(Locale.ROOT);
			String suffix = "_" + horizon + "d";
			Map<String, Double> metrics = metadata.metrics();
			return new Rule(rule.id(), rule.unit().id(), rule.buyThreshold(), rule.sellThreshold(),
					rule.minSignalPrice(), metadata.trend(), horizon,
					metric(metrics, horizon, prefix + "_hit_rate" + suffix),
					metric(metrics, horizon, prefix + "_lift_pp" + suffix),
					metric(metrics, horizon, prefix + "_lift_pp" + suffix + "_low"),
					metric(metrics, horizon, prefix + "_lift_pp" + suffix + "_high"));
		}

		private static Double metric(Map<String, Double> metrics, Integer horizon, String name) {
			// the names end in the horizon: without one they cannot be known
			// (training writes finite values only; a non-finite one would not be JSON)
			Double value = (horizon != null) ? metrics.get(name) : null;
			return (value != null && Double.isFinite(value)) ? value : null;
		}

	}

	/**
	 * One card's signal on its latest day; the same values {@code POST /predict} answers
	 * for that card and day.
	 *
	 * @param cardId the card
	 * @param cardName its display name, if known
	 * @param setName its set, if known
	 * @param category its category, if known
	 * @param date the card's latest day
	 * @param marketPrice that day's market price
	 * @param fairPrice the model's forecast at the horizon
	 * @param deviationPct {@code (market - fair) / fair}, a fraction
	 * @param strength {@code ln(fair / market) / dispersion}, {@code null} when unknown
	 * @param signal BUY or SELL
	 */
	@Schema(name = "SignalItem")
	record Item(
			@JsonProperty("card_id") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					example = OpenApiConfiguration.EXAMPLE_CARD) String cardId,
			@JsonProperty("card_name") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = {
					"string", "null" }, example = "Mew ex") String cardName,
			@JsonProperty("set_name") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = { "string", "null" },
					example = "Paldean Fates") String setName,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = { "string", "null" },
					example = "pokemon") String category,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					example = OpenApiConfiguration.EXAMPLE_DATE) LocalDate date,
			@JsonProperty("market_price") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					example = "120.5") double marketPrice,
			@JsonProperty("fair_price") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					example = "138.29") double fairPrice,
			@JsonProperty("deviation_pct") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					example = "-0.1286") double deviationPct,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = { "number", "null" }, example = "2.31",
					description = "ln(fair_price / market_price) / dispersion; null when the card's dispersion "
							+ "that day is unknown") Double strength,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = { "BUY", "SELL" },
					example = "BUY") Signal signal){

	}

}
