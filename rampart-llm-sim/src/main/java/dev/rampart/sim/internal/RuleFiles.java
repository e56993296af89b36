package dev.rampart.sim.internal;

import dev.rampart.sim.ScriptRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.core.JacksonException;

/** Loads scripted rules from a JSON file (the format of {@code examples/rules.json}). */
public final class RuleFiles {

    private RuleFiles() {
    }

    /** Throws {@link IllegalArgumentException} naming the file when it cannot be read or is not valid. */
    public static List<ScriptRule> load(Path file) {
        try {
            List<ScriptRule> rules = RuleJson.rules(Json.MAPPER.readTree(Files.readAllBytes(file)));
            rules.forEach(CompiledRule::of);
            return rules;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read rule file " + file + ": " + e, e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("rule file " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rule file " + file + ": " + e.getMessage(), e);
        }
    }
}
