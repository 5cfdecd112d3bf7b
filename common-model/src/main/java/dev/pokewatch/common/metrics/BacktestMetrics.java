package dev.pokewatch.common.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.pokewatch.common.signal.Signal;

/**
 * Out-of-sample metrics of one fair-price model over one window. Rates are fractions,
 * {@code mape} is in percent (as in the older system). Undefined values (no points, no
 * signals) are {@code NaN}, never invented.
 *
 * @param points scorable points: days in the window with a usable market price
 * @param datasetSize points that also had a fair price (the scored ones)
 * @param mape mean |fair − market| / market, in percent
 * @param rmse root mean squared error, in price units
 * @param coverageRate {@code datasetSize / points}
 * @param buyRate share of scored points with a BUY signal
 * @param sellRate share with SELL
 * @param holdRate share with HOLD
 * @param mapeByCategory MAPE (percent) per card category
 * @param buySignals number of BUY signals
 * @param sellSignals number of SELL signals
 * @param outcomes scored points at or above the minimum signal price with a usable price
 * {@code horizon} days later
 * @param buyOutcomes BUY signals with such an outcome
 * @param sellOutcomes SELL signals with such an outcome
 * @param buyHits BUY signals followed by a higher price
 * @param sellHits SELL signals followed by a lower price
 * @param buyHitRate share of BUY signals followed by a higher price
 * @param sellHitRate share of SELL signals followed by a lower price
 * @param baseUpRate share of those {@code outcomes} followed by a higher price
 * @param baseDownRate share followed by a lower price
 * @param signalHitRate share of BUY and SELL signals that hit
 * @param signalLift {@code signalHitRate} minus the hit rate the same signals would have
 * by chance (base rates weighted by the signal mix)
 * @param horizonMape mean |fair − price {@code horizon} days later| / that price, in
 * percent, over scored points with an outcome: how well the fair price forecasts the
 * horizon
 * @param naiveHorizonMape the same for "the price stays as it is" (today's market price)
 * over the same points
 * @param tallies signal counts per group: {@code band_<band>} ({@link PriceBand}) and
 * {@code cat_<category>}
 * @since 0.1.0
 */
public record BacktestMetrics(long points, long datasetSize, double mape, double rmse, double coverageRate,
		double buyRate, double sellRate, double holdRate, Map<String, Double> mapeByCategory, long buySignals,
		long sellSignals, long outcomes, long buyOutcomes, long sellOutcomes, long buyHits, long sellHits,
		double buyHitRate, double sellHitRate, double baseUpRate, double baseDownRate, double signalHitRate,
		double signalLift, double horizonMape, double naiveHorizonMape, Map<String, SignalTally> tallies) {

	public BacktestMetrics {
		mapeByCategory = Map.copyOf(mapeByCategory);
		tallies = Collections.unmodifiableMap(new LinkedHashMap<>(tallies));
	}

	/**
	 * BUY hit rate minus the base up rate.
	 * @return the lift, {@code NaN} when undefined
	 */
	public double buyLift() {
		return this.buyHitRate - this.baseUpRate;
	}

	/**
	 * SELL hit rate minus the base down rate.
	 * @return the lift, {@code NaN} when undefined
	 */
	public double sellLift() {
		return this.sellHitRate - this.baseDownRate;
	}

	/**
	 * The evidence of the BUY signals, with its uncertainty.
	 * @return the evidence
	 */
	public SignalEvidence buyEvidence() {
		return new SignalEvidence(Signal.BUY, this.buyOutcomes, this.buyHits, this.baseUpRate);
	}

	/**
	 * The evidence of the SELL signals, with its uncertainty.
	 * @return the evidence
	 */
	public SignalEvidence sellEvidence() {
		return new SignalEvidence(Signal.SELL, this.sellOutcomes, this.sellHits, this.baseDownRate);
	}

	/**
	 * The 95 % interval of the BUY and SELL signals' lift together, in percentage points:
	 * the Wilson interval of their joint hit rate minus the rate they would hit by chance
	 * (the base rates weighted by the signal mix).
	 * @return the interval, empty without signals or base rates
	 */
	public Optional<ConfidenceInterval> signalLiftPpInterval() {
		double expected = this.signalHitRate - this.signalLift;
		if (!Double.isFinite(expected)) {
			return Optional.empty();
		}
		return ConfidenceInterval.wilson95(this.buyHits + this.sellHits, signalOutcomes())
			.map((interval) -> interval.shiftAndScale(-expected, 100));
	}

	/**
	 * BUY plus SELL signals that have an outcome.
	 * @return the count
	 */
	public long signalOutcomes() {
		return this.buyOutcomes + this.sellOutcomes;
	}

	/**
	 * The metrics under their published names ({@code mape}, {@code buy_hit_rate_7d},
	 * {@code mape_<category>}, {@code buy_lift_pp_7d_band_5_20}, ...), in a stable order.
	 * @param horizonDays the outcome horizon, used in the names
	 * @return name to value; undefined values are {@code NaN}, except those of the
	 * {@link SignalEvidence} (left out)
	 */
	public Map<String, Double> toMap(int horizonDays) {
		String h = "_" + horizonDays + "d";
		Map<String, Double> map = new LinkedHashMap<>();
		map.put("mape", this.mape);
		map.put("rmse", this.rmse);
		map.put("coverage_rate", this.coverageRate);
		map.put("dataset_size", (double) this.datasetSize);
		map.put("points", (double) this.points);
		map.put("buy_rate", this.buyRate);
		map.put("sell_rate", this.sellRate);
		map.put("hold_rate", this.holdRate);
		map.put("buy_signals", (double) this.buySignals);
		map.put("sell_signals", (double) this.sellSignals);
		map.put("buy_hit_rate" + h, this.buyHitRate);
		map.put("sell_hit_rate" + h, this.sellHitRate);
		map.put("base_up_rate" + h, this.baseUpRate);
		map.put("base_down_rate" + h, this.baseDownRate);
		map.put("buy_lift" + h, buyLift());
		map.put("sell_lift" + h, sellLift());
		map.put("signal_hit_rate" + h, this.signalHitRate);
		map.put("signal_lift" + h, this.signalLift);
		map.put("signal_outcomes" + h, (double) signalOutcomes());
		map.put("horizon_mape" + h, this.horizonMape);
		map.put("naive_horizon_mape" + h, this.naiveHorizonMape);
		map.putAll(buyEvidence().toMap(horizonDays));
		map.putAll(sellEvidence().toMap(horizonDays));
		this.tallies.forEach((group, tally) -> map.putAll(tally.toMap(horizonDays, group)));
		this.mapeByCategory.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((entry) -> map.put("mape_" + entry.getKey(), entry.getValue()));
		return map;
	}

}
