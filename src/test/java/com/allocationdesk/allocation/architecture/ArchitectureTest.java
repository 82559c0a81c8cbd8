package com.allocationdesk.allocation.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layer rules of docs/ARCHITECTURE.md ("Layers"), each with the reason it exists. */
@AnalyzeClasses(packages = "com.allocationdesk.allocation", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String ROOT = "com.allocationdesk.allocation";

    @ArchTest
    static final ArchRule domainDependsOnTheJdkOnly = classes().that().resideInAPackage(ROOT + ".domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".domain..", "java..")
            .because("the domain model has zero dependencies: the rules of allocation must not change with a framework");

    @ArchTest
    static final ArchRule serviceLayerSeesOnlyPortsAndDomain = noClasses().that().resideInAPackage(ROOT + ".servicelayer..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".adapters..", ROOT + ".queries..",
                    ROOT + ".entrypoints..", ROOT + ".bootstrap..", "org.hibernate..", "jakarta..", "javax.sql..",
                    "java.sql..", "org.jboss..", "javafx..")
            .because("handlers depend on ports, so fakes and the real adapters are interchangeable");

    @ArchTest
    static final ArchRule onlyBootstrapUsesAdapters = noClasses().that().resideOutsideOfPackages(ROOT + ".adapters..", ROOT + ".bootstrap..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".adapters..")
            .because("adapters are wired in one place, the bootstrap");

    @ArchTest
    static final ArchRule queriesDoNotUseTheDomain = noClasses().that().resideInAPackage(ROOT + ".queries..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".domain..")
            .because("queries read denormalised tables into plain records, never aggregates (CQRS)");

    @ArchTest
    static final ArchRule javafxOnlyInTheWindow = noClasses().that().resideOutsideOfPackages(ROOT + ".entrypoints..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("only the window knows about JavaFX");

    @ArchTest
    static final ArchRule onlyAdaptersTouchHibernateJpaOrTheDatabaseDriver = noClasses()
            .that().resideOutsideOfPackages(ROOT + ".adapters..", ROOT + ".bootstrap..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.hibernate..", "jakarta.persistence..", "org.hsqldb..", "org.flywaydb..")
            .because("the domain and the service layer must not know how products are stored");

    @ArchTest
    static final ArchRule onlyAdaptersAndQueriesUseJdbc = noClasses()
            .that().resideOutsideOfPackages(ROOT + ".adapters..", ROOT + ".bootstrap..", ROOT + ".queries..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
            .because("SQL belongs to the adapters (write side) and the read model's queries (read side)");

    @ArchTest
    static final ArchRule entrypointsNeverReachPersistence = noClasses().that().resideInAPackage(ROOT + ".entrypoints..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".adapters..", "java.sql..", "javax.sql..")
            .because("a screen or a subcommand changes stock through the bus and reads through the queries, never the tables");

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
            .because("entry points send commands and read the read model; only handlers load aggregates");

    @ArchTest
    static final ArchRule viewModelsDoNotKnowTheSceneGraph = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
            .because("view models hold state as properties and are tested without a window");

    @ArchTest
    static final ArchRule onlyFxThreadCallsRunLater = noClasses().that().doNotHaveFullyQualifiedName(ROOT + ".entrypoints.ui.support.FxThread")
            .should().callMethod("javafx.application.Platform", "runLater", "java.lang.Runnable")
            .because("results come back to the FX thread in one place, at the edge");

    @ArchTest
    static final ArchRule controllersLiveInTheWindow = classes().that().haveSimpleNameEndingWith("Controller")
            .should().resideInAPackage(ROOT + ".entrypoints.ui..")
            .because("a Controller is the code behind an FXML file");

    @ArchTest
    static final ArchRule noCycles = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles()
            .because("layers depend one way: entrypoints -> servicelayer -> domain");

    @ArchTest
    static final ArchRule theWriteSideRunsOnAnyStore = noClasses()
            .that().resideInAnyPackage(ROOT + ".adapters.orm..", ROOT + ".adapters.readmodel..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".adapters.db..", ROOT + ".adapters.postgres..")
            .because("Hibernate's units of work and the read-model writer see a store only through adapters.jdbc.Store,"
                    + " so a second store (a database server) needs no change in them");

    @ArchTest
    static final ArchRule openingTheStoreDoesNotBootTheOrm = noClasses().that().resideInAPackage(ROOT + ".adapters.db..")
            .should().dependOnClassesThat().resideInAnyPackage("org.hibernate..", ROOT + ".adapters.orm..")
            .because("the store opens, locks and migrates the files; bootstrap wires Hibernate onto it, and the"
                    + " read side starts without Hibernate");

    @ArchTest
    static final ArchRule onlyBootstrapOpensAServer = noClasses()
            .that().resideOutsideOfPackages(ROOT + ".adapters.postgres..", ROOT + ".bootstrap..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".adapters.postgres..")
            .because("which store the desk runs on is chosen in one place, the bootstrap; everything else sees"
                    + " an adapters.jdbc.Store");

    @ArchTest
    static final ArchRule theServerStoreStandsBesideTheFileStore = noClasses()
            .that().resideInAPackage(ROOT + ".adapters.postgres..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".adapters.db..", ROOT + ".adapters.orm..",
                    "org.hibernate..", "org.hsqldb..")
            .because("the PostgreSQL store is a second Store beside the file, built on adapters.jdbc only: neither"
                    + " store knows the other, and neither boots the ORM (docs/decisions/0012)");

    @ArchTest
    static final ArchRule onlyTheServerStoreUsesTheServerDriver = noClasses()
            .that().resideOutsideOfPackages(ROOT + ".adapters.postgres..")
            .should().dependOnClassesThat().resideInAPackage("org.postgresql..")
            .because("SQL is written for both stores; what only PostgreSQL has stays in its store's package");

    @ArchTest
    static final ArchRule noCyclesAtAnyDepth = slices().matching(ROOT + ".(**)").should().beFreeOfCycles()
            .because("every package, not only each layer, depends one way: a cycle between two packages"
                    + " (adapters.db <-> adapters.orm, say) means neither can be understood, tested or"
                    + " replaced without the other");

    @ArchTest
    static final ArchRule handlersAreNamedSo = classes().that().resideInAPackage(ROOT + ".servicelayer.handlers")
            .and().areTopLevelClasses()
            .should().haveSimpleNameEndingWith("Handler").orShould().haveSimpleNameEndingWith("Projection")
            .orShould().haveSimpleName("HandlerRegistry")
            .because("one handler class per message, found by its name, and the one table that routes them");

    @ArchTest
    static final ArchRule queriesAreNamedSo = classes().that().resideInAPackage(ROOT + ".queries")
            .and().haveSimpleNameEndingWith("Query").should().bePublic()
            .because("read-side classes are *Query, so 'view' means a UI view");

    @ArchTest
    static final ArchRule noStandardStreamsOutsideTheCli = noClasses().that().resideOutsideOfPackage(ROOT + ".entrypoints.cli..")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .because("we log with SLF4J to a file; only the CLI prints to the terminal");

    @ArchTest
    static final ArchRule noPrintStackTrace = noClasses().should().callMethod(Throwable.class, "printStackTrace")
            .because("stack traces go to the log file, never to a planner's terminal");
}
