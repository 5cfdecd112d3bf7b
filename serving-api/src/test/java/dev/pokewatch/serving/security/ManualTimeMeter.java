package dev.pokewatch.serving.security;

import java.time.Duration;

import io.github.bucket4j.TimeMeter;

/**
 * A clock for buckets that only moves when the test says so.
 */
final class ManualTimeMeter implements TimeMeter {

	private long nanos = 1_000_000_000L;

	void advance(Duration duration) {
		this.nanos += duration.toNanos();
	}

	@Override
	public long currentTimeNanos() {
		return this.nanos;
	}

	@Override
	public boolean isWallClockBased() {
		return false;
	}

}
