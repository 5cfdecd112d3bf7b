package dev.pokewatch.common.feature;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.pokewatch.common.fair.FairPriceRule;
import dev.pokewatch.common.fair.FairPriceType;
import dev.pokewatch.common.price.RawPriceRow;

/**
 * Turns raw rows of one set into processed rows: de-duplicates (card, day), flags
 * outliers and computes the features from previous calendar days.
 *
 * @since 0.1.0
 */
public final class FeatureBuilder {

	private static final FairPriceRule MEAN_3 = new FairPriceRule(FairPriceType.SMA, 3);

	private static final FairPriceRule MEAN_5 = new FairPriceRule(FairPriceType.SMA, 5);

	private FeatureBuilder() {
	}

	/**
	 * Keeps one row per (card, day): the one with the latest {@code collected_at}; on a
	 * tie the one that comes later in {@code rows} (a later file).
	 * @param rows raw rows in file order
	 * @return de-duplicated rows sorted by card and day
	 */
	public static List<RawPriceRow> deduplicate(List<RawPriceRow> rows) {
		List<RawPriceRow> unique = new ArrayList<>(rows.size());
		deduplicateByCard(rows).forEach(unique::addAll);
		return unique;
	}

	/**
	 * De-duplicates as {@link #deduplicate} does, card by card: a hash map keyed by
	 * (card, day) and a sort of all rows by card and day cost most of preprocessing's own
	 * time; grouping by card, then sorting each card's rows by day (rows come in file
	 * order, so mostly in day order already) gives the same rows in the same order.
	 * @return per card in card id order, its rows in day order, one per day
	 */
	private static List<List<RawPriceRow>> deduplicateByCard(List<RawPriceRow> rows) {
		Map<String, List<RawPriceRow>> byCard = new HashMap<>();
		for (RawPriceRow row : rows) {
			byCard.computeIfAbsent(row.cardId(), (id) -> new ArrayList<>()).add(row);
		}
		List<String> cardIds = new ArrayList<>(byCard.keySet());
		Collections.sort(cardIds);
		List<List<RawPriceRow>> cards = new ArrayList<>(cardIds.size());
		for (String cardId : cardIds) {
			List<RawPriceRow> cardRows = byCard.get(cardId);
			// stable: rows of one day keep their file order, which breaks ties
			cardRows.sort(Comparator.comparing(RawPriceRow::date));
			List<RawPriceRow> unique = new ArrayList<>(cardRows.size());
			RawPriceRow kept = null;
			for (RawPriceRow candidate : cardRows) {
				if (kept != null && kept.date().equals(candidate.date())) {
					kept = candidate.collectedAt().isBefore(kept.collectedAt()) ? kept : candidate;
					continue;
				}
				if (kept != null) {
					unique.add(kept);
				}
				kept = candidate;
			}
			unique.add(kept);
			cards.add(unique);
		}
		return cards;
	}

	/**
	 * Builds processed rows.
	 * @param rows raw rows of one set, any order, duplicates allowed
	 * @param rule the outlier rule
	 * @return processed rows sorted by card and day, one per (card, day)
	 */
	public static List<ProcessedPriceRow> build(List<RawPriceRow> rows, OutlierRule rule) {
		Objects.requireNonNull(rule, "'rule' must not be null");
		// cards are independent: build them in parallel, keep the card order
		List<List<ProcessedPriceRow>> perCard = deduplicateByCard(rows).parallelStream()
			.map((cardRows) -> buildCard(cardRows, rule))
			.toList();
		List<ProcessedPriceRow> processed = new ArrayList<>(rows.size());
		perCard.forEach(processed::addAll);
		return processed;
	}

	private static List<ProcessedPriceRow> buildCard(List<RawPriceRow> rows, OutlierRule rule) {
		int n = rows.size();
		long[] days = new long[n];
		double[] prices = new double[n];
		for (int i = 0; i < n; i++) {
			days[i] = rows.get(i).date().toEpochDay();
			Double price = rows.get(i).marketPrice();
			prices[i] = (price != null) ? price : Double.NaN;
		}
		OutlierRule.Result flags = rule.apply(days, prices);
		long first = days[0];
		int length = (int) (days[n - 1] - first) + 1;
		double[] usable = new double[length];
		java.util.Arrays.fill(usable, Double.NaN);
		for (int i = 0; i < n; i++) {
			if (!flags.flagged(i) && prices[i] > 0) {
				usable[(int) (days[i] - first)] = prices[i];
			}
		}
		double[] mean3 = MEAN_3.fairPrices(usable);
		double[] mean5 = MEAN_5.fairPrices(usable);
		List<ProcessedPriceRow> out = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			int d = (int) (days[i] - first);
			Double lag1 = (d > 0) ? boxed(usable[d - 1]) : null;
			Double current = boxed(usable[d]);
			Double priceReturn = (lag1 != null && current != null) ? current / lag1 - 1 : null;
			Double rolling3 = boxed(mean3[d]);
			out.add(new ProcessedPriceRow(rows.get(i), lag1, rolling3, boxed(mean5[d]), priceReturn, rolling3,
					flags.flagged(i), flags.reasons()[i], boxed(flags.levels()[i])));
		}
		return out;
	}

	private static Double boxed(double value) {
		return Double.isNaN(value) ? null : value;
	}

}
