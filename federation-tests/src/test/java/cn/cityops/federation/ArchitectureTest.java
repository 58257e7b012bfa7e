package cn.cityops.federation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of DESIGN.md §2, checked over the compiled main classes of every module. */
class ArchitectureTest {

    static JavaClasses all;

    @BeforeAll
    static void importModules() {
        Path root = FederationIT.ROOT;
        List<Path> dirs = Stream.of("common-model", "exchange-protocol", "node-core", "node-national",
                        "node-provincial", "node-municipal")
                .map(m -> root.resolve(m).resolve("target/classes")).filter(Files::isDirectory).toList();
        if (dirs.size() != 6) {
            throw new IllegalStateException("compile all modules first; found " + dirs);
        }
        all = new ClassFileImporter().importPaths(dirs);
    }

    @Test
    void commonModelDependsOnTheJdkOnly() {
        classes().that().resideInAPackage("cn.cityops.model..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "cn.cityops.model..")
                .check(all);
    }

    @Test
    void domainCodeImportsNoJaxRsCamelOrBouncyCastle() {
        noClasses().that().resideInAnyPackage("cn.cityops.model..", "..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.apache.camel..",
                        "org.bouncycastle..")
                .check(all);
    }

    @Test
    void bouncyCastleOnlyInExchangeProtocol() {
        noClasses().that().resideOutsideOfPackage("cn.cityops.exchange..")
                .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..")
                .check(all);
    }

    @Test
    void nodeModulesNeverDependOnEachOther() {
        for (String node : List.of("national", "provincial", "municipal")) {
            String[] others = Stream.of("national", "provincial", "municipal").filter(n -> !n.equals(node))
                    .map(n -> "cn.cityops." + n + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("cn.cityops." + node + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .check(all);
        }
        noClasses().that().resideInAnyPackage("cn.cityops.core..", "cn.cityops.exchange..", "cn.cityops.model..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.cityops.national..",
                        "cn.cityops.provincial..", "cn.cityops.municipal..")
                .check(all);
    }

    @Test
    void resourcesDoNotTouchTheEntityManager() {
        noClasses().that().haveSimpleNameEndingWith("Resource")
                .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager")
                .check(all);
    }
}
