package dev.pokewatch.training.train;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PlotWriter}.
 */
class PlotWriterTests {

	@Test
	void drawnPointsShouldKeepOnePointPerCellAndEveryExtreme() {
		double[] x = { 10, 10.001, 10.002, 50, 0.5, 100 };
		double[] y = { 10, 10.001, 30, 50, 0.4, 90 };
		// cells of 1 x 1 on [0, 100] and [0, 90]: the first two share one
		int[] drawn = PlotWriter.drawnPoints(x, y, 100);
		assertThat(drawn).containsExactly(0, 2, 3, 4, 5);
		assertThat(PlotWriter.drawnPoints(new double[0], new double[0], 100)).isEmpty();
	}

	@Test
	void scatterOfTheDrawnPointsShouldLookLikeTheScatterOfEveryPoint() {
		// a holdout-like cloud: prices over three orders of magnitude, fair within a few
		// percent, a handful of far-off points
		Random random = new Random(3);
		int n = 60_000;
		double[] market = new double[n];
		double[] fair = new double[n];
		for (int i = 0; i < n; i++) {
			market[i] = Math.exp(random.nextGaussian() * 1.2 + 2);
			fair[i] = market[i] * ((i % 5000 == 0) ? 1.8 : 1 + 0.05 * random.nextGaussian());
		}
		int[] drawn = PlotWriter.drawnPoints(market, fair, PlotWriter.SCATTER_CELLS);
		assertThat(drawn.length).isLessThan(n / 3);

		BufferedImage all = BitmapEncoder
			.getBufferedImage(PlotWriter.scatterChart(market, fair, IntStream.range(0, n).toArray()));
		BufferedImage some = BitmapEncoder.getBufferedImage(PlotWriter.scatterChart(market, fair, drawn));
		assertThat(some.getWidth()).isEqualTo(all.getWidth());
		assertThat(some.getHeight()).isEqualTo(all.getHeight());
		long differing = 0;
		long inked = 0;
		for (int py = 0; py < all.getHeight(); py++) {
			for (int px = 0; px < all.getWidth(); px++) {
				int a = all.getRGB(px, py);
				int b = some.getRGB(px, py);
				inked += (a != 0xFFFFFFFF) ? 1 : 0;
				differing += (distance(a, b) > 48) ? 1 : 0;
			}
		}
		// labels, ticks and every marker's position agree: only antialiased marker edges,
		// drawn over fewer times, may differ a little
		assertThat(differing).as("pixels of %d inked", inked).isLessThan(inked / 100);
	}

	private static int distance(int a, int b) {
		return Arrays.stream(new int[] { 16, 8, 0 })
			.map((shift) -> Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)))
			.max()
			.orElse(0);
	}

}
