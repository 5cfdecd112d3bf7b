package dev.pokewatch.serving.alerts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.pokewatch.common.signal.Signal;

/**
 * The webhook body sent when a promotion changed the latest signal of a watched card.
 *
 * @param event always {@code signal_changed}
 * @param deliveryId unique per alert, the same on every attempt (receivers deduplicate on
 * it)
 * @param createdAt when the change was found
 * @param cardId the card
 * @param cardName its display name, if known
 * @param date the card's latest day in the new model
 * @param previousSignal its latest signal in the previous model, {@code null} when that
 * model had no fair price for it
 * @param signal its latest signal in the new model
 * @param marketPrice that day's market price
 * @param fairPrice that day's fair price
 * @param strength that day's strength, {@code null} when unknown
 * @param previousModelVersion the model served before
 * @param modelVersion the model served now
 * @param watchers fingerprints of the API keys watching the card (never the keys)
 */
record SignalChangeAlert(String event, @JsonProperty("delivery_id") String deliveryId,
		@JsonProperty("created_at") Instant createdAt, @JsonProperty("card_id") String cardId,
		@JsonProperty("card_name") String cardName, LocalDate date,
		@JsonProperty("previous_signal") Signal previousSignal, Signal signal,
		@JsonProperty("market_price") double marketPrice, @JsonProperty("fair_price") double fairPrice, Double strength,
		@JsonProperty("previous_model_version") String previousModelVersion,
		@JsonProperty("model_version") String modelVersion, List<String> watchers) {

	/** The event name of every alert. */
	static final String EVENT = "signal_changed";

}
