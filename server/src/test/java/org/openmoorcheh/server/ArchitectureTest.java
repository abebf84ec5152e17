package org.openmoorcheh.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of docs/ARCHITECTURE.md as tests, over the production classes of engine, store
 * and server: the engine knows no HTTP, JSON, SQL or other module; SQL stays in the store; the store
 * knows nothing of the server; the server's packages form no cycle, and services know nothing of
 * HTTP. The root package only wires (nothing depends on it, so it closes no cycle); configuration
 * depends on nothing else of the server; services refuse in domain terms, never with HTTP errors.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.openmoorcheh");
    }

    @Test
    void theEngineKnowsNoHttpJsonSqlOrOtherModule() {
        noClasses().that().resideInAPackage("org.openmoorcheh.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "com.fasterxml.jackson..",
                        "java.net.http..", "java.sql..", "javax.sql..", "org.openmoorcheh.store..",
                        "org.openmoorcheh.server..", "org.openmoorcheh.client..")
                .check(classes);
    }

    @Test
    void sqlStaysInTheStore() {
        noClasses().that().resideOutsideOfPackage("org.openmoorcheh.store..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..")
                .check(classes);
    }

    @Test
    void theStoreKnowsNothingOfTheServer() {
        noClasses().that().resideInAPackage("org.openmoorcheh.store..")
                .should().dependOnClassesThat().resideInAnyPackage("org.openmoorcheh.server..", "io.javalin..")
                .check(classes);
    }

    @Test
    void theServerPackagesFormNoCycle() {
        slices().matching("org.openmoorcheh.server.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theRootPackageOnlyWires() {
        // With nothing depending on it, the root package (ServerApp, Main) cannot close a cycle either.
        noClasses().that().resideInAPackage("org.openmoorcheh.server.(*)..")
                .should().dependOnClassesThat().resideInAPackage("org.openmoorcheh.server")
                .check(classes);
    }

    @Test
    void configurationDependsOnNothingElseOfTheServer() {
        noClasses().that().resideInAPackage("org.openmoorcheh.server.config..")
                .should().dependOnClassesThat().resideInAnyPackage("org.openmoorcheh.server.api..",
                        "org.openmoorcheh.server.service..", "org.openmoorcheh.server.jobs..",
                        "org.openmoorcheh.server.index..", "org.openmoorcheh.server.providers..",
                        "org.openmoorcheh.server.files..", "org.openmoorcheh.server.ops..",
                        "org.openmoorcheh.server.errors..", "org.openmoorcheh.store..")
                .check(classes);
    }

    @Test
    void servicesJobsAndIndexesKnowNoHttp() {
        noClasses().that().resideInAnyPackage("org.openmoorcheh.server.service..", "org.openmoorcheh.server.jobs..",
                        "org.openmoorcheh.server.index..", "org.openmoorcheh.server.errors..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "jakarta.servlet..",
                        "org.eclipse.jetty..", "org.openmoorcheh.server.api..")
                .check(classes);
    }

    @Test
    void servicesRefuseInDomainTerms() {
        noClasses().that().resideOutsideOfPackage("org.openmoorcheh.server.api..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.openmoorcheh.server.api.ApiException")
                .check(classes);
    }
}
