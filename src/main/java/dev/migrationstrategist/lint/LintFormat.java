package dev.migrationstrategist.lint;

import dev.migrationstrategist.error.StrategistException;

import java.util.Locale;

/** How lint prints its findings. */
public sealed interface LintFormat permits TextFormat, JsonFormat, SarifFormat, GithubFormat {

    String render(LintResult result);

    static LintFormat parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "text" -> new TextFormat();
            case "json" -> new JsonFormat();
            case "sarif" -> new SarifFormat();
            case "github" -> new GithubFormat();
            default -> throw StrategistException.invalidSetting("format", " " + name + ": expected text, json, sarif or github");
        };
    }
}
