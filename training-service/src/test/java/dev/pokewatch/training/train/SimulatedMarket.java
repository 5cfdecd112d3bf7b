package dev.pokewatch.training.train;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.pokewatch.common.feature.CardSeries;

/**
 * Simulated price series for the model-choice tests: log prices that revert to ln(100)
 * with a daily coefficient {@code phi} (1 = a random walk) and 3 % daily noise.
 */
final class SimulatedMarket {

	static final LocalDate FIRST = LocalDate.of(2026, 1, 1);

	private SimulatedMarket() {
	}

	static List<CardSeries> series(int count, int days, double phi, long seed) {
		Random random = new Random(seed);
		List<CardSeries> series = new ArrayList<>();
		for (int s = 0; s < count; s++) {
			double[] prices = new double[days];
			double level = Math.log(100);
			double x = level;
			for (int d = 0; d < days; d++) {
				x = level + phi * (x - level) + 0.03 * random.nextGaussian();
				prices[d] = Math.exp(x);
			}
			series
				.add(new CardSeries("c" + s, "C" + s, "s", "chase", FIRST, prices, prices.clone(), new boolean[days]));
		}
		return series;
	}

}
