package dev.pokewatch.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.common.testsupport.TestEnvironment;
import dev.pokewatch.training.tracking.MlflowTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the repository's {@code dvc.yaml} with the built training jar, the real
 * launcher {@code bin/pokewatch} and a real {@code dvc}: the stages run although the
 * {@code java} first on PATH and {@code JAVA_HOME} are a Java 17 (as on Debian 12), a
 * second {@code dvc repro} runs nothing but the {@code today} stage (which writes the
 * date), a new day makes collect out of date, a changed train parameter re-runs train,
 * validate and drift only. Runs in {@code verify}, after the jar is packaged.
 */
@Tag("integration")
class DvcPipelineIT {

	@TempDir
	Path project;

	@TempDir
	Path java17;

	@Test
	void reproWhenNothingChangedShouldRunNothingAfterTodayAndWhenTrainParamChangedShouldRunTrainValidateAndDrift()
			throws Exception {
		Path repo = MlflowTestServer.repoRoot();
		Path dvc = MlflowTestServer.venvExecutable("dvc");
		Path jar = repo.resolve("training-service/target/training-service.jar");
		TestEnvironment.requireOrSkip(Files.isRegularFile(jar), "needs the packaged " + jar);
		Files.copy(repo.resolve("dvc.yaml"), this.project.resolve("dvc.yaml"));
		Files.copy(repo.resolve("params.yaml"), this.project.resolve("params.yaml"));
		Files.createDirectories(this.project.resolve("config"));
		Files.copy(repo.resolve("config/cards.yaml"), this.project.resolve("config/cards.yaml"));
		// the project's ignore rules matter: DVC refuses to run when dvc.lock is
		// git-ignored
		Files.copy(repo.resolve(".gitignore"), this.project.resolve(".gitignore"));
		Files.createDirectories(this.project.resolve("bin"));
		Files.copy(repo.resolve("bin/pokewatch"), this.project.resolve("bin/pokewatch"));
		this.project.resolve("bin/pokewatch").toFile().setExecutable(true);
		Files.copy(repo.resolve("config/jvm.properties"), this.project.resolve("config/jvm.properties"));
		Files.createDirectories(this.project.resolve("training-service/target"));
		Files.copy(jar, this.project.resolve("training-service/target/training-service.jar"));
		Files.writeString(this.project.resolve("params.yaml"),
				Files.readString(this.project.resolve("params.yaml"))
					.replace("holdout_days: 90", "holdout_days: 20")
					.replace("min_signals: 20", "min_signals: 3"));
		// the collector has its own tests: record generated raw files as its output (the
		// collect stage's dependency on the bundled sample only needs to exist)
		TestData.writeRaw(this.project.resolve("data/raw"), 2, 60);
		Path sample = this.project.resolve("collector-service/src/main/resources/sample");
		Files.createDirectories(sample);
		Files.writeString(sample.resolve("SOURCE.md"), "stand-in for the bundled sample\n");
		run("git", "init", "-q");
		run(dvc.toString(), "init", "-q");
		// today's date first: collect depends on it
		run(dvc.toString(), "repro", "today");
		run(dvc.toString(), "commit", "-f", "collect");

		String first = run(dvc.toString(), "repro");
		assertThat(first)
			.contains("Running stage 'preprocess'", "Running stage 'train'", "Running stage 'validate'",
					"Running stage 'drift'")
			.doesNotContain("Running stage 'collect'")
			.doesNotContain("java 17 was run");
		assertThat(this.project.resolve("models/baseline/model_metadata.json")).exists();
		assertThat(this.project.resolve("reports/metrics.json")).exists();
		assertThat(Files.readString(this.project.resolve("reports/drift.json"))).contains("\"status\"");

		// the same day, nothing new: only the date is written again
		String second = run(dvc.toString(), "repro");
		assertThat(second).contains("Running stage 'today'")
			.doesNotContain("Running stage 'collect'")
			.doesNotContain("Running stage 'preprocess'")
			.doesNotContain("Running stage 'train'")
			.doesNotContain("Running stage 'validate'")
			.doesNotContain("Running stage 'drift'");

		// another day: collect is out of date (the collector has its own tests, so it is
		// not run here)
		Files.writeString(this.project.resolve("data/collect-day.txt"), "2000-01-01\n");
		assertThat(run(dvc.toString(), "status", "collect")).contains("collect:", "data/collect-day.txt");
		run(dvc.toString(), "repro", "today");

		Files.writeString(this.project.resolve("params.yaml"),
				Files.readString(this.project.resolve("params.yaml")).replace("holdout_days: 20", "holdout_days: 21"));
		String third = run(dvc.toString(), "repro");
		assertThat(third).contains("Running stage 'train'", "Running stage 'validate'", "Running stage 'drift'")
			.doesNotContain("Running stage 'preprocess'")
			.doesNotContain("Running stage 'collect'");
	}

	private String run(String... command) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(this.project.toFile())
			.redirectErrorStream(true);
		Map<String, String> env = builder.environment();
		// a Java 17 comes first on PATH and is JAVA_HOME: the launcher must skip it and
		// find the JDK running this test among the installed ones
		Path oldJava = oldJavaHome();
		env.put("PATH", oldJava.resolve("bin") + ":" + env.getOrDefault("PATH", ""));
		env.put("JAVA_HOME", oldJava.toString());
		env.put("POKEWATCH_JAVA_DIRS", Path.of(System.getProperty("java.home")).toRealPath().getParent().toString());
		// never a real tracking server
		env.remove("MLFLOW_TRACKING_URI");
		env.put("MLFLOW_FILE_STORE_DIR", this.project.resolve("mlruns").toString());
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
		return output;
	}

	/**
	 * A Java 17 home whose {@code java} fails the way a real 17 fails on our jars.
	 * @return the home
	 */
	private Path oldJavaHome() throws IOException {
		Path home = this.java17;
		Path java = home.resolve("bin/java");
		if (!Files.exists(java)) {
			Files.createDirectories(java.getParent());
			Files.writeString(home.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
			Files.writeString(java, "#!/bin/sh\necho 'java 17 was run: UnsupportedClassVersionError' >&2\nexit 1\n");
			java.toFile().setExecutable(true);
		}
		return home;
	}

}
