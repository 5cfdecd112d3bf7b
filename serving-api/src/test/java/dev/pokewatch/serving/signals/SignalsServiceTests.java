package dev.pokewatch.serving.signals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.signal.Signal;
import dev.pokewatch.serving.servedmodel.ModelIndex;
import dev.pokewatch.serving.servedmodel.ServedModelHolder;
import dev.pokewatch.serving.support.TestModels;
import dev.pokewatch.serving.support.TestProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SignalsService}: the ranking of signals with and without a strength,
 * and the rule summary of a percent-rule model.
 */
class SignalsServiceTests {

	@TempDir
	Path dir;

	@Test
	void signalsWhenSomeHaveNoStrengthShouldRankThemAfterByDeviationThenCardId() {
		ModelIndex index = load(TestModels.write(this.dir,
				List.of(TestModels.row("p_b", null, "pokemon", "2025-11-21", 85.0, 100.0, null, false),
						TestModels.row("p_c", null, "pokemon", "2025-11-21", 80.0, 100.0, null, false),
						TestModels.row("p_a", null, "pokemon", "2025-11-21", 80.0, 100.0, null, false),
						TestModels.row("p_d", null, "pokemon", "2025-11-21", 89.0, 100.0, 0.05, false),
						TestModels.row("p_sell", null, "pokemon", "2025-11-21", 120.0, 100.0, null, false)),
				TestModels.metadata("pct-v1", new ModelMetadata.Thresholds(0.10, 0.15, 2.0), null, 7, Map.of())));
		SignalsResponse buys = new SignalsService().signals(index, SignalsQuery.parse("BUY", null, null, null, null));
		assertThat(buys.signals()).extracting(SignalsResponse.Item::cardId).containsExactly("p_d", "p_a", "p_c", "p_b");
		assertThat(buys.signals().get(0).strength()).isCloseTo(Math.log(100.0 / 89) / 0.05, Offset.offset(1e-9));
		assertThat(buys.signals().get(1).strength()).isNull();
		SignalsResponse sells = new SignalsService().signals(index, SignalsQuery.parse("SELL", null, null, null, null));
		assertThat(sells.signals()).extracting(SignalsResponse.Item::cardId).containsExactly("p_sell");
	}

	@Test
	void signalsWhenDateGivenShouldAnswerAsOfThatDay() {
		// p_a dips on the 20th and recovers on the 21st; p_b's history ends on the 19th
		ModelIndex index = load(TestModels.write(
				this.dir,
				List.of(TestModels.row("p_a", null, "pokemon", "2025-11-20", 80.0, 100.0, null, false),
						TestModels.row("p_a", null, "pokemon", "2025-11-21", 100.0, 100.0, null, false),
						TestModels.row("p_b", null, "pokemon", "2025-11-19", 70.0, 100.0, null, false)),
				TestModels.metadata("pct-v1", new ModelMetadata.Thresholds(0.10, 0.15, 2.0), null, 7, Map.of())));
		SignalsService service = new SignalsService();

		SignalsResponse today = service.signals(index, SignalsQuery.parse("BUY", null, null, null, null));
		SignalsResponse earlier = service.signals(index, SignalsQuery.parse("BUY", null, null, null, "2025-11-20"));
		SignalsResponse strict = service.signals(index, SignalsQuery.parse("BUY", null, "0", null, "2025-11-20"));
		SignalsResponse before = service.signals(index, SignalsQuery.parse("BUY", null, null, null, "2025-01-01"));

		assertThat(today.asOf()).isEqualTo(LocalDate.parse("2025-11-21"));
		assertThat(today.signals()).extracting(SignalsResponse.Item::cardId).containsExactly("p_b");
		assertThat(earlier.asOf()).isEqualTo(LocalDate.parse("2025-11-20"));
		assertThat(earlier.signals()).extracting(SignalsResponse.Item::cardId).containsExactly("p_b", "p_a");
		assertThat(earlier.signals().get(1).date()).isEqualTo(LocalDate.parse("2025-11-20"));
		assertThat(strict.signals()).extracting(SignalsResponse.Item::cardId).containsExactly("p_a");
		assertThat(before.signals()).isEmpty();
		assertThat(before.asOf()).isEqualTo(LocalDate.parse("2025-01-01"));
	}

	@Test
	void signalsWhenNewestDayHasNoneShouldPointToTheLatestSignalDayWhichThenListsIt() {
		// p_a dips on the 18th (a BUY) and recovers; p_s ('sealed') dips on the 20th; the
		// 22nd, the newest day, has no BUY
		ModelIndex index = load(TestModels.write(this.dir,
				List.of(TestModels.row("p_a", null, "pokemon", "2025-11-18", 80.0, 100.0, null, false),
						TestModels.row("p_a", null, "pokemon", "2025-11-22", 100.0, 100.0, null, false),
						TestModels.row("p_s", null, "sealed", "2025-11-20", 80.0, 100.0, null, false),
						TestModels.row("p_s", null, "sealed", "2025-11-22", 100.0, 100.0, null, false)),
				TestModels.metadata("pct-v1", new ModelMetadata.Thresholds(0.10, 0.15, 2.0), null, 7, Map.of())));
		SignalsService service = new SignalsService();

		SignalsResponse all = service.signals(index, SignalsQuery.parse("BUY", null, null, null, null));
		SignalsResponse pokemon = service.signals(index, SignalsQuery.parse("BUY", "Pokemon", null, null, null));
		SignalsResponse again = service.signals(index,
				SignalsQuery.parse("BUY", "pokemon", null, null, pokemon.latestSignalDate().toString()));
		SignalsResponse sells = service.signals(index, SignalsQuery.parse("SELL", null, null, null, null));
		SignalsResponse beforeAny = service.signals(index, SignalsQuery.parse("BUY", null, null, null, "2025-11-17"));

		assertThat(all.signals()).isEmpty();
		assertThat(all.latestSignalDate()).isEqualTo(LocalDate.parse("2025-11-20"));
		assertThat(all.note()).isEqualTo("No BUY signal for cards priced within 7 day(s) of 2025-11-22. "
				+ "The latest BUY signal was on 2025-11-20: ask with date=2025-11-20 to list it.");
		assertThat(pokemon.latestSignalDate()).isEqualTo(LocalDate.parse("2025-11-18"));
		assertThat(again.signals()).extracting(SignalsResponse.Item::cardId).containsExactly("p_a");
		assertThat(again.note()).isNull();
		assertThat(again.latestSignalDate()).isEqualTo(LocalDate.parse("2025-11-18"));
		assertThat(sells.latestSignalDate()).isNull();
		assertThat(sells.note()).isEqualTo("No SELL signal for cards priced within 7 day(s) of 2025-11-22. "
				+ "This model gave no SELL signal to cards on any day up to 2025-11-22.");
		assertThat(beforeAny.latestSignalDate()).isNull();
	}

	@Test
	void parseWhenDateIsNotADayShouldNameIt() {
		org.assertj.core.api.Assertions.assertThatExceptionOfType(InvalidSignalsQueryException.class)
			.isThrownBy(() -> SignalsQuery.parse("BUY", null, null, null, "2025-13-01"))
			.withMessageContaining("'date' must be an ISO date YYYY-MM-DD, got '2025-13-01'");
	}

	@Test
	void rankingShouldBeTotalAndPutTheStrongestFirstOnEachSide() {
		SignalsResponse.Item strong = item("b", -0.05, 3.0, Signal.BUY);
		SignalsResponse.Item weak = item("a", -0.20, 2.0, Signal.BUY);
		SignalsResponse.Item none = item("c", -0.30, null, Signal.BUY);
		assertThat(List.of(none, weak, strong).stream().sorted(SignalsService.ranking(Signal.BUY)))
			.containsExactly(strong, weak, none);
		SignalsResponse.Item falling = item("b", 0.05, -3.0, Signal.SELL);
		SignalsResponse.Item slipping = item("a", 0.30, -2.0, Signal.SELL);
		assertThat(List.of(slipping, falling).stream().sorted(SignalsService.ranking(Signal.SELL)))
			.containsExactly(falling, slipping);
	}

	@Test
	void signalsWhenMetadataHasNoHorizonShouldAnswerNullHoldoutRecord() {
		ModelIndex index = load(
				TestModels.write(this.dir, TestModels.standardRows(1.0), TestModels.olderMetadataJson("old-v1")));
		SignalsResponse sells = new SignalsService().signals(index,
				SignalsQuery.parse("SELL", null, "3650", null, null));
		assertThat(sells.signals()).extracting(SignalsResponse.Item::cardId).containsExactly(TestModels.CARD_A);
		assertThat(sells.rule()).isEqualTo(new SignalsResponse.Rule("pct_10_15", "percent", 0.10, 0.15, 2.0,
				"reversion", null, null, null, null, null));
	}

	private static SignalsResponse.Item item(String cardId, double deviation, Double strength, Signal signal) {
		return new SignalsResponse.Item(cardId, null, null, null, LocalDate.parse("2025-11-21"), 100.0, 100.0,
				deviation, strength, signal);
	}

	private static ModelIndex load(Path modelDir) {
		ServedModelHolder holder = new ServedModelHolder(TestProperties.of(modelDir), new SimpleMeterRegistry());
		holder.afterSingletonsInstantiated();
		return holder.require();
	}

}
