package dev.pokewatch.serving.alerts;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import dev.pokewatch.common.signal.Signal;
import dev.pokewatch.serving.security.ApiKeyHashes;
import dev.pokewatch.serving.servedmodel.DaySignal;
import dev.pokewatch.serving.servedmodel.ModelIndex;
import dev.pokewatch.serving.servedmodel.ModelSwappedEvent;
import dev.pokewatch.serving.servedmodel.ServedSeries;
import dev.pokewatch.serving.watchlist.WatchlistStore;

/**
 * After each promotion (a reload that replaced a served model), compares the latest
 * signal of every watched card in the old and the new model and sends one webhook per
 * card whose signal changed. The work runs on a single background thread: the reload
 * never waits for Redis or for a slow receiver, and alerts go out in promotion order.
 */
@Component
class SignalChangeAlerts implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(SignalChangeAlerts.class);

	private final AlertsProperties properties;

	private final WatchlistStore watchlists;

	private final Clock clock;

	private final WebhookClient webhook;

	private final ExecutorService executor = Executors
		.newSingleThreadExecutor(Thread.ofPlatform().name("webhook-alerts").daemon().factory());

	SignalChangeAlerts(AlertsProperties properties, WatchlistStore watchlists) {
		this.properties = properties;
		this.watchlists = watchlists;
		this.clock = Clock.systemUTC();
		// only when configured: an HTTP client sets up TLS, which cost the API's start
		// time
		this.webhook = properties.enabled()
				? new WebhookClient(properties, new DeliveryLog(properties.deliveryLog()), this.clock) : null;
		if (properties.enabled()) {
			logger.info("Signal-change alerts go to {} (delivery log {})", properties.loggableUrl(),
					properties.deliveryLog().toAbsolutePath());
		}
	}

	@EventListener
	void onModelSwapped(ModelSwappedEvent event) {
		if (this.webhook == null || event.previous() == null) {
			return;
		}
		this.executor.execute(() -> alert(event.previous(), event.current()));
	}

	private void alert(ModelIndex previous, ModelIndex current) {
		Map<String, List<String>> watchers;
		try {
			watchers = watchersByCard(this.watchlists.all());
		}
		catch (DataAccessException | UncheckedIOException ex) {
			logger.warn("No signal-change alerts for model '{}': the watchlists cannot be read: {}",
					current.modelVersion(), ex.toString());
			return;
		}
		List<SignalChangeAlert> alerts = changes(previous, current, watchers);
		if (!alerts.isEmpty()) {
			logger.info("Model '{}' changed the signal of {} watched card(s): sending alerts", current.modelVersion(),
					alerts.size());
		}
		for (SignalChangeAlert alert : alerts) {
			this.webhook.deliver(alert);
		}
	}

	/**
	 * The alerts a promotion raises: one per watched card that both models know whose
	 * latest signal differs.
	 * @param previous the model served before
	 * @param current the model served now
	 * @param watchers the watchers' fingerprints by card
	 * @return the alerts, by card id
	 */
	List<SignalChangeAlert> changes(ModelIndex previous, ModelIndex current, Map<String, List<String>> watchers) {
		List<SignalChangeAlert> alerts = new ArrayList<>();
		for (Map.Entry<String, List<String>> watched : watchers.entrySet()) {
			String cardId = watched.getKey();
			ServedSeries before = previous.card(cardId);
			ServedSeries now = current.card(cardId);
			if (before == null || now == null) {
				continue;
			}
			DaySignal old = previous.signalAt(before, before.lastIndex());
			DaySignal latest = current.signalAt(now, now.lastIndex());
			Signal oldSignal = (old != null) ? old.signal() : null;
			if (latest == null || Objects.equals(oldSignal, latest.signal())) {
				continue;
			}
			alerts.add(new SignalChangeAlert(SignalChangeAlert.EVENT, UUID.randomUUID().toString(),
					this.clock.instant(), cardId, now.cardName(), now.latestDate(), oldSignal, latest.signal(),
					latest.marketPrice(), latest.fairPrice(), latest.strengthOrNull(), previous.modelVersion(),
					current.modelVersion(), watched.getValue()));
		}
		return alerts;
	}

	// a watcher is named by its key hash's fingerprint, never by the key
	static Map<String, List<String>> watchersByCard(Map<String, Set<String>> watchlists) {
		Map<String, List<String>> byCard = new TreeMap<>();
		watchlists.forEach((owner, cards) -> {
			String watcher = WatchlistStore.ANONYMOUS.equals(owner) ? owner : ApiKeyHashes.fingerprint(owner);
			for (String card : cards) {
				byCard.computeIfAbsent(card, (key) -> new ArrayList<>()).add(watcher);
			}
		});
		byCard.values().forEach((list) -> list.sort(null));
		return byCard;
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
