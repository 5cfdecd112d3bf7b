package dev.pokewatch.common.card;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CardsConfigReader}.
 */
class CardsConfigReaderTests {

	private static final String PYTHON_FORMAT = """
			set:
			  id: 69039c463cf9e889df7dca2c
			  name: 'SV2a: Pokemon Card 151'
			  language: japanese
			cards:
			- internal_id: sv2a_151_charizard_ex___201_165
			  name: Charizard ex - 201/165
			  card_number: 201/165
			  tcgplayer_id: '566544'
			  card_id: 6903a3ff1a46ee4e9cc9bd32
			  category: grail
			  tags: [ex, fire, special-art-rare]
			  monitoring: {active: true, priority: 3}
			- internal_id: sv2a_151_mew_ex___205_165
			  name: Mew ex - 205/165
			  card_number: 205/165
			  tcgplayer_id: 577147
			  category: grail
			  monitoring: {active: false, priority: 3}
			- internal_id: sv2a_151_magikarp_master_ball_pattern
			  name: Magikarp Master Ball
			""";

	@TempDir
	Path dir;

	@Test
	void readWhenPythonFormatShouldReadSetAndEveryField() throws IOException {
		CardsConfig config = CardsConfigReader.read(write(PYTHON_FORMAT));
		assertThat(config.sets()).hasSize(1);
		TrackedSet set = config.sets().get(0);
		assertThat(set.set()).isEqualTo(new CardSet("69039c463cf9e889df7dca2c", "SV2a: Pokemon Card 151", "japanese"));
		assertThat(set.wholeSet()).isFalse();
		assertThat(set.cards()).extracting(TrackedCard::internalId)
			.containsExactly("sv2a_151_charizard_ex___201_165", "sv2a_151_mew_ex___205_165",
					"sv2a_151_magikarp_master_ball_pattern");
		TrackedCard charizard = set.cards().get(0);
		assertThat(charizard).isEqualTo(new TrackedCard("sv2a_151_charizard_ex___201_165", "Charizard ex - 201/165",
				"201/165", "566544", "6903a3ff1a46ee4e9cc9bd32", "grail",
				java.util.List.of("ex", "fire", "special-art-rare"), new Monitoring(true, 3)));
		assertThat(set.cards().get(1).tcgplayerId()).isEqualTo("577147");
		assertThat(set.activeCards()).extracting(TrackedCard::internalId)
			.containsExactly("sv2a_151_charizard_ex___201_165", "sv2a_151_magikarp_master_ball_pattern");
		TrackedCard magikarp = set.cards().get(2);
		assertThat(magikarp.category()).isEqualTo("uncategorized");
		assertThat(magikarp.monitoring()).isEqualTo(Monitoring.DEFAULT);
		assertThat(magikarp.tags()).isEmpty();
	}

	@Test
	void readWhenSetsFormatShouldReadEverySetWithGroupIdRarityAndPrinting() throws IOException {
		CardsConfig config = CardsConfigReader.read(write("""
				sets:
				  - set: {id: sv03.5, name: 'SV: Scarlet & Violet 151', tcgplayer_group_id: 23237}
				    cards:
				      - {internal_id: sv151_charizard_ex_199, name: Charizard ex, tcgplayer_id: '517045',
				         rarity: Special illustration rare, printing: Holofoil}
				  - set: {id: swsh07, name: 'SWSH07: Evolving Skies', language: english}
				    cards:
				      - {internal_id: swsh07_umbreon_vmax_215, name: Umbreon VMAX}
				"""));
		assertThat(config.sets()).extracting((s) -> s.set().id()).containsExactly("sv03.5", "swsh07");
		CardSet set151 = config.sets().get(0).set();
		assertThat(set151.tcgplayerGroupId()).isEqualTo("23237");
		assertThat(set151.language()).isEqualTo("english");
		TrackedCard charizard = config.sets().get(0).cards().get(0);
		assertThat(charizard.rarity()).isEqualTo("Special illustration rare");
		assertThat(charizard.printing()).isEqualTo("Holofoil");
		assertThat(config.sets().get(1).set().tcgplayerGroupId()).isNull();
		assertThat(config.bySafeName("swsh07_evolving_skies")).get()
			.extracting((s) -> s.cards().get(0).internalId())
			.isEqualTo("swsh07_umbreon_vmax_215");
	}

	@Test
	void readWhenTrackAllWithoutCardsShouldTrackWholeSet() throws IOException {
		CardsConfig config = CardsConfigReader.read(write("""
				sets:
				  - set: {id: base1, name: Base Set}
				    track_all: true
				"""));
		assertThat(config.sets().get(0).wholeSet()).isTrue();
		assertThat(config.sets().get(0).cards()).isEmpty();
	}

	@Test
	void readWhenThirdCardHasNoInternalIdShouldNameFileAndField() throws IOException {
		Path file = write(PYTHON_FORMAT.replace("- internal_id: sv2a_151_magikarp_master_ball_pattern\n",
				"- card_number: 129/165\n"));
		assertThatExceptionOfType(CardsConfigException.class).isThrownBy(() -> CardsConfigReader.read(file))
			.withMessageContaining(file.toString())
			.withMessageContaining("cards[2].internal_id")
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("cards[2].internal_id"));
	}

	@Test
	void readWhenTcgplayerIdIsNotANumberShouldNameField() throws IOException {
		Path file = write(PYTHON_FORMAT.replace("tcgplayer_id: 577147", "tcgplayer_id: abc"));
		assertThatExceptionOfType(CardsConfigException.class).isThrownBy(() -> CardsConfigReader.read(file))
			.withMessageContaining(file.toString())
			.withMessageContaining("cards[1].tcgplayer_id")
			.withMessageContaining("'abc'");
	}

	@Test
	void readWhenGroupIdIsNotANumberShouldNameField() throws IOException {
		Path file = write("""
				sets:
				  - set: {id: a, name: A, tcgplayer_group_id: x1}
				    track_all: true
				""");
		assertThatExceptionOfType(CardsConfigException.class).isThrownBy(() -> CardsConfigReader.read(file))
			.withMessageContaining("sets[0].set.tcgplayer_group_id");
	}

	@Test
	void readWhenIdListedTwiceShouldNameTheDuplicate() throws IOException {
		Path file = write("""
				sets:
				  - set: {id: a, name: A}
				    cards: [{internal_id: same, name: One}]
				  - set: {id: b, name: B}
				    cards: [{internal_id: other, name: Two}, {internal_id: same, name: Three}]
				""");
		assertThatExceptionOfType(CardsConfigException.class).isThrownBy(() -> CardsConfigReader.read(file))
			.withMessageContaining(file.toString())
			.withMessageContaining("sets[1].cards[1].internal_id")
			.withMessageContaining("'same' is listed twice");
	}

	@Test
	void readWhenFileMissingShouldSaySo() {
		Path file = this.dir.resolve("nope.yaml");
		assertThatExceptionOfType(CardsConfigException.class).isThrownBy(() -> CardsConfigReader.read(file))
			.withMessageContaining(file.toString())
			.withMessageContaining("file not found");
	}

	@Test
	void readWhenYamlIsBrokenShouldNameFile() throws IOException {
		Path file = write("set: {id: a, name: [unclosed\ncards:\n  - : :\n");
		assertThatExceptionOfType(CardsConfigException.class).isThrownBy(() -> CardsConfigReader.read(file))
			.withMessageContaining(file.toString())
			.withMessageContaining("not readable YAML");
	}

	@Test
	void readWhenNoCardsAndNoTrackAllShouldNameField() throws IOException {
		Path file = write("sets:\n  - set: {id: a, name: A}\n");
		assertThatExceptionOfType(CardsConfigException.class).isThrownBy(() -> CardsConfigReader.read(file))
			.withMessageContaining("sets[0].cards");
	}

	@Test
	void readWhenShippedConfigShouldParseTheSampleProductsAndWholeSets() {
		CardsConfig config = CardsConfigReader.read(repositoryRoot().resolve("config/cards.yaml"));
		List<TrackedCard> cards = config.sets().stream().flatMap((s) -> s.cards().stream()).toList();
		// the 43 pytcgplayer products: 20 chase cards and 23 sealed boxes, each with its
		// group
		assertThat(cards).hasSize(43).allSatisfy((card) -> assertThat(card.tcgplayerId()).isNotNull());
		assertThat(cards.stream().map(TrackedCard::internalId).distinct()).hasSize(43);
		assertThat(cards.stream().filter((card) -> card.category().equals("sealed"))).hasSize(23);
		assertThat(cards.stream().map(TrackedCard::category).distinct()).containsExactlyInAnyOrder("grail", "chase",
				"sealed");
		assertThat(config.sets()).allSatisfy((set) -> assertThat(set.set().tcgplayerGroupId()).isNotNull());
		assertThat(config.sets().stream().map((s) -> s.set().safeName()).distinct()).hasSize(config.sets().size());
		// the three TCGCSV groups are tracked whole
		assertThat(config.sets().stream().filter(TrackedSet::wholeSet).map((s) -> s.set().tcgplayerGroupId()))
			.containsExactlyInAnyOrder("604", "2848", "23237");
	}

	private Path write(String yaml) throws IOException {
		Path file = this.dir.resolve("cards.yaml");
		Files.writeString(file, yaml);
		return file;
	}

	private static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("repository root (directory holding mvnw)").isNotNull();
		return dir;
	}

}
