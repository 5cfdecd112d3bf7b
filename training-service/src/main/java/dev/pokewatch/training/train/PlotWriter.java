package dev.pokewatch.training.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

import dev.pokewatch.common.feature.CardSeries;
import dev.pokewatch.common.metrics.Backtest.BacktestPoint;
import dev.pokewatch.common.signal.Signal;

/**
 * Writes the plot data DVC renders ({@code reports/plots/*.csv}) and the same plots as
 * PNG images (XChart, headless): error histogram, market vs fair scatter, signal
 * distribution and price vs fair over time for the most valuable cards.
 */
final class PlotWriter {

	private static final int WIDTH = 900;

	private static final int HEIGHT = 560;

	private static final int BINS = 40;

	// finer than the chart's pixels: one marker per cell draws the same picture
	static final int SCATTER_CELLS = 2000;

	private PlotWriter() {
	}

	static List<Path> write(Path dir, List<BacktestPoint> holdout, List<CardSeries> series, List<double[]> fair,
			int topCards) throws IOException {
		System.setProperty("java.awt.headless", "true");
		Files.createDirectories(dir);
		List<BacktestPoint> scored = holdout.stream().filter(BacktestPoint::scored).toList();
		List<Path> images = new ArrayList<>();
		images.add(errorHistogram(dir, scored));
		images.add(scatter(dir, scored));
		images.add(signals(dir, scored));
		images.add(priceVsFair(dir, series, fair, topCards));
		return images;
	}

	private static Path errorHistogram(Path dir, List<BacktestPoint> scored) throws IOException {
		double[] errors = scored.stream().mapToDouble((p) -> (p.fair() - p.market()) / p.market() * 100).toArray();
		double limit = 1;
		for (double e : errors) {
			limit = Math.max(limit, Math.abs(e));
		}
		// symmetric bins so that a biased model shows as an off-centre histogram
		double width = 2 * limit / BINS;
		long[] counts = new long[BINS];
		for (double e : errors) {
			counts[Math.min(BINS - 1, (int) ((e + limit) / width))]++;
		}
		StringBuilder csv = new StringBuilder("error_pct,count\n");
		List<Double> centres = new ArrayList<>();
		List<Long> values = new ArrayList<>();
		for (int i = 0; i < BINS; i++) {
			double centre = -limit + (i + 0.5) * width;
			csv.append(format(centre)).append(',').append(counts[i]).append('\n');
			centres.add(Math.round(centre * 100) / 100.0);
			values.add(counts[i]);
		}
		Files.writeString(dir.resolve("error_histogram.csv"), csv, StandardCharsets.UTF_8);
		CategoryChart chart = new CategoryChartBuilder().width(WIDTH)
			.height(HEIGHT)
			.title("Holdout error (fair - market) / market")
			.xAxisTitle("error %")
			.yAxisTitle("points")
			.build();
		chart.getStyler().setLegendVisible(false);
		chart.getStyler().setXAxisLabelRotation(90);
		chart.addSeries("error", centres, values);
		return save(chart, dir.resolve("error_histogram.png"));
	}

	private static Path scatter(Path dir, List<BacktestPoint> scored) throws IOException {
		StringBuilder csv = new StringBuilder("card_id,date,market_price,fair_price,signal\n");
		double[] marketPrices = new double[scored.size()];
		double[] fairPrices = new double[scored.size()];
		for (int i = 0; i < scored.size(); i++) {
			BacktestPoint p = scored.get(i);
			marketPrices[i] = p.market();
			fairPrices[i] = p.fair();
			csv.append(p.cardId())
				.append(',')
				.append(p.date())
				.append(',')
				.append(format(p.market()))
				.append(',')
				.append(format(p.fair()))
				.append(',')
				.append(p.signal())
				.append('\n');
		}
		Files.writeString(dir.resolve("predictions.csv"), csv, StandardCharsets.UTF_8);
		return save(scatterChart(marketPrices, fairPrices, drawnPoints(marketPrices, fairPrices, SCATTER_CELLS)),
				dir.resolve("true_vs_fair.png"));
	}

	/**
	 * The market vs fair scatter of some of the points, with the diagonal.
	 * @param marketPrices every point's market price
	 * @param fairPrices every point's fair price
	 * @param drawn the indexes of the points to draw
	 * @return the chart
	 */
	static XYChart scatterChart(double[] marketPrices, double[] fairPrices, int[] drawn) {
		XYChart chart = new XYChartBuilder().width(WIDTH)
			.height(HEIGHT)
			.title("Holdout: market price vs fair price")
			.xAxisTitle("market price (USD)")
			.yAxisTitle("fair price (USD)")
			.build();
		chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
		chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
		chart.getStyler().setMarkerSize(4);
		if (drawn.length > 0) {
			chart.addSeries("points", Arrays.stream(drawn).mapToDouble((i) -> marketPrices[i]).toArray(),
					Arrays.stream(drawn).mapToDouble((i) -> fairPrices[i]).toArray());
			double max = Arrays.stream(marketPrices).max().orElse(1);
			XYSeries diagonal = chart.addSeries("fair = market", new double[] { 0, max }, new double[] { 0, max });
			diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
		}
		return chart;
	}

	/**
	 * The points a scatter needs to draw: the first of each cell of a
	 * {@code cells x cells} grid over {@code [0, max]} on both axes. The 10,000-card
	 * holdout has 900,000 points, and drawing every marker was 5 % of a retrain's CPU for
	 * a picture that one marker per cell, each less than a pixel wide, draws the same.
	 * @param x the x values, non-negative
	 * @param y the y values, non-negative
	 * @param cells the cells per axis
	 * @return the indexes of the points to draw, in input order
	 */
	static int[] drawnPoints(double[] x, double[] y, int cells) {
		if (x.length == 0) {
			return new int[0];
		}
		double maxX = 0;
		double maxY = 0;
		for (int i = 0; i < x.length; i++) {
			maxX = Math.max(maxX, x[i]);
			maxY = Math.max(maxY, y[i]);
		}
		double scaleX = (maxX > 0) ? cells / maxX : 0;
		double scaleY = (maxY > 0) ? cells / maxY : 0;
		// one bit per cell (4M bits, 0.5 MB, at 2000 cells), not a boxed Long per point
		BitSet seen = new BitSet(Math.multiplyExact(cells + 1, cells + 1));
		boolean[] keep = new boolean[x.length];
		for (int i = 0; i < x.length; i++) {
			// prices are never negative; a negative value still lands in the first cell
			int cell = Math.max(0, (int) (x[i] * scaleX)) * (cells + 1) + Math.max(0, (int) (y[i] * scaleY));
			keep[i] = !seen.get(cell);
			seen.set(cell);
		}
		// the extremes themselves, so that the axes span what they span with every point
		keep[extreme(x, 1)] = true;
		keep[extreme(x, -1)] = true;
		keep[extreme(y, 1)] = true;
		keep[extreme(y, -1)] = true;
		return IntStream.range(0, x.length).filter((i) -> keep[i]).toArray();
	}

	private static int extreme(double[] values, int sign) {
		int at = 0;
		for (int i = 1; i < values.length; i++) {
			if (sign * values[i] > sign * values[at]) {
				at = i;
			}
		}
		return at;
	}

	private static Path signals(Path dir, List<BacktestPoint> scored) throws IOException {
		Map<Signal, Long> counts = new EnumMap<>(Signal.class);
		for (Signal signal : Signal.values()) {
			counts.put(signal, 0L);
		}
		scored.forEach((p) -> counts.merge(p.signal(), 1L, Long::sum));
		StringBuilder csv = new StringBuilder("signal,count\n");
		counts.forEach((signal, count) -> csv.append(signal).append(',').append(count).append('\n'));
		Files.writeString(dir.resolve("signals.csv"), csv, StandardCharsets.UTF_8);
		CategoryChart chart = new CategoryChartBuilder().width(WIDTH)
			.height(HEIGHT)
			.title("Holdout signal distribution")
			.xAxisTitle("signal")
			.yAxisTitle("points")
			.build();
		chart.getStyler().setLegendVisible(false);
		chart.addSeries("signals", counts.keySet().stream().map(Signal::name).toList(),
				new ArrayList<>(counts.values()));
		return save(chart, dir.resolve("signal_distribution.png"));
	}

	private static Path priceVsFair(Path dir, List<CardSeries> series, List<double[]> fair, int topCards)
			throws IOException {
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < series.size(); i++) {
			order.add(i);
		}
		order.sort(Comparator.comparingDouble((Integer i) -> -latestPrice(series.get(i))));
		StringBuilder csv = new StringBuilder("card_id,date,market_price,fair_price\n");
		XYChart chart = new XYChartBuilder().width(WIDTH)
			.height(HEIGHT)
			.title("Market vs fair price, top " + Math.min(topCards, series.size()) + " cards by price")
			.xAxisTitle("date")
			.yAxisTitle("USD")
			.build();
		chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
		chart.getStyler().setMarkerSize(0);
		chart.getStyler().setDatePattern("yyyy-MM-dd");
		for (int i : order.subList(0, Math.min(topCards, order.size()))) {
			CardSeries card = series.get(i);
			double[] fairPrices = fair.get(i);
			List<Date> marketDays = new ArrayList<>();
			List<Double> market = new ArrayList<>();
			List<Date> fairDays = new ArrayList<>();
			List<Double> fairValues = new ArrayList<>();
			for (int d = 0; d < card.length(); d++) {
				double price = card.usable()[d];
				Date day = Date.from(card.day(d).atStartOfDay(ZoneOffset.UTC).toInstant());
				if (!Double.isNaN(price)) {
					marketDays.add(day);
					market.add(price);
				}
				if (!Double.isNaN(fairPrices[d])) {
					fairDays.add(day);
					fairValues.add(fairPrices[d]);
				}
				if (!Double.isNaN(price) || !Double.isNaN(fairPrices[d])) {
					csv.append(card.cardId())
						.append(',')
						.append(card.day(d))
						.append(',')
						.append(Double.isNaN(price) ? "" : format(price))
						.append(',')
						.append(Double.isNaN(fairPrices[d]) ? "" : format(fairPrices[d]))
						.append('\n');
				}
			}
			String label = (card.cardName() != null) ? card.cardName() : card.cardId();
			if (!market.isEmpty()) {
				chart.addSeries(label + " market", marketDays, market);
			}
			if (!fairValues.isEmpty()) {
				chart.addSeries(label + " fair", fairDays, fairValues);
			}
		}
		Files.writeString(dir.resolve("price_vs_fair.csv"), csv, StandardCharsets.UTF_8);
		return save(chart, dir.resolve("price_vs_fair.png"));
	}

	private static double latestPrice(CardSeries card) {
		for (int d = card.length() - 1; d >= 0; d--) {
			if (!Double.isNaN(card.usable()[d])) {
				return card.usable()[d];
			}
		}
		return 0;
	}

	private static Path save(Chart<?, ?> chart, Path file) throws IOException {
		BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
		return file;
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, "%.4f", value);
	}

}
