package dev.migrationstrategist.dialect;

import dev.migrationstrategist.schema.Ident;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/** PostgreSQL: transactional DDL, {@code lock_timeout}, {@code CONCURRENTLY}, {@code NOT VALID}. */
public final class PostgresDialect extends Dialect {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");
    /** Reserved (and type-function) keywords of PostgreSQL that cannot be used unquoted as a column name. */
    private static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "binary",
            "both", "case", "cast", "check", "collate", "collation", "column", "concurrently", "constraint", "create",
            "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
            "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end",
            "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having", "ilike",
            "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left",
            "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only",
            "or", "order", "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
            "session_user", "similar", "some", "symmetric", "system_user", "table", "tablesample", "then", "to",
            "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window",
            "with", "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists",
            "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval", "least", "national",
            "nchar", "none", "normalize", "nullif", "numeric", "out", "overlay", "position", "precision", "real", "row",
            "setof", "smallint", "substring", "time", "timestamp", "treat", "trim", "values", "varchar", "xmlattributes",
            "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
            "xmlserialize", "xmltable");

    public PostgresDialect(Version version) {
        super(version);
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String displayName() {
        return "PostgreSQL " + version().major();
    }

    @Override
    public String versionLabel() {
        return version().minor() == 0 && version().patch() == 0 ? "" + version().major() : version().toString();
    }

    @Override
    public String quote(Ident ident) {
        String name = ident.name();
        if (PLAIN.matcher(name).matches() && !RESERVED.contains(name)) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    @Override
    public String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    public String lockTimeoutStatement(Duration timeout) {
        return "SET lock_timeout = '" + formatDuration(timeout) + "';";
    }

    static String formatDuration(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public boolean ignoresChecks() {
        return false;
    }

    @Override
    public String distinct(String left, String right) {
        return left + " IS DISTINCT FROM " + right;
    }

    @Override
    public String render(dev.migrationstrategist.statement.Statement statement) {
        return statement.accept(new PostgresRenderer(this));
    }

    @Override
    public String render(dev.migrationstrategist.statement.BackfillStatement statement,
                         dev.migrationstrategist.statement.KeyParameters parameters) {
        return statement.accept(new PostgresRenderer(this), parameters);
    }

    /** What every catalog-only ALTER takes on PostgreSQL. */
    static final String CATALOG_ONLY = "ACCESS EXCLUSIVE, catalog only (milliseconds)";

    @Override
    public String lockWords(dev.migrationstrategist.statement.OnlineDdl algorithm) {
        return CATALOG_ONLY;
    }

    @Override
    public String rebuildInPlaceLock() {
        return CATALOG_ONLY;
    }

    @Override
    public dev.migrationstrategist.statement.OnlineDdl addColumnAlgorithm() {
        return null;
    }

    @Override
    public dev.migrationstrategist.statement.OnlineDdl dropColumnAlgorithm() {
        return null;
    }

    @Override
    public dev.migrationstrategist.statement.OnlineDdl instantOrInplace() {
        return null;
    }

    @Override
    public dev.migrationstrategist.statement.OnlineDdl alterAlgorithm(
            dev.migrationstrategist.statement.OnlineDdl algorithm) {
        return null;
    }

    /** PostgreSQL 11 keeps a constant default in the catalog instead of rewriting the table. */
    public boolean fastConstantDefault() {
        return version().atLeast(11);
    }

    /** PostgreSQL 12 skips the SET NOT NULL scan when a valid CHECK (col IS NOT NULL) exists. */
    public boolean notNullFromValidCheck() {
        return version().atLeast(12);
    }

    /** {@code EXECUTE FUNCTION} in CREATE TRIGGER (PostgreSQL 11+; earlier: EXECUTE PROCEDURE). */
    public String executeFunctionKeyword() {
        return version().atLeast(11) ? "EXECUTE FUNCTION" : "EXECUTE PROCEDURE";
    }
}
