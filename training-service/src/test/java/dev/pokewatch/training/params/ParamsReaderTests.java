package dev.pokewatch.training.params;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.common.fair.FairPriceType;
import dev.pokewatch.training.system.CommandException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ParamsReader}.
 */
class ParamsReaderTests {

	@TempDir
	Path dir;

	@Test
	void readWhenOptionalFileMissingShouldUseDefaults() {
		TrainingParams params = ParamsReader.read(this.dir.resolve("params.yaml"), false);
		assertThat(params.gate().mapeMax()).isEqualTo(20.0);
		assertThat(params.gate().coverageMin()).isEqualTo(0.80);
		assertThat(params.thresholds().buyThreshold()).isEqualTo(0.10);
		assertThat(params.thresholds().minSignalPrice()).isEqualTo(5.0);
		// 3 types x 6 windows x 2 trends, each with the percent rule and 5 dispersion
		// rules
		assertThat(params.train().grid()).hasSize(36);
		assertThat(params.train().signalRules(params.thresholds())).hasSize(6)
			.allSatisfy((rule) -> assertThat(rule.minSignalPrice()).isEqualTo(5.0));
		assertThat(params.train().holdoutMaxShare()).isEqualTo(0.5);
		assertThat(params.paths().baselineDir()).isEqualTo(Path.of("models/baseline"));
	}

	@Test
	void readWhenValuesGivenShouldUseThem() throws IOException {
		Path file = write("""
				model: {buy_threshold_pct: 0.2, sell_threshold_pct: 0.3}
				train:
				  grid: {types: [median], windows: [5, 9], trends: [momentum], strengths: [2.5]}
				  holdout_days: 10
				gate: {mape_max: 5}
				""");
		TrainingParams params = ParamsReader.read(file, true);
		assertThat(params.thresholds().sellThreshold()).isEqualTo(0.3);
		assertThat(params.train().grid()).extracting((m) -> m.id())
			.containsExactly("median_5_momentum", "median_9_momentum");
		assertThat(params.train().signalRules(params.thresholds())).extracting((r) -> r.id())
			.containsExactly("pct_20_30", "z_2.5");
		assertThat(params.train().types()).containsExactly(FairPriceType.MEDIAN);
		assertThat(params.train().holdoutDays()).isEqualTo(10);
		assertThat(params.gate().mapeMax()).isEqualTo(5.0);
	}

	@Test
	void readWhenWrongTypeShouldNameFileAndKey() throws IOException {
		Path file = write("train:\n  holdout_days: soon\n");
		assertThatExceptionOfType(CommandException.class).isThrownBy(() -> ParamsReader.read(file, true))
			.withMessageContaining("params.yaml")
			.withMessageContaining("'train.holdout_days'");
		Path grid = write("train:\n  grid: {types: [arima]}\n");
		assertThatExceptionOfType(CommandException.class).isThrownBy(() -> ParamsReader.read(grid, true))
			.withMessageContaining("'train.grid.types[0]'")
			.withMessageContaining("arima");
		Path rule = write("model: {buy_threshold_pct: 1.5}\n");
		assertThatExceptionOfType(CommandException.class).isThrownBy(() -> ParamsReader.read(rule, true))
			.withMessageContaining("'buyThresholdPct' must be in (0, 1)");
		Path share = write("train: {holdout_max_share: 1.0}\n");
		assertThatExceptionOfType(CommandException.class).isThrownBy(() -> ParamsReader.read(share, true))
			.withMessageContaining("'holdout_max_share' must be in (0, 1)");
		Path trend = write("train:\n  grid: {trends: [sideways]}\n");
		assertThatExceptionOfType(CommandException.class).isThrownBy(() -> ParamsReader.read(trend, true))
			.withMessageContaining("'train.grid.trends[0]'");
	}

	@Test
	void readWhenUnknownKeyShouldNameFileAndPath() throws IOException {
		Path file = write("train:\n  grid: {tyeps: [sma]}\n");
		assertThatExceptionOfType(CommandException.class).isThrownBy(() -> ParamsReader.read(file, true))
			.withMessageContaining("params.yaml")
			.withMessageContaining("unknown key 'train.grid.tyeps'")
			.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(2));
		Path group = write("gates:\n  mape_max: 5\n");
		assertThatExceptionOfType(CommandException.class).isThrownBy(() -> ParamsReader.read(group, true))
			.withMessageContaining("unknown key 'gates'");
	}

	@Test
	void readWhenQuotedNumberOrFractionalDaysShouldNameKey() throws IOException {
		Path quoted = write("gate: {mape_max: \"20\"}\n");
		assertThatExceptionOfType(CommandException.class).isThrownBy(() -> ParamsReader.read(quoted, true))
			.withMessageContaining("'gate.mape_max' must be a number");
		Path fraction = write("train: {holdout_days: 2.5}\n");
		assertThatExceptionOfType(CommandException.class).isThrownBy(() -> ParamsReader.read(fraction, true))
			.withMessageContaining("'train.holdout_days' must be a whole number");
		Path window = write("train: {grid: {windows: [3, 0]}}\n");
		assertThatExceptionOfType(CommandException.class).isThrownBy(() -> ParamsReader.read(window, true))
			.withMessageContaining("'windows' must be at least 1");
	}

	@Test
	void readWhenKeyIsNullShouldKeepItsDefault() throws IOException {
		Path file = write("paths:\ngate: {mape_max: null, coverage_min: 0.5}\n");
		TrainingParams params = ParamsReader.read(file, true);
		assertThat(params.gate().mapeMax()).isEqualTo(20.0);
		assertThat(params.gate().coverageMin()).isEqualTo(0.5);
		assertThat(params.paths().rawDir()).isEqualTo(Path.of("data/raw"));
	}

	@Test
	void defaultsWhenComparedWithRepositoryParamsShouldBeEqual() throws IOException {
		// the repository's params.yaml (what DVC tracks) must state exactly the bundled
		// defaults: change both together
		Path repositoryParams = Path.of("..", "params.yaml");
		assertThat(YAMLMapper.builder().build().readTree(Files.readString(repositoryParams)))
			.isEqualTo(ParamsReader.defaults());
		assertThat(ParamsReader.read(repositoryParams, true)).isEqualTo(ParamsReader.defaultParams());
	}

	@Test
	void readWhenRequiredFileMissingShouldExitTwo() {
		assertThatExceptionOfType(CommandException.class)
			.isThrownBy(() -> ParamsReader.read(this.dir.resolve("nope.yaml"), true))
			.withMessageContaining("nope.yaml")
			.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(2));
	}

	private Path write(String yaml) throws IOException {
		Path file = this.dir.resolve("params.yaml");
		Files.writeString(file, yaml);
		return file;
	}

}
