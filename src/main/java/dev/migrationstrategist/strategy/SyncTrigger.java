package dev.migrationstrategist.strategy;

import dev.migrationstrategist.schema.Ident;

import java.util.List;

/**
 * A trigger that keeps an old and a new column equal while both exist, in both directions, so that any two
 * adjacent app versions can run side by side (the way pgroll and pt-online-schema-change keep two shapes
 * consistent).
 *
 * <p>On INSERT the new column wins when it was given (an app that knows it), else it is filled from the old one.
 * On UPDATE the column whose value changed is copied to the other. The backfill's own
 * {@code UPDATE ... SET new = old} therefore leaves both equal.
 *
 * @param toNew expression that converts the old column's value ({@code NEW.old}) to the new column's type
 * @param toOld expression that converts the new column's value back to the old type
 */
public record SyncTrigger(Ident table, Ident oldColumn, Ident newColumn, String toNew, String toOld) {

    public static SyncTrigger copying(Sql sql, Ident table, Ident oldColumn, Ident newColumn) {
        return new SyncTrigger(table, oldColumn, newColumn, "NEW." + sql.q(oldColumn), "NEW." + sql.q(newColumn));
    }

    public Ident name() {
        return Names.syncTrigger(table, oldColumn, newColumn);
    }

    /** The statements that install the trigger. */
    public List<String> create(Sql sql) {
        String oldC = sql.q(oldColumn);
        String newC = sql.q(newColumn);
        String t = sql.q(table);
        if (sql.postgres()) {
            String fn = sql.q(name());
            return List.of(
                    "CREATE OR REPLACE FUNCTION " + fn + "() RETURNS trigger LANGUAGE plpgsql AS $sync$\n"
                            + "BEGIN\n"
                            + "  IF TG_OP = 'INSERT' THEN\n"
                            + "    IF NEW." + newC + " IS NULL THEN\n"
                            + "      NEW." + newC + " := " + toNew + ";\n"
                            + "    ELSE\n"
                            + "      NEW." + oldC + " := " + toOld + ";\n"
                            + "    END IF;\n"
                            + "  ELSIF NEW." + newC + " IS DISTINCT FROM OLD." + newC + " THEN\n"
                            + "    NEW." + oldC + " := " + toOld + ";\n"
                            + "  ELSIF NEW." + oldC + " IS DISTINCT FROM OLD." + oldC + " THEN\n"
                            + "    NEW." + newC + " := " + toNew + ";\n"
                            + "  END IF;\n"
                            + "  RETURN NEW;\n"
                            + "END\n"
                            + "$sync$;",
                    "CREATE TRIGGER " + fn + " BEFORE INSERT OR UPDATE ON " + t + " FOR EACH ROW "
                            + sql.pg().executeFunctionKeyword() + " " + fn + "();");
        }
        return List.of(
                "CREATE TRIGGER " + sql.q(insertTrigger()) + " BEFORE INSERT ON " + t + " FOR EACH ROW\n"
                        + "BEGIN\n"
                        + "  IF NEW." + newC + " IS NULL THEN\n"
                        + "    SET NEW." + newC + " = " + toNew + ";\n"
                        + "  ELSE\n"
                        + "    SET NEW." + oldC + " = " + toOld + ";\n"
                        + "  END IF;\n"
                        + "END;",
                "CREATE TRIGGER " + sql.q(updateTrigger()) + " BEFORE UPDATE ON " + t + " FOR EACH ROW\n"
                        + "BEGIN\n"
                        + "  IF NOT (NEW." + newC + " <=> OLD." + newC + ") THEN\n"
                        + "    SET NEW." + oldC + " = " + toOld + ";\n"
                        + "  ELSEIF NOT (NEW." + oldC + " <=> OLD." + oldC + ") THEN\n"
                        + "    SET NEW." + newC + " = " + toNew + ";\n"
                        + "  END IF;\n"
                        + "END;");
    }

    /** The statements that remove the trigger (and its function on PostgreSQL). */
    public List<String> drop(Sql sql) {
        if (sql.postgres()) {
            return List.of("DROP TRIGGER IF EXISTS " + sql.q(name()) + " ON " + sql.q(table) + ";",
                    "DROP FUNCTION IF EXISTS " + sql.q(name()) + "();");
        }
        return List.of("DROP TRIGGER IF EXISTS " + sql.q(insertTrigger()) + ";",
                "DROP TRIGGER IF EXISTS " + sql.q(updateTrigger()) + ";");
    }

    private Ident insertTrigger() {
        return Ident.of(Names.fit(name().name() + "_ins"));
    }

    private Ident updateTrigger() {
        return Ident.of(Names.fit(name().name() + "_upd"));
    }
}
