package dev.rampart.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the public surface deliberate: anything else must stay package-private. */
class PublicApiTest {

    private static final List<String> API = List.of(
            "dev.rampart.sim.DelayRange", "dev.rampart.sim.Fault", "dev.rampart.sim.FaultRates",
            "dev.rampart.sim.LatencyModel", "dev.rampart.sim.LlmSimulator", "dev.rampart.sim.Main",
            "dev.rampart.sim.ScriptRule", "dev.rampart.sim.SimulatorControl", "dev.rampart.sim.SimulatorOptions",
            "dev.rampart.sim.SimulatorStats",
            // Entry points the base package needs from the internal package; not API.
            "dev.rampart.sim.internal.RuleFiles", "dev.rampart.sim.internal.SimServer");

    @Test
    void onlyTheIntendedTopLevelTypesArePublic() throws Exception {
        Path classes = Path.of(LlmSimulator.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        List<String> publicTypes;
        try (Stream<Path> files = Files.walk(classes)) {
            publicTypes = files.map(classes::relativize).map(Path::toString)
                    .filter(name -> name.endsWith(".class") && !name.contains("$") && !name.endsWith("package-info.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .filter(PublicApiTest::isPublic)
                    .sorted()
                    .toList();
        }

        assertThat(publicTypes).containsExactlyInAnyOrderElementsOf(API);
    }

    private static boolean isPublic(String className) {
        try {
            return Modifier.isPublic(Class.forName(className, false, PublicApiTest.class.getClassLoader()).getModifiers());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
