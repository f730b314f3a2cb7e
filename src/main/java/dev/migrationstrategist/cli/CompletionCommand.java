package dev.migrationstrategist.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code strategist completion}: prints the bash/zsh completion script, generated from the commands themselves. */
@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Print the shell completion script for bash and zsh.",
        description = {"The script completes commands, options and their values (phases, formats, files), read from"
                + " the same definitions as the help, so it cannot drift from them.", ""},
        footer = {"", "Install:",
                "  source <(strategist completion)                  # this shell (bash, or zsh)",
                "  strategist completion > ~/.local/share/bash-completion/completions/strategist",
                "  (zsh: autoload -U +X bashcompinit && bashcompinit, then source the script)",
                "", "Exit codes: 0 ok, 2 invalid input."})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(AutoComplete.bash("strategist", spec.root().commandLine()));
        out.flush();
        return 0;
    }
}
