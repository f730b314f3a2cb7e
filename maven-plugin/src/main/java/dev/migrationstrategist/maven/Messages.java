package dev.migrationstrategist.maven;

import dev.migrationstrategist.error.StrategistException;

import java.util.Map;

/** A library refusal in the plugin's words: the setting named as the plugin parameter that gives it. */
final class Messages {
    private static final Map<String, String> PARAMETERS = Map.ofEntries(
            Map.entry("dialect", "dialect"), Map.entry("schema", "schemaFile"), Map.entry("config", "configFile"),
            Map.entry("db", "db"), Map.entry("new", "paths"), Map.entry("sql", "sql"),
            Map.entry("emit", "emitFlyway"), Map.entry("emit version", "emitVersion"),
            Map.entry("batch size", "batchSize"), Map.entry("lock timeout", "lockTimeout"),
            Map.entry("sync", "sync"), Map.entry("rows", "rows"), Map.entry("changed since", "changedSince"));

    private Messages() {
    }

    static String of(StrategistException e) {
        return e.setting()
                .map(s -> "<" + PARAMETERS.getOrDefault(s, s) + ">" + e.detail())
                .orElse(e.getMessage());
    }
}
