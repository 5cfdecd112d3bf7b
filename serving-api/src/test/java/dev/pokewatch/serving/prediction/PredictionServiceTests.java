package dev.pokewatch.serving.prediction;

import java.nio.file.Path;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.signal.Signal;
import dev.pokewatch.common.signal.SignalRule;
import dev.pokewatch.serving.servedmodel.ModelIndex;
import dev.pokewatch.serving.servedmodel.ServedModelHolder;
import dev.pokewatch.serving.support.TestModels;
import dev.pokewatch.serving.support.TestProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PredictionService}: how a served model's rule classifies a day, for
 * dispersion rules, the minimum price, outliers and metadata of older trainers.
 */
class PredictionServiceTests {

	private static final Offset<Double> CLOSE = Offset.offset(1e-9);

	private final ValidatorFactory validation = Validation.buildDefaultValidatorFactory();

	@TempDir
	Path dir;

	@AfterEach
	void closeValidation() {
		this.validation.close();
	}

	@Test
	void predictWhenDispersionRuleShouldClassifyByStrengthNotBySizeOfTheMove() {
		ModelIndex index = load(
				TestModels.write(this.dir, TestModels.dispersionRows(), TestModels.dispersionMetadata("z-v1")));
		assertThat(index.signalRule()).isEqualTo(SignalRule.dispersion(TestModels.DISPERSION_THRESHOLD, 2.0));
		PredictionService service = service();
		PredictionResponse calm = service.predict(index, "z_calm_small_move", null);
		assertThat(calm.deviationPct()).isCloseTo(-4.0 / 104, CLOSE);
		assertThat(calm.strength()).isCloseTo(Math.log(1.04) / 0.01, CLOSE);
		assertThat(calm.signal()).as("a 3.8 %% move on a calm card").isEqualTo(Signal.BUY);
		PredictionResponse jumpy = service.predict(index, "z_jumpy_big_move", null);
		assertThat(jumpy.strength()).isCloseTo(Math.log(1.25) / 0.2, CLOSE);
		assertThat(jumpy.signal()).as("a 20 %% move on a jumpy card").isEqualTo(Signal.HOLD);
		PredictionResponse sell = service.predict(index, "z_sell", null);
		assertThat(sell.strength()).isCloseTo(Math.log(100.0 / 130) / 0.05, CLOSE);
		assertThat(sell.signal()).isEqualTo(Signal.SELL);
		assertThat(service.predict(index, "z_hold", null).signal()).isEqualTo(Signal.HOLD);
	}

	@Test
	void predictWhenDispersionIsUnknownShouldHoldWithNullStrength() {
		ModelIndex index = load(
				TestModels.write(this.dir, TestModels.dispersionRows(), TestModels.dispersionMetadata("z-v1")));
		PredictionResponse response = service().predict(index, "z_no_dispersion", null);
		assertThat(response.deviationPct()).isCloseTo(-50.0 / 150, CLOSE);
		assertThat(response.strength()).isNull();
		assertThat(response.signal()).isEqualTo(Signal.HOLD);
	}

	@Test
	void predictWhenMarketPriceIsUnderMinSignalPriceShouldHoldDespiteLargeDeviation() {
		ModelIndex dispersion = load(TestModels.write(this.dir.resolve("z"), TestModels.dispersionRows(),
				TestModels.dispersionMetadata("z-v1")));
		PredictionResponse cheap = service().predict(dispersion, "z_cheap", null);
		assertThat(cheap.strength()).isGreaterThan(5 * TestModels.DISPERSION_THRESHOLD);
		assertThat(cheap.signal()).isEqualTo(Signal.HOLD);
		ModelIndex percent = load(TestModels.write(this.dir.resolve("pct"), "pct-v1",
				List.of(TestModels.row("cheap", null, "2025-11-21", 1.0, 2.0, false),
						TestModels.row("dear", null, "2025-11-21", 10.0, 20.0, false))));
		PredictionResponse under = service().predict(percent, "cheap", null);
		assertThat(under.deviationPct()).isEqualTo(-0.5);
		assertThat(under.signal()).isEqualTo(Signal.HOLD);
		assertThat(service().predict(percent, "dear", null).signal()).isEqualTo(Signal.BUY);
	}

	@Test
	void predictWhenOutlierShouldHoldButStillReportDeviationAndStrength() {
		ModelIndex index = load(
				TestModels.write(this.dir, TestModels.dispersionRows(), TestModels.dispersionMetadata("z-v1")));
		PredictionResponse response = service().predict(index, "z_outlier", null);
		assertThat(response.outlier()).isTrue();
		assertThat(response.note()).isEqualTo(PredictionService.OUTLIER_NOTE);
		assertThat(response.strength()).isCloseTo(Math.log(2) / 0.05, CLOSE);
		assertThat(response.signal()).isEqualTo(Signal.HOLD);
	}

	@Test
	void predictWhenMetadataIsFromAnOlderTrainerShouldServeWithThePercentRule() {
		ModelIndex index = load(
				TestModels.write(this.dir, TestModels.standardRows(1.0), TestModels.olderMetadataJson("old-v1")));
		ModelMetadata metadata = index.metadata();
		assertThat(metadata.trend()).isEqualTo("reversion");
		assertThat(metadata.horizonDays()).isNull();
		assertThat(index.signalRule()).isEqualTo(new SignalRule(0.10, 0.15, SignalRule.DEFAULT_MIN_SIGNAL_PRICE));
		PredictionService service = service();
		PredictionResponse buy = service.predict(index, TestModels.CARD_A, "2025-11-23");
		assertThat(buy.signal()).isEqualTo(Signal.BUY);
		assertThat(buy.strength()).isNull();
		assertThat(buy.modelVersion()).isEqualTo("old-v1");
		assertThat(service.predict(index, TestModels.CARD_A, null).signal()).isEqualTo(Signal.SELL);
	}

	@Test
	void predictBatchShouldAnswerEachItemsStrength() {
		ModelIndex index = load(
				TestModels.write(this.dir, TestModels.dispersionRows(), TestModels.dispersionMetadata("z-v1")));
		BatchPredictionResponse batch = service().predictBatch(index,
				new BatchPredictionRequest(List.of("z_buy_strong", "z_no_dispersion"), null));
		assertThat(batch.errors()).isZero();
		PredictionResponse strong = (PredictionResponse) batch.predictions().get(0);
		assertThat(strong.strength()).isCloseTo(Math.log(1.2) / 0.05, CLOSE);
		assertThat(strong.signal()).isEqualTo(Signal.BUY);
		assertThat(((PredictionResponse) batch.predictions().get(1)).strength()).isNull();
	}

	private PredictionService service() {
		return new PredictionService(TestProperties.of(this.dir), new SimpleMeterRegistry(),
				this.validation.getValidator());
	}

	private static ModelIndex load(Path modelDir) {
		ServedModelHolder holder = new ServedModelHolder(TestProperties.of(modelDir), new SimpleMeterRegistry());
		holder.afterSingletonsInstantiated();
		return holder.require();
	}

}
