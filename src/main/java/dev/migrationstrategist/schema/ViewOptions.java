package dev.migrationstrategist.schema;

import java.util.List;

/**
 * What a view carries beside its query, read from the catalog so that a recreated view keeps it: its check option,
 * whose privileges it runs with, and (MySQL/MariaDB) its definer; PostgreSQL's view options ({@code reloptions},
 * e.g. {@code security_barrier=true}) as the catalog lists them.
 *
 * @param checkOption {@code LOCAL}, {@code CASCADED} or null (none)
 * @param security    {@code INVOKER}, {@code DEFINER} or null (the engine's default) (MySQL/MariaDB SQL SECURITY)
 * @param definer     MySQL/MariaDB {@code user@host}, null when unknown
 * @param reloptions  PostgreSQL {@code name=value} options, empty elsewhere
 */
public record ViewOptions(String checkOption, String security, String definer, List<String> reloptions) {
    public static final ViewOptions NONE = new ViewOptions(null, null, null, List.of());

    public ViewOptions {
        reloptions = reloptions == null ? List.of() : List.copyOf(reloptions);
    }
}
