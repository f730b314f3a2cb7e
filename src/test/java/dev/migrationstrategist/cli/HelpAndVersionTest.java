package dev.migrationstrategist.cli;

import dev.migrationstrategist.input.PhraseReader;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --help} and {@code --version} exit 0 with text a user can act on. */
class HelpAndVersionTest {

    @Test
    void topLevelHelpListsThePlanCommandAndExitCodes() {
        Cli run = Cli.run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("Usage: strategist", "zero-downtime", "Commands:",
                "Exit codes: 0 ok, 1 failed safely", "2 invalid input (also no command at all)", "3 internal error");
        assertThat(run.out()).containsPattern("plan\\s+Plan a zero-downtime migration")
                .containsPattern("apply\\s+Run a plan's database steps on a live database")
                .containsPattern("status\\s+Show every plan applied")
                .containsPattern("rollback\\s+Undo the applied steps");
    }

    @Test
    void noCommandPrintsTheSameUsageOnStderrAndExitsTwo() {
        Cli bare = Cli.run();
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.out()).isEmpty();
        assertThat(bare.err()).isEqualTo("strategist: no command given\n" + Cli.run("--help").out());
    }

    @Test
    void planHelpListsEveryOptionWithItsDefaultAndThePhraseGrammar() {
        Cli run = Cli.run("plan", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        for (OptionSpec option : Main.commandLine().getSubcommands().get("plan").getCommandSpec().options()) {
            assertThat(run.out()).contains(option.longestName());
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            assertThat(String.join(" ", option.description())).as(option.longestName() + " states its default")
                    .contains("Default: ");
            if (option.defaultValue() != null) {
                assertThat(run.out().replaceAll("\\s+", " ")).as(option.longestName())
                        .contains("Default: " + option.defaultValue());
            }
        }
        assertThat(PhraseReader.GRAMMAR).isNotEmpty();
        for (String form : PhraseReader.GRAMMAR) {
            assertThat(run.out()).contains("  " + form);
        }
        assertThat(run.out()).contains("--sync=trigger|app", "--print=md|json|none", "docs/database-report",
                "Exit codes: 0 ok, 2 invalid input");
    }

    @Test
    void versionNamesTheToolAndItsVersion() {
        Cli run = Cli.run("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("^Migration Strategist \\d+\\.\\d+\\.\\d+");
        assertThat(Cli.run("plan", "--version").out()).isEqualTo(run.out());
    }
}
