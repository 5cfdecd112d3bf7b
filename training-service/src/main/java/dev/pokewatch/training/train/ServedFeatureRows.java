package dev.pokewatch.training.train;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.pokewatch.common.feature.CardSeries;
import dev.pokewatch.common.metrics.Backtest;
import dev.pokewatch.common.served.ServedFeaturesCodec;

/**
 * The rows of the served features file, built from the trained series and the chosen
 * model's fair prices and dispersion for {@link ServedFeaturesCodec}.
 */
final class ServedFeatureRows {

	private ServedFeatureRows() {
	}

	/**
	 * One row per collected (card, day), sorted by card and day, built lazily, one card
	 * at a time: holding millions of rows at once would cost more heap than the series.
	 * @param forecasts each series with its fair prices and dispersion, day by day
	 * @return the rows, to be consumed once
	 */
	static Stream<ServedFeaturesCodec.Row> of(List<Backtest.SeriesForecast> forecasts) {
		// sorted up front: a sorted() stage would push every row into the stream's buffer
		List<Backtest.SeriesForecast> sorted = forecasts.stream()
			.sorted(Comparator.comparing((Backtest.SeriesForecast f) -> f.series().cardId()))
			.toList();
		return sorted.stream().flatMap(ServedFeatureRows::rowsOf);
	}

	private static Stream<ServedFeaturesCodec.Row> rowsOf(Backtest.SeriesForecast forecast) {
		CardSeries card = forecast.series();
		double[] fair = forecast.fairPrices();
		double[] dispersion = forecast.dispersion();
		return IntStream.range(0, card.length())
			.filter(card::collected)
			.mapToObj((i) -> new ServedFeaturesCodec.Row(card.cardId(), card.cardName(), card.setName(),
					card.category(), card.day(i), orNull(card.market()[i]), orNull(fair[i]),
					(dispersion != null) ? orNull(dispersion[i]) : null, card.outlier()[i]));
	}

	private static Double orNull(double value) {
		return Double.isNaN(value) ? null : value;
	}

}
