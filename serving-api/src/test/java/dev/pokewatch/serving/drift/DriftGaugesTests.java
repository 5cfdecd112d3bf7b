package dev.pokewatch.serving.drift;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DriftGauges}: the gauges follow the report file as it appears,
 * changes, loses a category, turns unreadable and goes away.
 */
class DriftGaugesTests {

	@TempDir
	Path dir;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private DriftGauges gauges;

	@AfterEach
	void stop() {
		if (this.gauges != null) {
			this.gauges.destroy();
		}
	}

	@Test
	void refreshWhenReportAppearsChangesAndBreaksShouldFollowIt() throws IOException {
		Path report = this.dir.resolve("drift.json");
		this.gauges = new DriftGauges(new DriftProperties(report, Duration.ofHours(1)), this.meters);
		this.gauges.afterSingletonsInstantiated();
		assertThat(gauge("pokewatch.drift.status")).isEqualTo(-1);
		assertThat(gauge("pokewatch.drift.report.timestamp")).isZero();

		write(report, "drift", "2026-11-30T03:12:52Z",
				"""
						"returns": {"chase": {"status": "drift", "psi": 0.281}, "grail": {"status": "insufficient_data", "psi": null}},
						"deviation": {"chase": {"status": "drift", "psi": 0.917}, "sealed": {"status": "ok", "psi": 0.05}}""",
				"0.28", 1);
		this.gauges.refresh();
		assertThat(gauge("pokewatch.drift.status")).isEqualTo(2);
		assertThat(gauge("pokewatch.drift.live.error.ratio")).isEqualTo(0.28);
		assertThat(gauge("pokewatch.drift.report.timestamp"))
			.isEqualTo(Instant.parse("2026-11-30T03:12:52Z").getEpochSecond());
		assertThat(psi("returns", "chase")).isEqualTo(0.281);
		assertThat(psi("deviation", "sealed")).isEqualTo(0.05);
		// a category without a PSI has no series rather than a made-up value
		assertThat(this.meters.find("pokewatch.drift.psi").tag("category", "grail").gauge()).isNull();

		write(report, "ok", "2026-12-01T03:00:00Z", """
				"returns": {"chase": {"status": "ok", "psi": 0.02}}""", "null", 2);
		this.gauges.refresh();
		assertThat(gauge("pokewatch.drift.status")).isZero();
		assertThat(gauge("pokewatch.drift.live.error.ratio")).isNaN();
		assertThat(psi("returns", "chase")).isEqualTo(0.02);
		assertThat(this.meters.find("pokewatch.drift.psi").tag("feature", "deviation").gauge()).isNull();

		Files.writeString(report, "{ not json");
		Files.setLastModifiedTime(report, FileTime.fromMillis(System.currentTimeMillis() + 3_000));
		this.gauges.refresh();
		assertThat(gauge("pokewatch.drift.status")).isEqualTo(-1);
		assertThat(this.gauges.current()).isNull();

		Files.delete(report);
		this.gauges.refresh();
		assertThat(gauge("pokewatch.drift.status")).isEqualTo(-1);
	}

	@Test
	void refreshWhenReportUnchangedShouldNotReadItAgain() throws IOException {
		Path report = this.dir.resolve("drift.json");
		write(report, "warn", "2026-11-30T03:12:52Z", "", "1.6", 1);
		this.gauges = new DriftGauges(new DriftProperties(report, Duration.ofHours(1)), this.meters);
		this.gauges.afterSingletonsInstantiated();
		assertThat(gauge("pokewatch.drift.status")).isEqualTo(1);
		FileTime modified = Files.getLastModifiedTime(report);
		// same modification time, different content: not read again
		Files.writeString(report, "{ not json");
		Files.setLastModifiedTime(report, modified);
		this.gauges.refresh();
		assertThat(gauge("pokewatch.drift.status")).isEqualTo(1);
	}

	private double gauge(String name) {
		return this.meters.get(name).gauge().value();
	}

	private double psi(String feature, String category) {
		return this.meters.get("pokewatch.drift.psi").tag("feature", feature).tag("category", category).gauge().value();
	}

	/** Writes a report shaped like training's, with a distinct modification time. */
	private static void write(Path report, String status, String generatedAt, String psi, String ratio, int tick)
			throws IOException {
		Files.writeString(report, """
				{"status": "%s", "reasons": [], "generated_at": "%s", "model_version": "v1",
				 "psi": {%s},
				 "live_error": {"status": "ok", "ratio": %s}, "hit_rate": {"status": "insufficient_data"}}
				""".formatted(status, generatedAt, psi, ratio));
		Files.setLastModifiedTime(report, FileTime.fromMillis(1_700_000_000_000L + tick * 1000L));
	}

}
