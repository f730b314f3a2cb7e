package dev.migrationstrategist.db;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.input.DdlText;
import dev.migrationstrategist.input.Idents;
import dev.migrationstrategist.schema.Ident;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few MySQL/MariaDB statement shapes whose effect apply can recognise in the live catalog (see
 * {@link AppliedCheck}): column renames, column default changes, trigger creation and removal. Anything else (a
 * qualified name, a clause mixed in) is not recognised and runs as written.
 */
sealed interface DdlShape {
    String IDENT = "(`(?:[^`]|``)+`|[A-Za-z0-9_$]+)";
    Pattern ALTER_TABLE = Pattern.compile("(?is)^\\s*ALTER\\s+TABLE\\s+" + IDENT + "\\s+(.*?)[\\s;]*$");
    Pattern RENAME = Pattern.compile("(?is)^RENAME\\s+COLUMN\\s+" + IDENT + "\\s+TO\\s+" + IDENT + "$");
    Pattern DEFAULT = Pattern.compile("(?is)^ALTER\\s+(?:COLUMN\\s+)?" + IDENT
            + "\\s+(?:SET\\s+DEFAULT\\s+(.+)|DROP\\s+DEFAULT)$");
    Pattern ONLINE_OPTION = Pattern.compile("(?i)^(?:ALGORITHM|LOCK)\\s*=?\\s*\\w+$");
    Pattern CREATE_TRIGGER = Pattern.compile("(?is)^\\s*CREATE\\s+TRIGGER\\s+" + IDENT
            + "\\s+(BEFORE|AFTER)\\s+(INSERT|UPDATE|DELETE)\\s+ON\\s+" + IDENT + "\\s+FOR\\s+EACH\\s+ROW\\s+(.*?)[\\s;]*$");
    Pattern DROP_TRIGGER = Pattern.compile("(?is)^\\s*DROP\\s+TRIGGER\\s+(IF\\s+EXISTS\\s+)?" + IDENT + "[\\s;]*$");

    /** {@code ALTER TABLE t RENAME COLUMN a TO b[, RENAME COLUMN ...]}: one atomic ALTER. */
    record RenameColumns(Ident table, List<Rename> renames) implements DdlShape {
        public RenameColumns {
            renames = List.copyOf(renames);
        }
    }

    record Rename(Ident from, Ident to) {
    }

    /** {@code ALTER TABLE t ALTER COLUMN a SET DEFAULT x[, ALTER COLUMN b DROP DEFAULT ...]}. */
    record ColumnDefaults(Ident table, List<DefaultChange> changes) implements DdlShape {
        public ColumnDefaults {
            changes = List.copyOf(changes);
        }
    }

    /** @param expression the default as written, or null for DROP DEFAULT */
    record DefaultChange(Ident column, String expression) {
    }

    /** @param body the trigger body as written (from after FOR EACH ROW, without the final semicolon) */
    record CreateTrigger(Ident name, String timing, String event, Ident table, String body) implements DdlShape {
    }

    record DropTrigger(Ident name) implements DdlShape {
    }

    /** The shape of a MySQL/MariaDB statement, if it is one of the recognised ones. */
    static Optional<DdlShape> of(String sql, Dialect dialect) {
        Matcher m = CREATE_TRIGGER.matcher(sql);
        if (m.matches()) {
            return Optional.of(new CreateTrigger(ident(m.group(1), dialect), m.group(2), m.group(3),
                    ident(m.group(4), dialect), m.group(5)));
        }
        m = DROP_TRIGGER.matcher(sql);
        if (m.matches()) {
            return Optional.of(new DropTrigger(ident(m.group(2), dialect)));
        }
        m = ALTER_TABLE.matcher(sql);
        return m.matches() ? alterTable(ident(m.group(1), dialect), m.group(2), dialect) : Optional.empty();
    }

    /** Only ALTERs made of renames alone or of default changes alone (plus ALGORITHM/LOCK) are recognised. */
    private static Optional<DdlShape> alterTable(Ident table, String clauses, Dialect dialect) {
        List<Rename> renames = new ArrayList<>();
        List<DefaultChange> defaults = new ArrayList<>();
        for (int[] range : DdlText.splitTopLevel(clauses, 0, clauses.length())) {
            String clause = clauses.substring(range[0], range[1]);
            Matcher rename = RENAME.matcher(clause);
            Matcher dflt = DEFAULT.matcher(clause);
            if (rename.matches()) {
                renames.add(new Rename(ident(rename.group(1), dialect), ident(rename.group(2), dialect)));
            } else if (dflt.matches()) {
                defaults.add(new DefaultChange(ident(dflt.group(1), dialect),
                        dflt.group(2) == null ? null : dflt.group(2).trim()));
            } else if (!ONLINE_OPTION.matcher(clause).matches()) {
                return Optional.empty();
            }
        }
        if (!renames.isEmpty() && defaults.isEmpty()) {
            return Optional.of(new RenameColumns(table, renames));
        }
        if (renames.isEmpty() && !defaults.isEmpty()) {
            return Optional.of(new ColumnDefaults(table, defaults));
        }
        return Optional.empty();
    }

    private static Ident ident(String written, Dialect dialect) {
        return Idents.fromSql(written, dialect);
    }
}
