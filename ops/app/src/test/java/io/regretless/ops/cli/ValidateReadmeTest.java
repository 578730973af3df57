package io.regretless.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.topology.config.RegretlessSettings;
import io.regretless.topology.config.Setting;

/**
 * The README's Configuration block, pasted into a file as it stands, is valid: {@code validate}
 * accepts it without a warning. It also shows every setting there is.
 */
class ValidateReadmeTest {
    /** Tests run in the module's directory; the README is at the repository's root. */
    private static final Path README = Path.of("..", "..", "README.md");

    static String configurationBlock() throws Exception {
        String readme = Files.readString(README);
        int section = readme.indexOf("\n## Configuration\n");
        assertTrue(section >= 0, "README has a Configuration section");
        int start = readme.indexOf("```properties\n", section);
        int end = readme.indexOf("\n```\n", start);
        assertTrue(start > section && end > start, "the Configuration section has a ```properties block");
        return readme.substring(start + "```properties\n".length(), end + 1);
    }

    @Test
    void pastedBlockValidatesWithoutAWarning(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, configurationBlock());
        CommandRun run = CommandRun.of("validate", "--config", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        for (String model : new String[] {"checkout: bandit", "temperature: conformal", "claims: experts", "prices: experts"}) {
            assertTrue(run.out().contains("  " + model), run.out());
        }
    }

    @Test
    void blockShowsEverySetting() throws Exception {
        String block = configurationBlock();
        for (Setting<?> setting : RegretlessSettings.all()) {
            String key = setting.scope() == Setting.Scope.APPLICATION ? Pattern.quote(setting.name())
                : Pattern.quote(setting.scope().keyPrefix()) + "[^=\\s]+" + Pattern.quote("." + setting.name());
            assertTrue(Pattern.compile("(?m)^" + key + "=").matcher(block).find(),
                setting.pattern() + " is missing from README's Configuration block");
        }
    }
}
