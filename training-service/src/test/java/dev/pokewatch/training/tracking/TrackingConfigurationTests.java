package dev.pokewatch.training.tracking;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TrackingConfiguration}.
 */
class TrackingConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer())
		.withUserConfiguration(TrackingConfiguration.class);

	@TempDir
	private Path temp;

	@Test
	void contextWhenTrackingUriIsHttpShouldUseMlflowServerTrackerAndRegistry() {
		this.runner
			.withSystemProperties("MLFLOW_TRACKING_URI=https://dagshub.com/owner/repo.mlflow",
					"MLFLOW_TRACKING_USERNAME=owner", "MLFLOW_TRACKING_PASSWORD=token-value")
			.run((context) -> {
				assertThat(context).getBean(ExperimentTracker.class).isInstanceOf(MlflowTracker.class);
				assertThat(context).getBean(ModelRegistry.class).isInstanceOf(MlflowModelRegistry.class);
				assertThat(context.getBean(ExperimentTracker.class).describe())
					.isEqualTo("MLflow server https://dagshub.com/owner/repo.mlflow");
				TrackingProperties properties = context.getBean(TrackingProperties.class);
				assertThat(properties.username()).isEqualTo("owner");
				assertThat(properties.password()).isEqualTo("token-value");
				assertThat(properties.toString()).doesNotContain("token-value");
			});
	}

	@Test
	void contextWhenTrackingUriUnsetShouldUseFileStoreAtConfiguredDirAndUnavailableRegistry() {
		this.runner.withSystemProperties("MLFLOW_FILE_STORE_DIR=" + this.temp.resolve("runs")).run((context) -> {
			assertThat(context).getBean(ExperimentTracker.class)
				.isInstanceOfSatisfying(FileStoreTracker.class,
						(tracker) -> assertThat(tracker.root()).isEqualTo(this.temp.resolve("runs")));
			assertThat(context.getBean(ModelRegistry.class).isAvailable()).isFalse();
		});
	}

	@Test
	void contextWhenNothingConfiguredShouldDefaultToMlrunsInWorkingDirectory() {
		this.runner.run((context) -> assertThat(context).getBean(ExperimentTracker.class)
			.isInstanceOfSatisfying(FileStoreTracker.class,
					(tracker) -> assertThat(tracker.root()).isEqualTo(Path.of("mlruns").toAbsolutePath())));
	}

	@Test
	void contextWhenTrackingUriIsFileShouldUseFileStoreAtThatPath() {
		this.runner.withPropertyValues("training.tracking.uri=" + this.temp.resolve("store").toUri())
			.run((context) -> assertThat(context).getBean(ExperimentTracker.class)
				.isInstanceOfSatisfying(FileStoreTracker.class,
						(tracker) -> assertThat(tracker.root()).isEqualTo(this.temp.resolve("store"))));
	}

	@Test
	void contextWhenTrackingUriSchemeUnsupportedShouldFailNamingTheUri() {
		this.runner.withPropertyValues("training.tracking.uri=databricks").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("MLFLOW_TRACKING_URI 'databricks'");
		});
	}

	@Test
	void contextWhenTrackingUriIsDatabaseShouldFail() {
		this.runner.withPropertyValues("training.tracking.uri=sqlite:///mlflow.db")
			.run((context) -> assertThat(context).hasFailed());
	}

}
