package dev.pokewatch.training.drift;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.pokewatch.common.fair.FairPriceRule;
import dev.pokewatch.common.fair.FairPriceType;
import dev.pokewatch.common.feature.CardSeries;
import dev.pokewatch.common.feature.ProcessedFeaturesCodec;
import dev.pokewatch.common.feature.ProcessedPriceRow;
import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.served.ServedFeaturesCodec;
import dev.pokewatch.common.signal.Dispersion;
import dev.pokewatch.common.signal.SignalRule;
import dev.pokewatch.training.TestData;
import dev.pokewatch.training.system.ModelFiles;

/**
 * A simulated market for the drift tests: cards of two categories ({@code chase} and
 * {@code sealed}) whose prices are random walks with daily log returns of a given spread;
 * a regime change multiplies the spread of the {@code chase} cards over the last days.
 */
public final class DriftMarket {

	/** The first simulated day. */
	public static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);

	/** The served model of the tests: SMA-7, the percent rule. */
	public static final FairPriceRule RULE = new FairPriceRule(FairPriceType.SMA, 7);

	private DriftMarket() {
	}

	/**
	 * Simulates the market.
	 * @param seed the random seed
	 * @param cardsPerCategory cards of each category
	 * @param days simulated days
	 * @param shiftedDays the last days in which the {@code chase} cards' spread is
	 * multiplied (0: no regime change)
	 * @param factor the multiplier of the spread
	 * @return one series per card
	 */
	public static List<CardSeries> series(long seed, int cardsPerCategory, int days, int shiftedDays, double factor) {
		Random random = new Random(seed);
		List<CardSeries> series = new ArrayList<>();
		for (String category : List.of("chase", "sealed")) {
			for (int c = 0; c < cardsPerCategory; c++) {
				double[] prices = new double[days];
				double price = 40 + random.nextInt(40);
				for (int d = 0; d < days; d++) {
					double spread = 0.02 * ((category.equals("chase") && d >= days - shiftedDays) ? factor : 1);
					price *= Math.exp(random.nextGaussian() * spread);
					prices[d] = Math.round(price * 100) / 100.0;
				}
				series.add(new CardSeries(category + "_card_" + c, "Card " + c, "Set Alpha", category, FIRST_DAY,
						prices, prices.clone(), new boolean[days]));
			}
		}
		return series;
	}

	/**
	 * The served model of the tests, trained on the days up to {@code lastTrainedDay}.
	 * @param metrics its training metrics
	 * @param lastTrainedDay the last day of its features
	 * @return the model
	 */
	static ServedModel model(Map<String, Double> metrics, LocalDate lastTrainedDay) {
		return new ServedModel(metadata(metrics), RULE, SignalRule.DEFAULT, new Dispersion(21, 7, 0.01), 7,
				lastTrainedDay);
	}

	/**
	 * The metadata of the served model.
	 * @param metrics its training metrics
	 * @return the metadata
	 */
	public static ModelMetadata metadata(Map<String, Double> metrics) {
		return new ModelMetadata("sma", 7, "2026-05-01T00:00:00Z", null, null, "data/processed", 1000, metrics,
				ModelMetadata.Thresholds.of(SignalRule.DEFAULT), "sma_7-test", "0".repeat(64), null, 0, null, 7, null);
	}

	/**
	 * Writes the series as one processed file, as preprocess would.
	 * @param processedDir the processed data directory
	 * @param series the series
	 */
	public static void writeProcessed(Path processedDir, List<CardSeries> series) {
		List<ProcessedPriceRow> rows = new ArrayList<>();
		for (CardSeries card : series) {
			double[] prices = card.market();
			for (int d = 0; d < prices.length; d++) {
				rows.add(new ProcessedPriceRow(
						TestData.row(card.cardId(), "Set Alpha", card.day(d), prices[d], card.category()), null, null,
						null, null, null, false, null, null));
			}
		}
		ProcessedFeaturesCodec.write(processedDir.resolve("set_alpha.parquet"), rows);
	}

	/**
	 * Writes a served model directory whose features end at {@code lastTrainedDay}.
	 * @param modelDir the model directory
	 * @param series the series it was trained on
	 * @param metrics its training metrics
	 * @param lastTrainedDay the last day of its features
	 * @throws IOException on write failure
	 */
	public static void writeModel(Path modelDir, List<CardSeries> series, Map<String, Double> metrics,
			LocalDate lastTrainedDay) throws IOException {
		ModelFiles.writeJson(modelDir.resolve(ModelMetadata.FILE_NAME), metadata(metrics));
		List<ServedFeaturesCodec.Row> rows = new ArrayList<>();
		for (CardSeries card : series) {
			double[] fair = RULE.fairPrices(card.usable());
			int last = card.index(lastTrainedDay);
			for (int d = 0; d <= Math.min(last, card.length() - 1); d++) {
				rows.add(new ServedFeaturesCodec.Row(card.cardId(), card.cardName(), card.setName(), card.category(),
						card.day(d), card.market()[d], Double.isNaN(fair[d]) ? null : fair[d], null, false));
			}
		}
		ServedFeaturesCodec.write(modelDir.resolve(ModelMetadata.DEFAULT_FEATURES_FILE), rows);
	}

}
