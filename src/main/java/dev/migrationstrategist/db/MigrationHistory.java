package dev.migrationstrategist.db;

import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.lint.LiquibaseChangesets;
import dev.migrationstrategist.lint.MigrationFile;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which migration files a live database has already run, from the migration tool's own record of it: Flyway's
 * {@code flyway_schema_history} (a versioned file is applied when a successful row has its version, or the version
 * is at or below a baseline; a repeatable one when a successful row names its script) or Liquibase's
 * {@code DATABASECHANGELOG} (a formatted-SQL file is applied when every changeset it declares has a row with its id
 * and author whose filename ends with the file's name). Looked for in the schema / database the URL selects.
 *
 * @param tool      "flyway", "liquibase", or null when the database has neither table
 */
public record MigrationHistory(String tool, List<FlywayRow> flyway, List<LiquibaseRow> liquibase) {
    public MigrationHistory {
        flyway = List.copyOf(flyway);
        liquibase = List.copyOf(liquibase);
    }

    /** A row of flyway_schema_history. */
    public record FlywayRow(String version, String script, boolean success, String type) {
    }

    /** A row of DATABASECHANGELOG. */
    public record LiquibaseRow(String id, String author, String filename) {
    }

    public static MigrationHistory none() {
        return new MigrationHistory(null, List.of(), List.of());
    }

    public boolean found() {
        return tool != null;
    }

    public static MigrationHistory read(Database database) {
        try (Connection c = database.connect()) {
            List<FlywayRow> flyway = flyway(c);
            if (flyway != null) {
                return new MigrationHistory("flyway", flyway, List.of());
            }
            List<LiquibaseRow> liquibase = liquibase(c);
            if (liquibase != null) {
                return new MigrationHistory("liquibase", List.of(), liquibase);
            }
            return none();
        } catch (SQLException e) {
            throw new StrategistException(ErrorCode.INVALID_INPUT, database.scrub("--db " + database.maskedUrl()
                    + ": cannot read the migration history: " + Database.firstLine(e.getMessage())), e);
        }
    }

    /** True when the history records the file as run (successfully). */
    public boolean applied(MigrationFile file) {
        if ("flyway".equals(tool)) {
            return flywayApplied(file);
        }
        if ("liquibase".equals(tool)) {
            return liquibaseApplied(file);
        }
        return false;
    }

    /** The files the history does not record as run: the new ones. */
    public Set<Path> notApplied(List<MigrationFile> files) {
        Set<Path> out = new HashSet<>();
        for (MigrationFile f : files) {
            if (!applied(f)) {
                out.add(f.path());
            }
        }
        return out;
    }

    private boolean flywayApplied(MigrationFile file) {
        String name = file.path().getFileName().toString();
        if (file.kind() == MigrationFile.Kind.FLYWAY_VERSIONED) {
            for (FlywayRow r : flyway) {
                List<BigInteger> v = version(r.version());
                if (v == null) {
                    continue;
                }
                int c = MigrationFile.compareVersions(file.version(), v);
                boolean baseline = r.type() != null && r.type().toUpperCase(Locale.ROOT).contains("BASELINE");
                if (r.success() && (c == 0 || baseline && c <= 0)) {
                    return true;
                }
            }
            return false;
        }
        for (FlywayRow r : flyway) {
            if (r.success() && r.script() != null && sameFile(r.script(), name)) {
                return true;
            }
        }
        return false;
    }

    private boolean liquibaseApplied(MigrationFile file) {
        List<LiquibaseChangesets.Changeset> changesets = LiquibaseChangesets.of(file.path());
        if (changesets.isEmpty()) {
            return false;
        }
        String name = file.path().getFileName().toString();
        for (LiquibaseChangesets.Changeset cs : changesets) {
            boolean recorded = liquibase.stream().anyMatch(r -> cs.id().equals(r.id())
                    && (r.author() == null || cs.author().equals(r.author()))
                    && r.filename() != null && sameFile(r.filename(), name));
            if (!recorded) {
                return false;
            }
        }
        return true;
    }

    /** A recorded script or changelog path names the file: equal, or ending with "/" + the file's name. */
    private static boolean sameFile(String recorded, String fileName) {
        String r = recorded.replace('\\', '/');
        return r.equals(fileName) || r.endsWith("/" + fileName);
    }

    private static List<BigInteger> version(String text) {
        if (text == null || !text.matches("\\d+([._]\\d+)*")) {
            return null;
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String p : text.split("[._]")) {
            parts.add(new BigInteger(p));
        }
        return parts;
    }

    /** The rows of flyway_schema_history, or null when the table is not there. */
    private static List<FlywayRow> flyway(Connection c) throws SQLException {
        String table = findTable(c, "flyway_schema_history");
        if (table == null) {
            return null;
        }
        List<FlywayRow> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, script, success, type FROM " + table)) {
            while (rs.next()) {
                out.add(new FlywayRow(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4)));
            }
        }
        return out;
    }

    /** The rows of DATABASECHANGELOG, or null when the table is not there. */
    private static List<LiquibaseRow> liquibase(Connection c) throws SQLException {
        String table = findTable(c, "databasechangelog");
        if (table == null) {
            return null;
        }
        List<LiquibaseRow> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, author, filename FROM " + table)) {
            while (rs.next()) {
                out.add(new LiquibaseRow(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }

    /**
     * The table's name as the catalog spells it (Liquibase writes DATABASECHANGELOG in upper case on MySQL and
     * lower case on PostgreSQL), quoted by the server's dialect, in the schema / database the connection selects; or null.
     */
    private static String findTable(Connection c, String name) throws SQLException {
        boolean pg = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        String sql = pg
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                  + " AND lower(table_name) = ?"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                  + " AND lower(table_name) = ?";
        try (var ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return Database.dialectOf(c).quote(dev.migrationstrategist.schema.Ident.of(rs.getString(1)));
            }
        }
    }
}
