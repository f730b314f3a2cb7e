package dev.migrationstrategist.plan;

import java.util.Objects;

/**
 * The server and database a plan was made from ({@code plan --db}), where the online schema-change tools
 * (pt-online-schema-change, gh-ost) are pointed at in the plan's instructions. Never a user or a password: the tools
 * take those from their own options or files.
 *
 * @param host     as written in the JDBC URL
 * @param port     as written in the URL, or the engine's default port
 * @param database the database (MySQL/MariaDB) or schema (PostgreSQL) that holds the tables
 */
public record LiveTarget(String host, int port, String database) {
    public LiveTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
    }

    /** pt-online-schema-change's DSN for {@code table}: {@code h=HOST,P=PORT,D=DATABASE,t=TABLE}. */
    public String ptOscDsn(String table) {
        return "h=" + host + ",P=" + port + ",D=" + database + ",t=" + table;
    }

    /** gh-ost's options for {@code table}: {@code --host=HOST --port=PORT --database=DATABASE --table=TABLE}. */
    public String ghostOptions(String table) {
        return "--host=" + host + " --port=" + port + " --database=" + database + " --table=" + table;
    }

    /** pt-online-schema-change's DSN with placeholders, for a plan made without a live database. */
    public static String ptOscPlaceholder(String table) {
        return "D=<database>,t=" + table;
    }

    /** gh-ost's options with placeholders, for a plan made without a live database. */
    public static String ghostPlaceholder(String table) {
        return "--database=<database> --table=" + table;
    }
}
