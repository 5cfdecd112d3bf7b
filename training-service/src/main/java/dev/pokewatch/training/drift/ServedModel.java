package dev.pokewatch.training.drift;

import java.time.LocalDate;

import dev.pokewatch.common.fair.FairPriceRule;
import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.signal.Dispersion;
import dev.pokewatch.common.signal.SignalRule;

/**
 * The served model as drift judges it: its fair-price and signal rules, re-applied to the
 * processed data (the features file stops at the model's last training day, the data goes
 * on), and the figures it was trained with.
 *
 * @param metadata the model's metadata ({@code models/baseline/model_metadata.json})
 * @param fairPrice its fair-price rule
 * @param signal its signal rule
 * @param dispersion how a card's dispersion is measured for a dispersion signal rule
 * (from {@code train.*} of params.yaml, as training measured it)
 * @param horizonDays how many days after a signal its outcome is read
 * @param lastTrainedDay the last day of its features file: later days are live
 */
record ServedModel(ModelMetadata metadata, FairPriceRule fairPrice, SignalRule signal, Dispersion dispersion,
		int horizonDays, LocalDate lastTrainedDay) {

	/**
	 * A metric the model was trained with.
	 * @param name e.g. {@code mape}
	 * @return the value, {@code null} when absent
	 */
	Double metric(String name) {
		return this.metadata.metrics().get(name);
	}

}
