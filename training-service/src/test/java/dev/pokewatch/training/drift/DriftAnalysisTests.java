package dev.pokewatch.training.drift;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pokewatch.common.feature.CardSeries;
import dev.pokewatch.common.signal.SignalRule;
import dev.pokewatch.training.params.ParamsReader;
import dev.pokewatch.training.params.TrainingParams;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DriftAnalysis} on a simulated market: 40 cards per category, 150 days,
 * the defaults of params.yaml (current window 30 days, reference 90).
 */
class DriftAnalysisTests {

	private static final int DAYS = 150;

	private static final LocalDate LAST_DAY = DriftMarket.FIRST_DAY.plusDays(DAYS - 1);

	private final TrainingParams.Drift params = ParamsReader.defaultParams().drift();

	@Test
	void runWhenTheRegimeIsUnchangedShouldBeOk() {
		List<CardSeries> market = DriftMarket.series(7, 40, DAYS, 0, 1);
		DriftReport report = new DriftAnalysis(this.params).run(market, trainedOn(market));
		assertThat(report.status()).isEqualTo(DriftStatus.OK);
		assertThat(report.reasons()).isEmpty();
		assertThat(report.psi().get(DriftAnalysis.RETURNS)).containsOnlyKeys("chase", "sealed");
		assertThat(report.maxPsi()).isLessThan(this.params.psiWarn());
		assertThat(report.current()).isEqualTo(new DriftReport.Window(LAST_DAY.minusDays(29), LAST_DAY));
		assertThat(report.reference())
			.isEqualTo(new DriftReport.Window(LAST_DAY.minusDays(119), LAST_DAY.minusDays(30)));
		DriftReport.CategoryPsi chase = report.psi().get(DriftAnalysis.RETURNS).get("chase");
		// 40 cards x 30 days of returns, 10 bins
		assertThat(chase.currentPoints()).isEqualTo(40 * 30);
		assertThat(chase.referencePoints()).isEqualTo(40 * 90);
		assertThat(chase.bins()).isEqualTo(10);
		assertThat(report.liveError().status()).isEqualTo(DriftStatus.OK);
	}

	@Test
	void runWhenChaseReturnsAreScaledShouldFlagDriftInChaseOnly() {
		List<CardSeries> calm = DriftMarket.series(7, 40, DAYS, 0, 1);
		// the same cards, but the chase cards move three times as much over the last 30
		// days
		List<CardSeries> shifted = DriftMarket.series(7, 40, DAYS, 30, 3);
		DriftReport report = new DriftAnalysis(this.params).run(shifted, trainedOn(calm));
		assertThat(report.status()).isEqualTo(DriftStatus.DRIFT);
		DriftReport.CategoryPsi chase = report.psi().get(DriftAnalysis.RETURNS).get("chase");
		assertThat(chase.status()).isEqualTo(DriftStatus.DRIFT);
		assertThat(chase.psi()).isGreaterThan(this.params.psiDrift());
		assertThat(report.psi().get(DriftAnalysis.RETURNS).get("sealed").status()).isEqualTo(DriftStatus.OK);
		assertThat(report.psi().get(DriftAnalysis.DEVIATION).get("chase").status()).isEqualTo(DriftStatus.DRIFT);
		assertThat(report.reasons()).anyMatch((reason) -> reason.startsWith("PSI of returns in chase is "))
			.noneMatch((reason) -> reason.contains("in sealed"));
		// three times the moves: the next-day error of the last 14 days grows too
		assertThat(report.liveError().ratio()).isGreaterThan(1.5);
	}

	@Test
	void runWhenTooFewValuesShouldSayInsufficientDataAndStayOk() {
		List<CardSeries> market = DriftMarket.series(7, 1, DAYS, 0, 1);
		DriftReport report = new DriftAnalysis(this.params).run(market, trainedOn(market));
		DriftReport.CategoryPsi chase = report.psi().get(DriftAnalysis.RETURNS).get("chase");
		assertThat(chase.status()).isEqualTo(DriftStatus.INSUFFICIENT_DATA);
		assertThat(chase.psi()).isNull();
		assertThat(chase.currentPoints()).isEqualTo(30);
		assertThat(report.status()).isEqualTo(DriftStatus.OK);
	}

	@Test
	void runWhenLiveSignalsHitFarLessThanOnTheHoldoutShouldFlagDrift() {
		List<CardSeries> market = DriftMarket.series(7, 40, DAYS, 0, 1);
		// a random walk's signals hit about half the time; the holdout claimed 95 %. With
		// 3 % thresholds (the default 10 % rarely fires on 2 % daily moves)
		ServedModel served = DriftMarket.model(Map.of("mape", liveMape(market), "signal_hit_rate_7d", 0.95),
				LAST_DAY.minusDays(60));
		ServedModel model = new ServedModel(served.metadata(), served.fairPrice(), new SignalRule(0.03, 0.03, 5.0),
				served.dispersion(), served.horizonDays(), served.lastTrainedDay());
		DriftReport report = new DriftAnalysis(this.params).run(market, model);
		DriftReport.HitRate hitRate = report.hitRate();
		assertThat(hitRate.since()).isEqualTo(LAST_DAY.minusDays(59));
		assertThat(hitRate.outcomes()).isGreaterThanOrEqualTo(this.params.minSignalOutcomes());
		assertThat(hitRate.outcomes()).isEqualTo(hitRate.buyOutcomes() + hitRate.sellOutcomes());
		assertThat(hitRate.hitRate()).isBetween(0.3, 0.7);
		assertThat(hitRate.drop()).isEqualTo(0.95 - hitRate.hitRate());
		assertThat(hitRate.status()).isEqualTo(DriftStatus.DRIFT);
		assertThat(report.status()).isEqualTo(DriftStatus.DRIFT);
		assertThat(report.reasons()).anyMatch((reason) -> reason.startsWith("hit rate of "));
	}

	@Test
	void runWhenTheModelWasTrainedOnAllTheDataShouldHaveNoLiveSignals() {
		List<CardSeries> market = DriftMarket.series(7, 40, DAYS, 0, 1);
		DriftReport report = new DriftAnalysis(this.params).run(market, trainedOn(market));
		assertThat(report.hitRate().outcomes()).isZero();
		assertThat(report.hitRate().hitRate()).isNull();
		assertThat(report.hitRate().status()).isEqualTo(DriftStatus.INSUFFICIENT_DATA);
	}

	/**
	 * The model as if trained on this market up to its last day: its training MAPE is the
	 * one it shows there.
	 */
	private ServedModel trainedOn(List<CardSeries> market) {
		return DriftMarket.model(Map.of("mape", liveMape(market), "signal_hit_rate_7d", 0.5), LAST_DAY);
	}

	private double liveMape(List<CardSeries> market) {
		ServedModel any = DriftMarket.model(Map.of("mape", 1.0), LAST_DAY);
		return new DriftAnalysis(this.params).run(market, any).liveError().mape();
	}

}
