package io.switchboard.platform.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The platform's features depend on each other in one direction only. */
@AnalyzeClasses(packages = "io.switchboard.platform", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule nothingDependsOnTheApiLayer = noClasses()
            .that().resideOutsideOfPackages("..platform.api..", "..platform.console..")
            .should().dependOnClassesThat().resideInAPackage("..platform.api..");

    @ArchTest
    static final ArchRule tenancyIsAFoundation = noClasses()
            .that().resideInAPackage("..platform.tenancy..")
            .should().dependOnClassesThat().resideInAnyPackage("..platform.ingress..", "..platform.processing..",
                    "..platform.records..", "..platform.notify..", "..platform.api..", "..platform.auth..");

    @ArchTest
    static final ArchRule ingressDoesNotApplyCommands = noClasses()
            .that().resideInAPackage("..platform.ingress..")
            .should().dependOnClassesThat().resideInAnyPackage("..platform.records..", "..platform.notify..");

    @ArchTest
    static final ArchRule secretsStayBehindTheVault = noClasses()
            .that().resideOutsideOfPackages("..platform.secrets..", "..platform.tenancy..", "..platform.auth..")
            .should().dependOnClassesThat().resideInAPackage("..platform.secrets..");

    @ArchTest
    static final ArchRule connectorsAreReachedOnlyThroughTheApi = noClasses()
            .should().dependOnClassesThat().resideInAPackage("io.switchboard.connectors..");
}
