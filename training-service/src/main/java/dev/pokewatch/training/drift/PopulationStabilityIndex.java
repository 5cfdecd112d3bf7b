package dev.pokewatch.training.drift;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The population stability index of a current sample against a reference sample:
 * {@code PSI = sum over bins of (c - r) * ln(c / r)}, where {@code r} and {@code c} are
 * the shares of each sample in a bin.
 *
 * <p>
 * The bins are cut at the reference's quantiles {@code 1/bins, ..., (bins-1)/bins}
 * (linear interpolation, as numpy's default), ties merged, so a sample with many equal
 * values (TCGplayer prices often do not move for days) gets fewer, never empty-by-design
 * bins. The first and last bins are open-ended: a current value below or above everything
 * in the reference is counted in an end bin, never dropped (a common peer mistake, which
 * hides exactly the shift one looks for). A bin is {@code (lower, upper]}. A share of 0
 * would make the logarithm infinite, so shares are floored at {@link #EPSILON}.
 */
final class PopulationStabilityIndex {

	/** The smallest share a bin counts with (as Evidently does). */
	static final double EPSILON = 1e-4;

	private PopulationStabilityIndex() {
	}

	/**
	 * The PSI of {@code current} against {@code reference}.
	 * @param reference the reference values, not empty
	 * @param current the current values, not empty
	 * @param bins the number of quantile bins asked for, at least 2
	 * @return the index and the bins it was computed on
	 */
	static Result of(double[] reference, double[] current, int bins) {
		if (reference.length == 0 || current.length == 0) {
			throw new IllegalArgumentException("both samples must hold values");
		}
		double[] edges = edges(reference, bins);
		double[] referenceShares = shares(reference, edges);
		double[] currentShares = shares(current, edges);
		double psi = 0;
		for (int b = 0; b < referenceShares.length; b++) {
			double r = Math.max(referenceShares[b], EPSILON);
			double c = Math.max(currentShares[b], EPSILON);
			psi += (c - r) * Math.log(c / r);
		}
		return new Result(psi, edges.length + 1, reference.length, current.length);
	}

	/**
	 * The inner bin edges: the reference's quantiles at {@code k / bins}, without
	 * repeats.
	 * @param reference the reference values
	 * @param bins the number of bins asked for
	 * @return ascending distinct edges, at most {@code bins - 1}
	 */
	static double[] edges(double[] reference, int bins) {
		double[] sorted = reference.clone();
		Arrays.sort(sorted);
		return IntStream.range(1, bins).mapToDouble((k) -> quantile(sorted, (double) k / bins)).distinct().toArray();
	}

	private static double quantile(double[] sorted, double p) {
		double position = p * (sorted.length - 1);
		int lower = (int) Math.floor(position);
		int upper = Math.min(lower + 1, sorted.length - 1);
		return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
	}

	private static double[] shares(double[] values, double[] edges) {
		double[] shares = new double[edges.length + 1];
		for (double value : values) {
			shares[bin(value, edges)]++;
		}
		for (int b = 0; b < shares.length; b++) {
			shares[b] /= values.length;
		}
		return shares;
	}

	/** The bin of a value: how many edges lie strictly below it. */
	private static int bin(double value, double[] edges) {
		int index = Arrays.binarySearch(edges, value);
		return (index >= 0) ? index : -index - 1;
	}

	/**
	 * A computed index.
	 *
	 * @param psi the index, 0 for equal distributions
	 * @param bins the bins it was computed on (fewer than asked for when quantiles tie)
	 * @param referencePoints values in the reference
	 * @param currentPoints values in the current sample
	 */
	record Result(double psi, int bins, int referencePoints, int currentPoints) {

	}

}
