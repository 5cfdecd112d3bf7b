package dev.pokewatch.collector.collect;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.pokewatch.common.telemetry.MeterNames;
import dev.pokewatch.collector.collect.CardOutcome.Outcome;

/**
 * The collector's Prometheus metrics: {@code pokewatch_collector_cards_total{outcome}},
 * {@code pokewatch_collector_run_duration_seconds} and
 * {@code pokewatch_collector_last_success_timestamp_seconds}.
 */
public class CollectorMetrics {

	private final Map<Outcome, Counter> cards = new EnumMap<>(Outcome.class);

	private final Timer runDuration;

	private final AtomicLong lastSuccess = new AtomicLong();

	private final Clock clock;

	public CollectorMetrics(MeterRegistry registry, Clock clock) {
		this.clock = clock;
		for (Outcome outcome : Outcome.values()) {
			this.cards.put(outcome,
					Counter.builder(MeterNames.COLLECTOR_CARDS)
						.description("Cards per collection outcome, summed over runs")
						.tag("outcome", outcome.tag())
						.register(registry));
		}
		this.runDuration = Timer.builder(MeterNames.COLLECTOR_RUN_DURATION)
			.description("Duration of collection runs")
			.register(registry);
		Gauge.builder(MeterNames.COLLECTOR_LAST_SUCCESS, this.lastSuccess, AtomicLong::get)
			.description("Unix time of the end of the last run that collected something (0 = never)")
			.baseUnit("seconds")
			.register(registry);
	}

	/**
	 * Records a finished run.
	 * @param summary the run
	 */
	public void record(RunSummary summary) {
		summary.cards().forEach((card) -> this.cards.get(card.outcome()).increment());
		this.runDuration.record(summary.duration().toNanos(), TimeUnit.NANOSECONDS);
		if (summary.exitCode() == 0) {
			this.lastSuccess.set(this.clock.instant().getEpochSecond());
		}
	}

}
