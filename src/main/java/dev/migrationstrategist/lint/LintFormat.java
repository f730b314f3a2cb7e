package dev.migrationstrategist.lint;

import dev.migrationstrategist.error.StrategistException;

import java.util.Locale;

/** How lint prints its findings. */
public sealed interface LintFormat permits TextFormat, JsonFormat, SarifFormat, GithubFormat {

    String render(LintResult result);

    static LintFormat parse(String name) {
        return parse(name, SarifFormat.DEFAULT_DOCS_URL);
    }

    /** @param docsUrl where the rule pages live (SARIF's helpUri), an absolute URL */
    static LintFormat parse(String name, String docsUrl) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "text" -> new TextFormat();
            case "json" -> new JsonFormat();
            case "sarif" -> new SarifFormat(docsUrl);
            case "github" -> new GithubFormat();
            default -> throw StrategistException.invalidSetting("format", " " + name + ": expected text, json, sarif or github");
        };
    }
}
