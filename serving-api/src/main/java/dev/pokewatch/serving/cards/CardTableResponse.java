package dev.pokewatch.serving.cards;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.pokewatch.common.signal.Signal;
import dev.pokewatch.serving.servedmodel.DaySignal;
import dev.pokewatch.serving.servedmodel.ModelIndex;
import dev.pokewatch.serving.servedmodel.ServedSeries;
import dev.pokewatch.serving.system.OpenApiConfiguration;

/**
 * Answer of {@code GET /cards/table}: one page of cards, each on its latest day at or
 * before {@code as_of}, filtered and sorted on the server.
 *
 * @param asOf the day answered, {@code null} for a model without cards
 * @param modelVersion the model that answered
 * @param total rows matching the filters, over all pages
 * @param page this page, from 1
 * @param size rows per page asked for
 * @param categories every category of the model, sorted, for a filter control
 * @param rows this page's rows
 */
record CardTableResponse(@JsonProperty("as_of") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = {
		"string", "null" }, format = "date", example = OpenApiConfiguration.EXAMPLE_DATE) LocalDate asOf,
		@JsonProperty("model_version") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				example = "sma-7-20251124") String modelVersion,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0") int total,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1") int page,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", maximum = "500") int size,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> categories,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Row> rows){

	/**
	 * One card on one day, with what {@code POST /predict} answers for it.
	 *
	 * @param cardId the card
	 * @param cardName its display name, if known
	 * @param setName its set, if known
	 * @param category its category, if known
	 * @param date the card's latest day at or before {@code as_of}
	 * @param marketPrice that day's market price
	 * @param fairPrice the model's forecast at the horizon, {@code null} when it has none
	 * @param deviationPct {@code (market - fair) / fair}, {@code null} without a fair
	 * price
	 * @param strength the expected move in units of the card's dispersion, {@code null}
	 * when unknown
	 * @param signal the signal of the model's rule, {@code null} without a fair price
	 * @param outlier whether the market price was flagged as an outlier
	 */
	@Schema(name = "CardTableRow")
	record Row(
			@JsonProperty("card_id") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					example = OpenApiConfiguration.EXAMPLE_CARD) String cardId,
			@JsonProperty("card_name") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = {
					"string", "null" }) String cardName,
			@JsonProperty("set_name") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					types = { "string", "null" }) String setName,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = { "string", "null" }) String category,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) LocalDate date,
			@JsonProperty("market_price") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) double marketPrice,
			@JsonProperty("fair_price") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					types = { "number", "null" }) Double fairPrice,
			@JsonProperty("deviation_pct") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					types = { "number", "null" }) Double deviationPct,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = { "number", "null" }) Double strength,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = { "string", "null" },
					allowableValues = { "BUY", "SELL", "HOLD" }) Signal signal,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean outlier){

		/**
		 * A card's row on one of its days, through {@link ModelIndex#signalAt}, the code
		 * path of {@code POST /predict}.
		 * @param index the model
		 * @param series a card of the model
		 * @param at the index of the day in the series
		 * @return the row
		 */
		static Row of(ModelIndex index, ServedSeries series, int at) {
			DaySignal day = index.signalAt(series, at);
			if (day == null) {
				return new Row(series.cardId(), series.cardName(), series.setName(), series.category(), series.date(at),
						series.marketPrice(at), null, null, null, null, series.outlier(at));
			}
			return new Row(series.cardId(), series.cardName(), series.setName(), series.category(), series.date(at),
					day.marketPrice(), day.fairPrice(), day.deviation(), day.strengthOrNull(), day.signal(),
					day.outlier());
		}

	}

}
