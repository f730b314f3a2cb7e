package dev.migrationstrategist.cli;

import dev.migrationstrategist.error.StrategistException;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The rename hints that go with {@code --to} (plan and rehearse): renames are never guessed from two states. */
public final class RenameHints {
    @Option(names = "--rename", paramLabel = "TABLE.OLD=NEW",
            description = "With --to: column OLD of TABLE is renamed to NEW. Repeatable. Default: none.")
    List<String> renames = new ArrayList<>();

    @Option(names = "--rename-table", paramLabel = "OLD=NEW",
            description = "With --to: table OLD is renamed to NEW. Repeatable. Default: none.")
    List<String> tableRenames = new ArrayList<>();

    /** Refuses hints given without State B. */
    void requireTo(Path to) {
        if (to == null && (!renames.isEmpty() || !tableRenames.isEmpty())) {
            throw StrategistException.invalid("--rename and --rename-table are hints for --to: give State B with --to");
        }
    }
}
