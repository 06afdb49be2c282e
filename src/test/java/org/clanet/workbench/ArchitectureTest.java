package org.clanet.workbench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering of PRODUCT.md, enforced: the core never touches JavaFX or the app; nothing but the launcher
 * depends on the app; the capability packages do not form cycles.
 */
class ArchitectureTest {

    private static final String BASE = "org.clanet.workbench";
    private static final String[] CORE = {BASE + ".dataset..", BASE + ".imaging..", BASE + ".selection..",
        BASE + ".embedding..", BASE + ".mil..", BASE + ".workspace..", BASE + ".pipeline..", BASE + ".io..", BASE + ".cli.."};

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    @Test
    void coreNeverImportsJavaFx() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.kordamp..")
                .because("the core must run headless, from the CLI and on servers")
                .check(classes);
    }

    @Test
    void onlyTheLauncherUsesTheApp() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAPackage(BASE + ".app..")
                .because("the UI depends on the core, never the other way round")
                .check(classes);
    }

    @Test
    void lowerLayersDoNotReachUp() {
        noClasses().that().resideInAnyPackage(BASE + ".dataset..", BASE + ".imaging..", BASE + ".workspace..",
                        BASE + ".io..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".selection..", BASE + ".embedding..",
                        BASE + ".mil..", BASE + ".cli..")
                .check(classes);
        noClasses().that().resideOutsideOfPackages(BASE + ".cli..", BASE + ".app..")
                .and().doNotHaveFullyQualifiedName(BASE + ".Launcher")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".cli..")
                .because("the CLI is an entry point like the app; stages live in the core")
                .check(classes);
    }

    @Test
    void appNeverTalksSql() {
        noClasses().that().resideInAPackage(BASE + ".app..")
                .should().dependOnClassesThat().resideInAPackage("java.sql..")
                .because("the app reads results through the core's read-back API, never the database")
                .check(classes);
    }

    @Test
    void viewModelsDoNotTouchTheSceneGraph() {
        noClasses().that().resideInAPackage(BASE + ".app..").and().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .because("view models hold state and are tested without a screen; views draw")
                .check(classes);
    }

    @Test
    void deepLearningStaysInsideItsPackages() {
        noClasses().that().resideOutsideOfPackages(BASE + ".embedding..", BASE + ".mil..")
                .should().dependOnClassesThat().resideInAPackage("ai.djl..")
                .because("DJL stays behind the embedding and MIL packages' own interfaces")
                .check(classes);
    }

    @Test
    void ioIsTheBottom() {
        noClasses().that().resideInAPackage(BASE + ".io..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".workspace..", BASE + ".pipeline..",
                        BASE + ".dataset..", BASE + ".selection..")
                .check(classes);
    }

    @Test
    void capabilityPackagesAreFreeOfCycles() {
        // Per package: pipeline (progress, cancellation) sits below the stages; orchestration lives in sub-packages.
        slices().matching(BASE + ".(**)").should().beFreeOfCycles().check(classes);
    }
}
