package dev.pokewatch.collector.http;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pokewatch.collector.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Throttle}.
 */
class ThrottleTests {

	@Test
	void acquireWhenCalledBackToBackShouldSpaceRequestsByTheRate() throws InterruptedException {
		MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		List<Duration> waits = new ArrayList<>();
		Throttle throttle = new Throttle(60, clock, (duration) -> {
			waits.add(duration);
			clock.advance(duration);
		});
		throttle.acquire();
		throttle.acquire();
		clock.advance(Duration.ofMillis(400));
		throttle.acquire();
		clock.advance(Duration.ofSeconds(5));
		throttle.acquire();
		assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofMillis(600));
	}

	@Test
	void acquireWhenRateIsZeroShouldNeverWait() throws InterruptedException {
		List<Duration> waits = new ArrayList<>();
		Throttle throttle = new Throttle(0, new MutableClock(Instant.parse("2026-01-01T00:00:00Z")), waits::add);
		for (int i = 0; i < 5; i++) {
			throttle.acquire();
		}
		assertThat(waits).isEmpty();
	}

}
