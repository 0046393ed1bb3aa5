package mx.recaudo;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module map holds: each top-level package under mx.recaudo is a module; other modules may use
 * only the public types in its base package (its API), never its sub-packages; modules form no cycles.
 */
class ModularityTests {
    static final String BASE = "mx.recaudo.";
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("mx.recaudo");

    @Test
    void modulesUseEachOtherOnlyThroughTheirBasePackage() {
        classes().that().resideInAPackage("mx.recaudo..")
                .should(new ArchCondition<>("only use other modules' base packages") {
                    @Override
                    public void check(JavaClass item, ConditionEvents events) {
                        String own = module(item.getPackageName());
                        item.getDirectDependenciesFromSelf().forEach(d -> {
                            String target = d.getTargetClass().getPackageName();
                            if (!target.startsWith(BASE)) return;
                            String other = module(target);
                            if (other.equals(own) || other.isEmpty()) return;
                            if (!target.equals(BASE + other)) {
                                events.add(SimpleConditionEvent.violated(d, d.getDescription()
                                        + " reaches into the internals of module '" + other + "'"));
                            }
                        });
                    }
                })
                .check(CLASSES);
    }

    @Test
    void modulesFormNoCycles() {
        slices().matching("mx.recaudo.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void nothingButWebAdaptersDependsOnWebAdapters() {
        noClasses().that().resideInAPackage("mx.recaudo..").and().resideOutsideOfPackage("mx.recaudo..web..")
                .should().dependOnClassesThat().resideInAPackage("mx.recaudo..web..")
                .check(CLASSES);
    }

    @Test
    void theSharedKernelDependsOnNoModule() {
        noClasses().that().resideInAPackage("mx.recaudo.shared..")
                .should().dependOnClassesThat().resideInAnyPackage("mx.recaudo.identity..", "mx.recaudo.portfolio..",
                        "mx.recaudo.audit..", "mx.recaudo.platform..", "mx.recaudo.demo..")
                .check(CLASSES);
    }

    static String module(String packageName) {
        if (!packageName.startsWith(BASE)) return "";
        String rest = packageName.substring(BASE.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
