package dev.synth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The package rules of synth-core, checked on its compiled main classes: the reference's models are plug-ins
 * that the rest of the library never names, and packages depend on each other in one direction only. (The root
 * package holds both the top - {@code Simulation} - and the exception types every layer throws; only the
 * latter, and {@code SimulationResult}, are used from below.)
 */
@DisplayName("The architecture of synth-core")
class ArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importClasses() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.synth");
    }

    @Test
    @DisplayName("no class outside dev.synth.model.. uses the built-in models: they plug in like a host's own")
    void nothingOutsideTheModelsUsesThem() {
        noClasses().that().resideOutsideOfPackage("dev.synth.model..")
                .should().dependOnClassesThat().resideInAPackage("dev.synth.model..")
                .because("the engine, the user API and Simulation reach the models only through providers")
                .check(core);
    }

    @Test
    @DisplayName("Simulation is the top: no other package names it or its builder")
    void simulationIsTheTop() {
        noClasses().that().resideOutsideOfPackage("dev.synth")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.synth.Simulation")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.synth.Simulation$Builder")
                .check(core);
    }

    @Test
    @DisplayName("one model package uses another only downwards: nudges and commerce build on sessions")
    void modelsDependOneWay() {
        slices().matching("dev.synth.model.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    @DisplayName("the library's packages have no dependency cycles")
    void packagesAreFreeOfCycles() {
        slices().matching("dev.synth.(*)").should().beFreeOfCycles().check(core);
    }
}
