package dev.synth.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synth.ConfigException;
import dev.synth.event.CatalogType;
import dev.synth.random.FakeData;
import dev.synth.random.RandomStreams;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("PredefinedCatalogs")
class PredefinedCatalogsTest {
    private final CatalogGenerator generator = new CatalogGenerator(new RandomStreams(3), new FakeData());

    @TempDir
    Path dir;

    static Path exampleCompany() throws URISyntaxException {
        Path base = Path.of(PredefinedCatalogsTest.class.getResource("/catalog").toURI());
        return PredefinedCatalogs.profileDirectory(base, "example_company");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("the example drug.csv yields panado with its given fields and the rest generated")
    void exampleDrug() throws Exception {
        List<CatalogItem> drugs = PredefinedCatalogs.load(exampleCompany(), CatalogType.DRUG, generator);

        assertThat(drugs).hasSize(1);
        CatalogItem panado = drugs.get(0);
        assertThat(panado.type()).isEqualTo(CatalogType.DRUG);
        assertThat(panado.data())
                .containsEntry("type", "drug")
                .containsEntry("drug_name", "panado")
                .containsEntry("packaging", "unit")
                .containsEntry("active_ingredients", List.of("allopurinol"))
                .containsEntry("atc_anatomical_group", "Muscle Relaxants and Pain Killers")
                .containsEntry("otc_or_ethical", "Ethical")
                .containsEntry("currency", "USD");
        assertThat(panado.price()).isBetween(0.0, 100.0);
        assertThat(panado.string("drug_form")).isIn("Gel", "Infus");
        assertThat(panado.string("producer")).isNotBlank();
        assertThat(panado.data().keySet()).containsExactlyElementsOf(
                generator.shopItem(CatalogType.DRUG, 0, Map.of()).data().keySet());
    }

    @Test
    @DisplayName("a missing directory or file means no predefined entries")
    void missing() {
        assertThat(PredefinedCatalogs.load(dir.resolve("nope"), CatalogType.DRUG, generator)).isEmpty();
        assertThat(PredefinedCatalogs.load(dir, CatalogType.BLOOD, generator)).isEmpty();
    }

    @Test
    @DisplayName("quoted cells may hold separators, commas and quotes; values are trimmed; blank lines skipped")
    void quoting() throws IOException {
        write("medical_equipment.csv", " name | description |category\r\n"
                + "\"Mask | FFP2\" |  \"says \"\"hi\"\", ok\"  | masks\r\n"
                + "\r\n"
                + "Gloves||\n");

        List<Map<String, String>> rows = PredefinedCatalogs.read(dir, CatalogType.MEDICAL_EQUIPMENT);

        assertThat(rows).containsExactly(
                Map.of("name", "Mask | FFP2", "description", "says \"hi\", ok", "category", "masks"),
                Map.of("name", "Gloves"));
        List<CatalogItem> items = PredefinedCatalogs.load(dir, CatalogType.MEDICAL_EQUIPMENT, generator);
        assertThat(items.get(1).string("name")).isEqualTo("Gloves");
        assertThat(items.get(1).string("category")).isNotEmpty();
        assertThat(items.get(0).uuid()).isNotEqualTo(items.get(1).uuid());
    }

    @Test
    @DisplayName("a row with the wrong number of cells is a ConfigException naming the file and line")
    void wrongCellCount() throws IOException {
        Path file = write("drug.csv", "drug_name|packaging\npanado|unit\nbroken\n");

        assertThatThrownBy(() -> PredefinedCatalogs.load(dir, CatalogType.DRUG, generator))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 3");
    }

    @Test
    @DisplayName("an unknown column or an unclosed quote is a ConfigException naming the file and line")
    void unknownColumnAndUnclosedQuote() throws IOException {
        write("oxygen.csv", "packaging|colour\ncylinder|red\n");
        assertThatThrownBy(() -> PredefinedCatalogs.load(dir, CatalogType.OXYGEN, generator))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("oxygen.csv line 1")
                .hasMessageContaining("colour");

        write("blood.csv", "blood_group|packaging\nA+|\"pint\n");
        assertThatThrownBy(() -> PredefinedCatalogs.load(dir, CatalogType.BLOOD, generator))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("blood.csv line 2")
                .hasMessageContaining("unclosed quote");
    }

    @Test
    @DisplayName("only the four shop item types can be predefined")
    void onlyShopItems() throws IOException {
        write("page.csv", "path|title\n/|Home\n");
        assertThatThrownBy(() -> PredefinedCatalogs.load(dir, CatalogType.PAGE, generator))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("page.csv")
                .hasMessageContaining("cannot be predefined");
    }
}
