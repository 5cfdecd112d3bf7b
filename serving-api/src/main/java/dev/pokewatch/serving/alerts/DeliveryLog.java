package dev.pokewatch.serving.alerts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook delivery log: one JSON line per attempt, appended with a single write to a
 * file opened in append mode, so concurrent appends never interleave within a line. A log
 * that cannot be written is reported once per failure, never fails a delivery.
 */
class DeliveryLog {

	private static final Logger logger = LoggerFactory.getLogger(DeliveryLog.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path file;

	DeliveryLog(Path file) {
		this.file = file.toAbsolutePath().normalize();
	}

	/**
	 * Appends one attempt.
	 * @param entry the attempt
	 */
	synchronized void append(Entry entry) {
		try {
			Files.createDirectories(this.file.getParent());
			byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
			Files.write(this.file, line, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			logger.warn("Cannot append to the webhook delivery log {}: {}", this.file, ex.toString());
		}
	}

	/**
	 * The file written.
	 * @return the absolute path
	 */
	Path file() {
		return this.file;
	}

	/**
	 * One delivery attempt.
	 *
	 * @param at when it ended
	 * @param deliveryId the alert's delivery id
	 * @param cardId the card alerted
	 * @param url the webhook without its query
	 * @param attempt the attempt number, from 1
	 * @param status the HTTP status answered, {@code null} when none
	 * @param outcome {@code delivered}, {@code retrying} or {@code failed}
	 * @param error why the attempt failed, {@code null} when it did not
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Entry(Instant at, @JsonProperty("delivery_id") String deliveryId, @JsonProperty("card_id") String cardId,
			String url, int attempt, Integer status, String outcome, String error) {

	}

}
