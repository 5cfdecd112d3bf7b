package dev.pokewatch.serving.drift;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import dev.pokewatch.common.drift.DriftSummary;
import dev.pokewatch.common.telemetry.MeterNames;

/**
 * Exports the latest drift report ({@code reports/drift.json}, written by training's
 * {@code drift}) as gauges, so the alert rules see drift where they see everything else:
 * the status (0 ok, 1 warn, 2 drift, -1 unknown), each feature's PSI per category, the
 * live error ratio and when the check ran. The file is read again only when it changes; a
 * missing or unreadable one sets the status to unknown and is logged once per change.
 */
@Component
@EnableConfigurationProperties(DriftProperties.class)
public class DriftGauges implements SmartInitializingSingleton, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(DriftGauges.class);

	private final DriftProperties properties;

	private final MultiGauge psi;

	private final AtomicReference<DriftSummary> current = new AtomicReference<>();

	private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "drift-report-refresh");
		thread.setDaemon(true);
		return thread;
	});

	private volatile FileTime seen;

	public DriftGauges(DriftProperties properties, MeterRegistry meterRegistry) {
		this.properties = properties;
		Gauge.builder(MeterNames.DRIFT_STATUS, this, (gauges) -> {
			DriftSummary summary = gauges.current.get();
			return (summary != null) ? summary.level() : -1;
		}).description("Drift status of the last report: 0 ok, 1 warn, 2 drift, -1 unknown").register(meterRegistry);
		Gauge.builder(MeterNames.DRIFT_LIVE_ERROR_RATIO, this, (gauges) -> {
			DriftSummary summary = gauges.current.get();
			return (summary != null && summary.liveErrorRatio() != null) ? summary.liveErrorRatio() : Double.NaN;
		}).description("Live next-day MAPE over the training MAPE, from the last drift report").register(meterRegistry);
		Gauge.builder(MeterNames.DRIFT_REPORT_TIMESTAMP, this, (gauges) -> {
			DriftSummary summary = gauges.current.get();
			return (summary != null && summary.generatedAt() != null) ? summary.generatedAt().toEpochMilli() / 1000.0
					: 0;
		})
			.description("When the last drift report was made (epoch seconds)")
			.baseUnit("seconds")
			.register(meterRegistry);
		this.psi = MultiGauge.builder(MeterNames.DRIFT_PSI)
			.description("PSI between the reference and current window, by feature and category")
			.register(meterRegistry);
	}

	@Override
	public void afterSingletonsInstantiated() {
		refresh();
		long period = Math.max(1, this.properties.refresh().toMillis());
		this.refresher.scheduleWithFixedDelay(this::refresh, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() {
		this.refresher.shutdownNow();
	}

	/**
	 * The report the gauges show.
	 * @return the summary, {@code null} when there is none or it is unreadable
	 */
	public DriftSummary current() {
		return this.current.get();
	}

	/**
	 * Reads the report again if it changed since the last look.
	 */
	public void refresh() {
		Path file = this.properties.report();
		FileTime modified;
		try {
			modified = Files.getLastModifiedTime(file);
		}
		catch (IOException ex) {
			modified = null;
		}
		if (Objects.equals(modified, this.seen) && (modified != null || this.current.get() == null)) {
			return;
		}
		this.seen = modified;
		if (modified == null) {
			show(null);
			return;
		}
		try {
			show(DriftSummary.read(file));
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Drift gauges show 'unknown': {}", ex.getMessage());
			show(null);
		}
	}

	private void show(DriftSummary summary) {
		this.current.set(summary);
		List<MultiGauge.Row<?>> rows = new ArrayList<>();
		if (summary != null) {
			for (Map.Entry<String, Map<String, Double>> feature : summary.psi().entrySet()) {
				for (Map.Entry<String, Double> category : feature.getValue().entrySet()) {
					rows.add(MultiGauge.Row.of(Tags.of("feature", feature.getKey(), "category", category.getKey()),
							category.getValue()));
				}
			}
		}
		// overwrite: a category gone from the report must not keep its old value
		this.psi.register(rows, true);
	}

}
