package dev.pokewatch.common.card;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@code config/cards.yaml} in the older Python system's format ({@code set:} plus
 * {@code cards:}), or with {@code sets:} listing several sets, each with its own
 * {@code cards:} or {@code track_all: true}. Besides the Python system's fields, a set
 * may give {@code tcgplayer_group_id} and a card {@code rarity} and {@code printing}.
 *
 * <p>
 * Validation is done by hand on the YAML tree rather than by data binding so that every
 * error names the file and the exact field ({@code sets[1].cards[3].internal_id}).
 *
 * @since 0.1.0
 */
public final class CardsConfigReader {

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private CardsConfigReader() {
	}

	/**
	 * Reads and validates a cards file.
	 * @param file the YAML file
	 * @return the configuration
	 * @throws CardsConfigException naming the file and field on any problem
	 */
	public static CardsConfig read(Path file) {
		JsonNode root;
		try {
			root = YAML.readTree(Files.readString(file));
		}
		catch (NoSuchFileException ex) {
			throw new CardsConfigException(file, null, "file not found", ex);
		}
		catch (IOException | JacksonException ex) {
			throw new CardsConfigException(file, null, "not readable YAML: " + ex.getMessage(), ex);
		}
		if (root == null || !root.isObject()) {
			throw new CardsConfigException(file, null, "expected a mapping with 'set' and 'cards', or 'sets'");
		}
		List<TrackedSet> sets = new ArrayList<>();
		if (root.has("sets")) {
			JsonNode list = root.get("sets");
			if (!list.isArray() || list.isEmpty()) {
				throw new CardsConfigException(file, "sets", "must be a non-empty list");
			}
			for (int i = 0; i < list.size(); i++) {
				sets.add(readTrackedSet(file, list.get(i), "sets[" + i + "]."));
			}
		}
		else if (root.has("set")) {
			sets.add(readTrackedSet(file, root, ""));
		}
		else {
			throw new CardsConfigException(file, "set", "missing: give 'set' with 'cards', or 'sets'");
		}
		checkUniqueIds(file, sets, root.has("sets"));
		return new CardsConfig(sets);
	}

	private static TrackedSet readTrackedSet(Path file, JsonNode node, String prefix) {
		JsonNode setNode = node.has("set") ? node.get("set") : node;
		String setPrefix = node.has("set") ? prefix + "set." : prefix;
		if (!setNode.isObject()) {
			throw new CardsConfigException(file, prefix + "set", "must be a mapping with id, name, language");
		}
		String groupId = optionalText(setNode, "tcgplayer_group_id");
		if (groupId != null && !groupId.matches("\\d+")) {
			throw new CardsConfigException(file, setPrefix + "tcgplayer_group_id",
					"must be a TCGplayer group number, got '" + groupId + "'");
		}
		CardSet set = new CardSet(requiredText(file, setNode, setPrefix + "id"),
				requiredText(file, setNode, setPrefix + "name"), optionalText(setNode, "language"), groupId);
		boolean wholeSet = node.path("track_all").asBoolean(false);
		List<TrackedCard> cards = new ArrayList<>();
		JsonNode cardsNode = node.get("cards");
		if (cardsNode != null && !cardsNode.isNull()) {
			if (!cardsNode.isArray()) {
				throw new CardsConfigException(file, prefix + "cards", "must be a list");
			}
			for (int i = 0; i < cardsNode.size(); i++) {
				cards.add(readCard(file, cardsNode.get(i), prefix + "cards[" + i + "]."));
			}
		}
		if (cards.isEmpty() && !wholeSet) {
			throw new CardsConfigException(file, prefix + "cards", "is empty: list cards, or set 'track_all: true'");
		}
		return new TrackedSet(set, cards, wholeSet);
	}

	private static TrackedCard readCard(Path file, JsonNode node, String prefix) {
		if (!node.isObject()) {
			throw new CardsConfigException(file, prefix.substring(0, prefix.length() - 1), "must be a mapping");
		}
		String internalId = requiredText(file, node, prefix + "internal_id");
		if (!internalId.matches("[A-Za-z0-9_.\\-]+")) {
			throw new CardsConfigException(file, prefix + "internal_id",
					"'" + internalId + "' may only contain letters, digits, '_', '.', '-'");
		}
		List<String> tags = new ArrayList<>();
		JsonNode tagsNode = node.get("tags");
		if (tagsNode != null && !tagsNode.isNull()) {
			if (!tagsNode.isArray()) {
				throw new CardsConfigException(file, prefix + "tags", "must be a list");
			}
			tagsNode.forEach((tag) -> tags.add(tag.asString()));
		}
		Monitoring monitoring = Monitoring.DEFAULT;
		JsonNode mon = node.get("monitoring");
		if (mon != null && !mon.isNull()) {
			if (!mon.isObject()) {
				throw new CardsConfigException(file, prefix + "monitoring", "must be a mapping with active, priority");
			}
			JsonNode priority = mon.get("priority");
			if (priority != null && !priority.isNull() && !priority.isIntegralNumber()) {
				throw new CardsConfigException(file, prefix + "monitoring.priority",
						"must be a whole number, got '" + priority.asString() + "'");
			}
			monitoring = new Monitoring(mon.path("active").asBoolean(true), (priority != null) ? priority.asInt() : 1);
		}
		String tcgplayerId = optionalText(node, "tcgplayer_id");
		if (tcgplayerId != null && !tcgplayerId.matches("\\d+")) {
			throw new CardsConfigException(file, prefix + "tcgplayer_id",
					"must be a TCGplayer product number, got '" + tcgplayerId + "'");
		}
		return new TrackedCard(internalId, requiredText(file, node, prefix + "name"), optionalText(node, "card_number"),
				tcgplayerId, optionalText(node, "card_id"), optionalText(node, "category"), tags, monitoring,
				optionalText(node, "rarity"), optionalText(node, "printing"));
	}

	private static void checkUniqueIds(Path file, List<TrackedSet> sets, boolean several) {
		Set<String> seen = new HashSet<>();
		for (int s = 0; s < sets.size(); s++) {
			List<TrackedCard> cards = sets.get(s).cards();
			for (int c = 0; c < cards.size(); c++) {
				String id = cards.get(c).internalId();
				if (!seen.add(id)) {
					String field = (several ? "sets[" + s + "]." : "") + "cards[" + c + "].internal_id";
					throw new CardsConfigException(file, field, "'" + id + "' is listed twice");
				}
			}
		}
	}

	private static String requiredText(Path file, JsonNode node, String fieldPath) {
		String name = fieldPath.substring(fieldPath.lastIndexOf('.') + 1);
		String value = optionalText(node, name);
		if (value == null) {
			throw new CardsConfigException(file, fieldPath, "is required");
		}
		return value;
	}

	private static String optionalText(JsonNode node, String name) {
		JsonNode value = node.get(name);
		if (value == null || value.isNull() || value.isContainer()) {
			return null;
		}
		String text = value.asString().strip();
		return text.isEmpty() ? null : text;
	}

}
