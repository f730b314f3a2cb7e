package dev.migrationstrategist.dialect;

import dev.migrationstrategist.schema.Ident;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A database family at a server version: how it quotes, renders and which operations it can do online.
 * Version-aware decisions are explicit methods here, never string checks elsewhere.
 */
public abstract sealed class Dialect permits PostgresDialect, MySqlDialect {
    private final Version version;

    protected Dialect(Version version) {
        this.version = Objects.requireNonNull(version, "version");
    }

    /** The family name used on the command line and in the JSON: postgresql, mysql, mariadb. */
    public abstract String name();

    /** A human name with the version: "PostgreSQL 15". */
    public abstract String displayName();

    public Version version() {
        return version;
    }

    /** The version as people write it for this family: {@code 15} for PostgreSQL, {@code 8.0} for MySQL. */
    public String versionLabel() {
        return version.toString();
    }

    /** The command-line spelling, {@code postgresql:15}. */
    public String spec() {
        return name() + ":" + versionLabel();
    }

    /** Renders an identifier, quoted only where the dialect needs it, escaping quote characters. */
    public abstract String quote(Ident ident);

    public String quote(String name) {
        return quote(Ident.of(name));
    }

    public String quoteAll(List<Ident> idents) {
        return idents.stream().map(this::quote).collect(Collectors.joining(", "));
    }

    /** The SQL text of a statement, exactly as {@code apply} runs it. */
    public abstract String render(dev.migrationstrategist.statement.Statement statement);

    /**
     * The SQL text of a backfill statement, with its key-range parameters written as {@code parameters} says: named
     * for the reports and the plan file, {@code ?} for {@code apply} to bind.
     */
    public abstract String render(dev.migrationstrategist.statement.BackfillStatement statement,
                                  dev.migrationstrategist.statement.KeyParameters parameters);

    /** The SQL text of a backfill statement as the reports and the plan file show it (named placeholders). */
    public String render(dev.migrationstrategist.statement.BackfillStatement statement) {
        return render(statement, dev.migrationstrategist.statement.KeyParameters.NAMED);
    }

    /** Renders a string literal with the dialect's escaping. */
    public abstract String literal(String value);

    /** The session statement that bounds how long a following DDL may wait for its lock. */
    public abstract String lockTimeoutStatement(Duration timeout);

    /**
     * True when every server of this version line stores CHECK constraints without enforcing them (MySQL before 8.0,
     * MariaDB before 10.2). False where some or all do: MySQL enforces from 8.0.16, MariaDB from 10.2.1, so a version
     * given as "8.0" or "10.2" may be either.
     */
    public abstract boolean ignoresChecks();

    // ---- lock wording and online-DDL decisions (strategies ask these, never which family they are in) ----

    /**
     * The lock an ALTER with this algorithm takes, in words, for a step's {@code lock}. PostgreSQL has no algorithm:
     * its catalog-only ALTER takes ACCESS EXCLUSIVE for milliseconds whatever is passed (null included).
     */
    public abstract String lockWords(dev.migrationstrategist.statement.OnlineDdl algorithm);

    /**
     * The lock of a change to a column's nullability or definition that PostgreSQL does in the catalog and
     * MySQL/MariaDB by an in-place MODIFY (the table rebuilt online).
     */
    public abstract String rebuildInPlaceLock();

    /** The algorithm an {@code ADD COLUMN} (nullable, at the end) can use on this version; null on PostgreSQL. */
    public abstract dev.migrationstrategist.statement.OnlineDdl addColumnAlgorithm();

    /** The algorithm a {@code DROP COLUMN} can use on this version; null on PostgreSQL. */
    public abstract dev.migrationstrategist.statement.OnlineDdl dropColumnAlgorithm();

    /** INSTANT where the version can add a column instantly, else INPLACE with LOCK=NONE; null on PostgreSQL. */
    public abstract dev.migrationstrategist.statement.OnlineDdl instantOrInplace();

    /** The algorithm an ALTER pins on this family: {@code algorithm} on MySQL/MariaDB, null on PostgreSQL. */
    public abstract dev.migrationstrategist.statement.OnlineDdl alterAlgorithm(
            dev.migrationstrategist.statement.OnlineDdl algorithm);

    /** True when DDL can run inside a transaction and roll back with it. */
    public abstract boolean transactionalDdl();

    /** The SQL that tests two expressions for "not the same value", treating NULL as a value. */
    public abstract String distinct(String left, String right);

    @Override
    public String toString() {
        return spec();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dialect d && d.name().equals(name()) && d.version.equals(version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name(), version);
    }
}
