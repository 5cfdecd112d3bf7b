package dev.pokewatch.serving.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.github.bucket4j.TimeMeter;

/**
 * Bucket time and wall-clock time that only move when the test says so, in step.
 */
final class ManualTime extends Clock implements TimeMeter {

	static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private long elapsedNanos;

	void advance(Duration duration) {
		this.elapsedNanos += duration.toNanos();
	}

	long epochSecond() {
		return instant().getEpochSecond();
	}

	@Override
	public long currentTimeNanos() {
		return 1_000_000_000L + this.elapsedNanos;
	}

	@Override
	public boolean isWallClockBased() {
		return false;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Instant instant() {
		return START.plusNanos(this.elapsedNanos);
	}

}
