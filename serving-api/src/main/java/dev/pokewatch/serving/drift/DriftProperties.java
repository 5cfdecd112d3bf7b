package dev.pokewatch.serving.drift;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the drift report is and how often it is looked at, bound from
 * {@code serving.drift.*}.
 *
 * @param report the report {@code drift} writes ({@code DRIFT_REPORT}); a missing file
 * leaves the gauges at "unknown"
 * @param refresh how often the file is checked for a new report
 */
@ConfigurationProperties("serving.drift")
public record DriftProperties(@DefaultValue("reports/drift.json") Path report, @DefaultValue("60s") Duration refresh) {

}
