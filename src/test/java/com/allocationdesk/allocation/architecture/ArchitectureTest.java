package com.allocationdesk.allocation.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layer rules of DESIGN.md §3, each with the reason it exists. */
@AnalyzeClasses(packages = "com.allocationdesk.allocation", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String ROOT = "com.allocationdesk.allocation";

    @ArchTest
    static final ArchRule domainDependsOnTheJdkOnly = classes().that().resideInAPackage(ROOT + ".domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".domain..", "java..")
            .because("the domain model has zero dependencies: the rules of allocation must not change with a framework");

    @ArchTest
    static final ArchRule serviceLayerSeesOnlyPortsAndDomain = noClasses().that().resideInAPackage(ROOT + ".servicelayer..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".adapters..", ROOT + ".views..",
                    ROOT + ".entrypoints..", ROOT + ".bootstrap..", "org.hibernate..", "jakarta..", "javax.sql..",
                    "java.sql..", "org.jboss..", "javafx..")
            .because("handlers depend on ports, so fakes and the real adapters are interchangeable");

    @ArchTest
    static final ArchRule onlyBootstrapUsesAdapters = noClasses().that().resideOutsideOfPackages(ROOT + ".adapters..", ROOT + ".bootstrap..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".adapters..")
            .because("adapters are wired in one place, the bootstrap");

    @ArchTest
    static final ArchRule viewsDoNotUseTheDomain = noClasses().that().resideInAPackage(ROOT + ".views..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".domain..")
            .because("queries read denormalised tables into plain records, never aggregates (CQRS)")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule javafxOnlyInTheWindow = noClasses().that().resideOutsideOfPackages(ROOT + ".entrypoints..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("only the window knows about JavaFX");

    @ArchTest
    static final ArchRule noCycles = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles()
            .because("layers depend one way: entrypoints -> servicelayer -> domain");

    @ArchTest
    static final ArchRule handlersAreNamedSo = classes().that().resideInAPackage(ROOT + ".servicelayer.handlers")
            .and().areTopLevelClasses()
            .should().haveSimpleNameEndingWith("Handler").orShould().haveSimpleNameEndingWith("Projection")
            .because("one handler class per message, found by its name");

    @ArchTest
    static final ArchRule queriesAreNamedSo = classes().that().resideInAPackage(ROOT + ".views")
            .and().haveSimpleNameEndingWith("Query").should().bePublic()
            .because("read-side classes are *Query, so 'view' means a UI view")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule noStandardStreamsOutsideTheCli = noClasses().that().resideOutsideOfPackage(ROOT + ".entrypoints.cli..")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .because("we log with SLF4J to a file; only the CLI prints to the terminal");

    @ArchTest
    static final ArchRule noPrintStackTrace = noClasses().should().callMethod(Throwable.class, "printStackTrace")
            .because("stack traces go to the log file, never to a planner's terminal");
}
