package com.allocationdesk.allocation.adapters;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Persistence technology stays at the edges. */
@AnalyzeClasses(packages = "com.allocationdesk.allocation", importOptions = ImportOption.DoNotIncludeTests.class)
class PersistenceArchitectureTest {
    @ArchTest
    static final ArchRule onlyAdaptersTouchHibernateJpaOrTheDatabaseDriver = noClasses()
            .that().resideOutsideOfPackages("..adapters..", "..bootstrap..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.hibernate..", "jakarta.persistence..", "org.hsqldb..", "org.flywaydb..")
            .because("the domain and the service layer must not know how products are stored");

    @ArchTest
    static final ArchRule onlyAdaptersAndQueriesUseJdbc = noClasses()
            .that().resideOutsideOfPackages("..adapters..", "..bootstrap..", "..views..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
            .because("SQL belongs to the adapters (write side) and the view queries (read side)");
}
