package dev.pokewatch.training.train;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.pokewatch.common.feature.CardSeries;
import dev.pokewatch.common.served.ServedFeaturesCodec;

/**
 * The rows of the served features file, built from the trained series and the chosen
 * model's fair prices for {@link ServedFeaturesCodec}.
 */
final class ServedFeatureRows {

	private ServedFeatureRows() {
	}

	/**
	 * One row per collected (card, day), sorted by card and day, built lazily, one card
	 * at a time: holding millions of rows at once would cost more heap than the series.
	 * @param series the series
	 * @param fair the fair prices of each series, day by day
	 * @return the rows, to be consumed once
	 */
	static Stream<ServedFeaturesCodec.Row> of(List<CardSeries> series, List<double[]> fair) {
		// sorted up front: a sorted() stage would push every row into the stream's buffer
		Integer[] order = IntStream.range(0, series.size()).boxed().toArray(Integer[]::new);
		Arrays.sort(order, Comparator.comparing((Integer s) -> series.get(s).cardId()));
		return Arrays.stream(order).flatMap((s) -> rowsOf(series.get(s), fair.get(s)));
	}

	private static Stream<ServedFeaturesCodec.Row> rowsOf(CardSeries card, double[] fair) {
		return IntStream.range(0, card.length())
			.filter(card::collected)
			.mapToObj((i) -> new ServedFeaturesCodec.Row(card.cardId(), card.cardName(), card.setName(),
					card.category(), card.day(i), orNull(card.market()[i]), orNull(fair[i]), null, card.outlier()[i]));
	}

	private static Double orNull(double value) {
		return Double.isNaN(value) ? null : value;
	}

}
