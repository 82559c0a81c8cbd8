package com.allocationdesk.allocation.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Entry points (window, command line) talk to the bus, commands, views and bootstrap only. */
@AnalyzeClasses(packages = "com.allocationdesk.allocation", importOptions = ImportOption.DoNotIncludeTests.class)
class EntrypointsArchitectureTest {
    private static final String ROOT = "com.allocationdesk.allocation";

    @ArchTest
    static final ArchRule entrypointsNeverReachPersistence = noClasses().that().resideInAPackage(ROOT + ".entrypoints..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".adapters..", "org.hibernate..",
                    "jakarta.persistence..", "org.flywaydb..", "org.hsqldb..", "java.sql..", "javax.sql..")
            .because("a screen or a subcommand changes stock through the bus and reads through the views, never the tables");

    @ArchTest
    static final ArchRule entrypointsNeverUseRepositoriesOrUnitsOfWork = noClasses().that().resideInAPackage(ROOT + ".entrypoints..")
            .should().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".servicelayer.ProductRepository")
            .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".servicelayer.UnitOfWork")
            .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".servicelayer.ReadModelWriter")
            .orShould().dependOnClassesThat().resideInAPackage(ROOT + ".servicelayer.handlers..")
            .because("handlers run behind the bus, in their own unit of work, with retries");

    @ArchTest
    static final ArchRule entrypointsDoNotTouchAggregates = noClasses().that().resideInAPackage(ROOT + ".entrypoints..")
            .should().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".domain.Product")
            .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".domain.Batch")
            .because("entry points send commands and read views; only handlers load aggregates");

    @ArchTest
    static final ArchRule standardOutputOnlyInTheCli = noClasses().that().resideOutsideOfPackage(ROOT + ".entrypoints.cli..")
            .should().accessField(System.class, "out")
            .because("stdout is the command line's output; everything else logs to the file");
}
