package dev.migrationstrategist.db.kill;

import dev.migrationstrategist.testing.TestDatabase;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.migrationstrategist.db.kill.AppWriter.exec;
import static dev.migrationstrategist.db.kill.AppWriter.exec1;

/** The six migrations of the kill tests, each with its State A, rows and application versions. */
final class Scenarios {
    private Scenarios() {
    }

    private static String value(String what, long id, String version) {
        return what + "-" + id + "-" + version + "-" + (System.nanoTime() % 1_000_000);
    }

    /** {@code rename column users.name to full_name}: v1.0 writes name, v1.1 both, v1.2 full_name only. */
    static final class RenameColumn extends KillScenario {
        @Override
        String name() {
            return "rename-column";
        }

        @Override
        String schema(boolean pg) {
            return "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                    + " email VARCHAR(200) NOT NULL);\n";
        }

        @Override
        String change(boolean pg) {
            return "rename column users.name to full_name";
        }

        @Override
        void seed(TestDatabase db, int rows) {
            String g = "(10 * " + g(db) + ")";
            db.execute("INSERT INTO users (id, name, email) SELECT " + g + ", " + concat(db, "'name-'", g) + ", "
                    + concat(db, "'u'", g, "'@example.com'") + " FROM " + series(db, rows));
        }

        @Override
        List<Object> seeded(String key, int rows) {
            long id = id(key);
            return seededId(id, rows) ? List.of("name-" + id) : null;
        }

        @Override
        List<String> seededKeys(int rows) {
            return keys("users", 1, rows);
        }

        @Override
        AppWriter.Version version(String version, boolean pg) {
            return ctx -> {
                int dice = ctx.dice();
                if (dice < 15) {
                    long id = ctx.newId("users");
                    String v = value("ins", id, version);
                    ctx.write("users:" + id, List.of(v), false, c -> {
                        switch (version) {
                            case "v1.0" -> exec(c, "INSERT INTO users (id, name, email) VALUES (?, ?, ?)", id, v,
                                    "i" + id + "@example.com");
                            case "v1.1" -> exec(c, "INSERT INTO users (id, name, full_name, email)"
                                    + " VALUES (?, ?, ?, ?)", id, v, v, "i" + id + "@example.com");
                            default -> exec(c, "INSERT INTO users (id, full_name, email) VALUES (?, ?, ?)", id, v,
                                    "i" + id + "@example.com");
                        }
                    });
                } else if (dice < 65) {
                    long id = ctx.owned();
                    String v = value("upd", id, version);
                    ctx.write("users:" + id, List.of(v), false, c -> {
                        switch (version) {
                            case "v1.0" -> exec1(c, "UPDATE users SET name = ? WHERE id = ?", v, id);
                            case "v1.1" -> exec1(c, "UPDATE users SET name = ?, full_name = ? WHERE id = ?", v, v,
                                    id);
                            default -> exec1(c, "UPDATE users SET full_name = ? WHERE id = ?", v, id);
                        }
                    });
                } else {
                    long id = ctx.owned();
                    ctx.read("users:" + id, id, version.equals("v1.2") ? "SELECT full_name FROM users WHERE id = ?"
                            : "SELECT name FROM users WHERE id = ?");
                }
            };
        }

        @Override
        Map<String, List<String>> finalRows(TestDatabase db) {
            return keyed(db, "users", "SELECT id, full_name FROM users");
        }

        @Override
        Map<String, List<String>> stateARows(TestDatabase db) {
            return keyed(db, "users", "SELECT id, name FROM users");
        }

        @Override
        String[] selfcheck() {
            return new String[] {"users", "users", "full_name"};
        }

        @Override
        List<String> tables() {
            return List.of("users");
        }
    }

    /** {@code change type of accounts.score to bigint}: v1.0 and v1.1 (accepts both types) write score. */
    static final class ChangeType extends KillScenario {
        @Override
        String name() {
            return "change-type";
        }

        @Override
        String schema(boolean pg) {
            return "CREATE TABLE accounts (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                    + " score INT NOT NULL DEFAULT 0);\n";
        }

        @Override
        String change(boolean pg) {
            return "change type of accounts.score to bigint";
        }

        @Override
        void seed(TestDatabase db, int rows) {
            String g = "(10 * " + g(db) + ")";
            db.execute("INSERT INTO accounts (id, name, score) SELECT " + g + ", " + concat(db, "'n-'", g) + ", "
                    + g + " * 7 - 10000 FROM " + series(db, rows));
        }

        @Override
        List<Object> seeded(String key, int rows) {
            long id = id(key);
            return seededId(id, rows) ? List.of("n-" + id, String.valueOf(id * 7 - 10000)) : null;
        }

        @Override
        List<String> seededKeys(int rows) {
            return keys("accounts", 1, rows);
        }

        @Override
        AppWriter.Version version(String version, boolean pg) {
            return ctx -> {
                int dice = ctx.dice();
                long score = ctx.random.nextInt(2_000_000) - 1_000_000;
                if (dice < 15) {
                    long id = ctx.newId("accounts");
                    String name = value("ins", id, version);
                    ctx.write("accounts:" + id, List.of(name, String.valueOf(score)), false, c ->
                            exec(c, "INSERT INTO accounts (id, name, score) VALUES (?, ?, ?)", id, name, score));
                } else if (dice < 65) {
                    long id = ctx.owned();
                    List<List<Object>> before = ctx.writer.ledger().written("accounts:" + id);
                    Object name = before == null ? "n-" + id : before.get(before.size() - 1).get(0);
                    ctx.write("accounts:" + id, List.of(name, String.valueOf(score)), false, c ->
                            exec1(c, "UPDATE accounts SET score = ? WHERE id = ?", score, id));
                } else {
                    long id = ctx.owned();
                    ctx.read("accounts:" + id, id, "SELECT score FROM accounts WHERE id = ?", 1);
                }
            };
        }

        /** The plan's release note on PostgreSQL: a prepared statement returning score fails once after the swap. */
        @Override
        boolean announced(SQLException e, boolean pg) {
            return pg && "0A000".equals(e.getSQLState()) && String.valueOf(e.getMessage())
                    .contains("cached plan must not change result type");
        }

        @Override
        Map<String, List<String>> finalRows(TestDatabase db) {
            return keyed(db, "accounts", "SELECT id, name, score FROM accounts");
        }

        @Override
        Map<String, List<String>> stateARows(TestDatabase db) {
            return finalRows(db);
        }

        /**
         * PostgreSQL: the swap's rollback says "score is nullable afterwards: make it NOT NULL again through a
         * validated CHECK if you stay there" (the swap-back leaves the int column as the trigger kept it).
         */
        @Override
        Map<String, String> announcedAfterRollback(boolean pg) {
            return pg ? Map.of("  column score int not null default 0", "  column score int null default 0")
                    : Map.of();
        }

        @Override
        List<String> tables() {
            return List.of("accounts");
        }
    }

    /**
     * {@code change type of entries.score to bigint} on a table whose primary key is composite, (tenant_id, id),
     * tenant_id = id % 3 (a partitioned table's key includes its partition key the same way): the backfill's cursor
     * and checkpoint are the pair, and each tenant holds hundreds of rows, so every batch bound falls inside a run of
     * one tenant. v1.0 and v1.1 write score as in {@link ChangeType}.
     */
    static class CompositeKeyChangeType extends KillScenario {
        @Override
        String name() {
            return "composite-key-change-type";
        }

        @Override
        String schema(boolean pg) {
            return "CREATE TABLE entries (tenant_id INT NOT NULL, id BIGINT NOT NULL, name VARCHAR(100) NOT NULL,"
                    + " score INT NOT NULL DEFAULT 0, PRIMARY KEY (tenant_id, id));\n";
        }

        @Override
        String change(boolean pg) {
            return "change type of entries.score to bigint";
        }

        @Override
        void seed(TestDatabase db, int rows) {
            String g = "(10 * " + g(db) + ")";
            db.execute("INSERT INTO entries (tenant_id, id, name, score) SELECT " + g + " % 3, " + g + ", "
                    + concat(db, "'n-'", g) + ", " + g + " * 7 - 10000 FROM " + series(db, rows));
        }

        @Override
        List<Object> seeded(String key, int rows) {
            long id = id(key);
            return seededId(id, rows) ? List.of("n-" + id, String.valueOf(id * 7 - 10000)) : null;
        }

        @Override
        List<String> seededKeys(int rows) {
            return keys("entries", 1, rows);
        }

        @Override
        AppWriter.Version version(String version, boolean pg) {
            return ctx -> {
                int dice = ctx.dice();
                long score = ctx.random.nextInt(2_000_000) - 1_000_000;
                if (dice < 15) {
                    long id = ctx.newId("entries");
                    String name = value("ins", id, version);
                    ctx.write("entries:" + id, List.of(name, String.valueOf(score)), false, c ->
                            exec(c, "INSERT INTO entries (tenant_id, id, name, score) VALUES (?, ?, ?, ?)", id % 3,
                                    id, name, score));
                } else if (dice < 65) {
                    long id = ctx.owned();
                    List<List<Object>> before = ctx.writer.ledger().written("entries:" + id);
                    Object name = before == null ? "n-" + id : before.get(before.size() - 1).get(0);
                    ctx.write("entries:" + id, List.of(name, String.valueOf(score)), false, c ->
                            exec1(c, "UPDATE entries SET score = ? WHERE tenant_id = ? AND id = ?", score, id % 3,
                                    id));
                } else {
                    long id = ctx.owned();
                    ctx.read("entries:" + id, id, "SELECT score FROM entries WHERE tenant_id = " + (id % 3)
                            + " AND id = ?", 1);
                }
            };
        }

        /** As {@link ChangeType}: a prepared statement returning score fails once after the swap (PostgreSQL). */
        @Override
        boolean announced(SQLException e, boolean pg) {
            return pg && "0A000".equals(e.getSQLState()) && String.valueOf(e.getMessage())
                    .contains("cached plan must not change result type");
        }

        @Override
        Map<String, List<String>> finalRows(TestDatabase db) {
            return keyed(db, "entries", "SELECT id, name, score FROM entries");
        }

        @Override
        Map<String, List<String>> stateARows(TestDatabase db) {
            return finalRows(db);
        }

        @Override
        Map<String, String> announcedAfterRollback(boolean pg) {
            return pg ? Map.of("  column score int not null default 0", "  column score int null default 0")
                    : Map.of();
        }

        @Override
        List<String> tables() {
            return List.of("entries");
        }
    }

    /**
     * "Running out of ids": {@code change type of accounts.id to bigint}, the primary key, referenced by {@code
     * notes.account_id} (INT, foreign key {@code fk_notes_account}). PostgreSQL: accounts is of unknown size (the
     * online key swap: new column, sync, backfill, unique index built concurrently, one swap transaction that drops
     * and re-adds the foreign key NOT VALID and makes the index the primary key, then VALIDATE) and notes is small
     * ({@code --rows notes=N}: widened first, directly, after {@code LOCK TABLE accounts, notes}). MariaDB: both
     * small, the direct route (foreign key dropped, both columns copied, foreign key added back with
     * foreign_key_checks = 0). The app inserts accounts and notes (each note references a seeded account) and renames
     * and reads accounts.
     */
    /**
     * The same "running out of ids" on MariaDB with the tables of unknown size: the shadow-table copy (KeyCopy):
     * shadows and sync triggers, a keyset copy per table, the shadows' foreign keys, one RENAME TABLE, the old tables
     * dropped and the foreign-key name restored. MariaDB only (PostgreSQL swaps the column: KeyWidening).
     */
    static final class KeyCopy extends KillScenario {
        private final KeyWidening same = new KeyWidening();

        @Override
        String name() {
            return "key-copy";
        }

        @Override
        boolean runsOn(boolean pg) {
            return !pg;
        }

        @Override
        String schema(boolean pg) {
            return same.schema(pg);
        }

        @Override
        String change(boolean pg) {
            return same.change(pg);
        }

        @Override
        void seed(TestDatabase db, int rows) {
            same.seed(db, rows);
        }

        @Override
        List<Object> seeded(String key, int rows) {
            return same.seeded(key, rows);
        }

        @Override
        List<String> seededKeys(int rows) {
            return same.seededKeys(rows);
        }

        @Override
        AppWriter.Version version(String version, boolean pg) {
            return same.version(version, pg);
        }

        /** The plan's copy steps announce InnoDB deadlocks (1213) on the shadow's AUTO-INC lock: the app retries. */
        @Override
        boolean announced(SQLException e, boolean pg) {
            return !pg && e.getErrorCode() == 1213;
        }

        @Override
        Map<String, List<String>> finalRows(TestDatabase db) {
            return same.finalRows(db);
        }

        @Override
        List<String> extraChecks(TestDatabase db) {
            List<String> out = new java.util.ArrayList<>(same.extraChecks(db));
            long left = db.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND"
                    + " table_name LIKE '\\_%\\_new' OR table_schema = DATABASE() AND table_name LIKE '\\_%\\_old'");
            if (left != 0) {
                out.add("shadow or old tables left: " + left);
            }
            return out;
        }

        @Override
        String[] selfcheck() {
            return same.selfcheck();
        }

        @Override
        List<String> tables() {
            return same.tables();
        }
    }

    static final class KeyWidening extends KillScenario {
        static int notes(int rows) {
            return Math.max(10, rows / 10);
        }

        @Override
        String name() {
            return "key-widening";
        }

        @Override
        String schema(boolean pg) {
            return "CREATE TABLE accounts (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL);\n"
                    + "CREATE TABLE notes (id BIGINT PRIMARY KEY, account_id INT NOT NULL, qty INT NOT NULL,"
                    + " CONSTRAINT fk_notes_account FOREIGN KEY (account_id) REFERENCES accounts (id));\n";
        }

        @Override
        Map<String, Long> sizes(boolean pg, int rows) {
            return pg ? Map.of("notes", (long) notes(rows)) : Map.of("accounts", (long) rows, "notes",
                    (long) notes(rows));
        }

        @Override
        String change(boolean pg) {
            return "change type of accounts.id to bigint";
        }

        @Override
        void seed(TestDatabase db, int rows) {
            String g = "(10 * " + g(db) + ")";
            db.execute("INSERT INTO accounts (id, name) SELECT " + g + ", " + concat(db, "'n-'", g) + " FROM "
                    + series(db, rows));
            db.execute("INSERT INTO notes (id, account_id, qty) SELECT " + g + ", " + g + ", " + g + " % 1000 FROM "
                    + series(db, notes(rows)));
        }

        @Override
        List<Object> seeded(String key, int rows) {
            long id = id(key);
            if (table(key).equals("accounts")) {
                return seededId(id, rows) ? List.of("n-" + id) : null;
            }
            return seededId(id, notes(rows)) ? List.of(String.valueOf(id), String.valueOf(id % 1000)) : null;
        }

        @Override
        List<String> seededKeys(int rows) {
            List<String> out = keys("accounts", 1, rows);
            out.addAll(keys("notes", 1, notes(rows)));
            return out;
        }

        @Override
        AppWriter.Version version(String version, boolean pg) {
            return ctx -> {
                int dice = ctx.dice();
                // accounts 2.. only: the lock-wait variant row-locks the smallest key of every table
                long account = 10 * (2 + ctx.random.nextInt(ctx.seededRows() - 1));
                long qty = ctx.random.nextInt(100_000);
                if (dice < 15) {
                    long id = ctx.newId("accounts");
                    String name = value("ins", id, version);
                    ctx.write("accounts:" + id, List.of(name), false, c ->
                            exec(c, "INSERT INTO accounts (id, name) VALUES (?, ?)", id, name));
                } else if (dice < 30) {
                    long id = ctx.newId("notes");
                    ctx.write("notes:" + id, List.of(String.valueOf(account), String.valueOf(qty)), false, c ->
                            exec(c, "INSERT INTO notes (id, account_id, qty) VALUES (?, ?, ?)", id, account, qty));
                } else if (dice < 65) {
                    long id = ctx.owned();
                    String name = value("upd", id, version);
                    ctx.write("accounts:" + id, List.of(name), false, c ->
                            exec1(c, "UPDATE accounts SET name = ? WHERE id = ?", name, id));
                } else {
                    long id = ctx.owned();
                    ctx.read("accounts:" + id, id, "SELECT name FROM accounts WHERE id = ?");
                }
            };
        }

        /** PostgreSQL: the plan's release note: a prepared statement returning id fails once after the swap. */
        @Override
        boolean announced(SQLException e, boolean pg) {
            return pg && "0A000".equals(e.getSQLState()) && String.valueOf(e.getMessage())
                    .contains("cached plan must not change result type");
        }

        @Override
        Map<String, List<String>> finalRows(TestDatabase db) {
            Map<String, List<String>> out = new LinkedHashMap<>(keyed(db, "accounts",
                    "SELECT id, name FROM accounts"));
            out.putAll(keyed(db, "notes", "SELECT id, account_id, qty FROM notes"));
            return out;
        }

        /** Every note's account is there, and the foreign key is back and proven. */
        @Override
        List<String> extraChecks(TestDatabase db) {
            List<String> out = new java.util.ArrayList<>();
            long orphans = db.count("SELECT count(*) FROM notes n WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE"
                    + " a.id = n.account_id)");
            if (orphans != 0) {
                out.add("notes without their account: " + orphans);
            }
            long fks = db.family().equals("postgresql")
                    ? db.count("SELECT count(*) FROM pg_constraint WHERE conname = 'fk_notes_account' AND convalidated"
                    + " AND connamespace = current_schema()::regnamespace")
                    : db.count("SELECT count(*) FROM information_schema.referential_constraints WHERE"
                    + " constraint_schema = DATABASE() AND constraint_name = 'fk_notes_account'");
            if (fks != 1) {
                out.add("foreign key fk_notes_account (validated): " + fks);
            }
            return out;
        }

        @Override
        String[] selfcheck() {
            return new String[] {"notes", "accounts", "name"};
        }

        @Override
        List<String> tables() {
            return List.of("accounts", "notes");
        }
    }

    /**
     * {@code add column events.token varchar(36) not null default <volatile>}: gen_random_uuid() on PostgreSQL,
     * uuid() on MariaDB; every row gets its own value, as the naive ALTER would give it.
     */
    static final class AddColumnVolatileDefault extends KillScenario {
        static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

        @Override
        String name() {
            return "add-not-null-volatile-default";
        }

        @Override
        String schema(boolean pg) {
            return "CREATE TABLE events (id BIGINT PRIMARY KEY, payload VARCHAR(100) NOT NULL);\n";
        }

        @Override
        String change(boolean pg) {
            return "add column events.token varchar(36) not null default " + (pg ? "gen_random_uuid()" : "uuid()");
        }

        @Override
        void seed(TestDatabase db, int rows) {
            String g = "(10 * " + g(db) + ")";
            db.execute("INSERT INTO events (id, payload) SELECT " + g + ", " + concat(db, "'p-'", g) + " FROM "
                    + series(db, rows));
        }

        @Override
        List<Object> seeded(String key, int rows) {
            long id = id(key);
            return seededId(id, rows) ? List.of("p-" + id, UUID) : null;
        }

        @Override
        List<String> seededKeys(int rows) {
            return keys("events", 1, rows);
        }

        @Override
        AppWriter.Version version(String version, boolean pg) {
            return ctx -> {
                int dice = ctx.dice();
                if (dice < 15) {
                    long id = ctx.newId("events");
                    String v = value("ins", id, version);
                    ctx.write("events:" + id, List.of(v, UUID), false, c ->
                            exec(c, "INSERT INTO events (id, payload) VALUES (?, ?)", id, v));
                } else if (dice < 65) {
                    long id = ctx.owned();
                    String v = value("upd", id, version);
                    ctx.write("events:" + id, List.of(v, UUID), false, c ->
                            exec1(c, "UPDATE events SET payload = ? WHERE id = ?", v, id));
                } else {
                    long id = ctx.owned();
                    ctx.read("events:" + id, id, "SELECT payload FROM events WHERE id = ?", 0);
                }
            };
        }

        @Override
        Map<String, List<String>> finalRows(TestDatabase db) {
            return keyed(db, "events", "SELECT id, payload, token FROM events");
        }

        /** A volatile default is evaluated per row: no two rows share a token. */
        @Override
        List<String> extraChecks(TestDatabase db) {
            long dup = db.count("SELECT count(*) - count(DISTINCT token) FROM events");
            return dup == 0 ? List.of() : List.of("volatile default: " + dup + " rows share a token with another");
        }

        @Override
        String[] selfcheck() {
            return new String[] {"events", "events", "payload"};
        }

        @Override
        List<String> tables() {
            return List.of("events");
        }
    }

    /**
     * {@code split table users columns email, bio into user_contacts}: v1.0 writes users, v1.1 both tables (upsert
     * by id), v1.2 user_contacts only (users row first, in the same transaction).
     */
    static final class SplitTable extends KillScenario {
        @Override
        String name() {
            return "split-table";
        }

        @Override
        String schema(boolean pg) {
            return "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200),"
                    + " bio VARCHAR(200));\n";
        }

        @Override
        String change(boolean pg) {
            return "split table users columns email, bio into user_contacts";
        }

        @Override
        void seed(TestDatabase db, int rows) {
            String g = "(10 * " + g(db) + ")";
            db.execute("INSERT INTO users (id, name, email, bio) SELECT " + g + ", " + concat(db, "'n-'", g) + ", "
                    + concat(db, "'u'", g, "'@example.com'") + ", CASE WHEN " + g + " % 7 = 0 THEN NULL ELSE "
                    + concat(db, "'bio-'", g) + " END FROM " + series(db, rows));
        }

        @Override
        List<Object> seeded(String key, int rows) {
            long id = id(key);
            return seededId(id, rows) ? Arrays.asList("n-" + id, "u" + id + "@example.com",
                    id % 7 == 0 ? null : "bio-" + id) : null;
        }

        @Override
        List<String> seededKeys(int rows) {
            return keys("users", 1, rows);
        }

        private static String upsert(boolean pg) {
            return pg ? "INSERT INTO user_contacts (id, email, bio) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE"
                    + " SET email = EXCLUDED.email, bio = EXCLUDED.bio"
                    : "INSERT INTO user_contacts (id, email, bio) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE"
                    + " email = VALUES(email), bio = VALUES(bio)";
        }

        @Override
        AppWriter.Version version(String version, boolean pg) {
            return ctx -> {
                int dice = ctx.dice();
                if (dice < 15) {
                    long id = ctx.newId("users");
                    String name = value("ins", id, version);
                    String email = "i" + id + "@example.com";
                    String bio = ctx.random.nextInt(5) == 0 ? null : value("bio", id, version);
                    ctx.write("users:" + id, Arrays.asList(name, email, bio), !version.equals("v1.0"), c -> {
                        switch (version) {
                            case "v1.0" -> exec(c, "INSERT INTO users (id, name, email, bio) VALUES (?, ?, ?, ?)",
                                    id, name, email, bio);
                            case "v1.1" -> {
                                exec(c, "INSERT INTO users (id, name, email, bio) VALUES (?, ?, ?, ?)", id, name,
                                        email, bio);
                                exec(c, upsert(pg), id, email, bio);
                            }
                            default -> {
                                exec(c, "INSERT INTO users (id, name) VALUES (?, ?)", id, name);
                                exec(c, upsert(pg), id, email, bio);
                            }
                        }
                    });
                } else if (dice < 65) {
                    long id = ctx.owned();
                    String email = value("e", id, version) + "@example.com";
                    String bio = ctx.random.nextInt(5) == 0 ? null : value("bio", id, version);
                    ctx.write("users:" + id, Arrays.asList("n-" + id, email, bio), version.equals("v1.1"), c -> {
                        switch (version) {
                            case "v1.0" -> exec1(c, "UPDATE users SET email = ?, bio = ? WHERE id = ?", email, bio,
                                    id);
                            case "v1.1" -> {
                                exec1(c, "UPDATE users SET email = ?, bio = ? WHERE id = ?", email, bio, id);
                                exec(c, upsert(pg), id, email, bio);
                            }
                            default -> exec(c, upsert(pg), id, email, bio);
                        }
                    });
                } else {
                    long id = ctx.owned();
                    ctx.read("users:" + id, id, version.equals("v1.2")
                            ? "SELECT email, bio FROM user_contacts WHERE id = ?"
                            : "SELECT email, bio FROM users WHERE id = ?", 1, 2);
                }
            };
        }

        @Override
        Map<String, List<String>> finalRows(TestDatabase db) {
            return keyed(db, "users", "SELECT u.id, u.name, c.email, c.bio FROM users u"
                    + " LEFT JOIN user_contacts c ON c.id = u.id");
        }

        @Override
        List<String> extraChecks(TestDatabase db) {
            long orphans = db.count("SELECT count(*) FROM user_contacts c WHERE NOT EXISTS"
                    + " (SELECT 1 FROM users u WHERE u.id = c.id)");
            long missing = db.count("SELECT count(*) FROM users u WHERE NOT EXISTS"
                    + " (SELECT 1 FROM user_contacts c WHERE c.id = u.id)");
            List<String> out = new ArrayList<>();
            if (orphans + missing > 0) {
                out.add("split: " + missing + " users without their user_contacts row, " + orphans + " orphans");
            }
            return out;
        }

        @Override
        List<String> tables() {
            return List.of("users");
        }
    }

    /** {@code add foreign key orders.user_id references users.id}: v1.0 inserts users and orders, updates orders. */
    static final class AddForeignKey extends KillScenario {
        static int users(int rows) {
            return Math.max(10, rows / 10);
        }

        @Override
        String name() {
            return "add-foreign-key";
        }

        @Override
        String schema(boolean pg) {
            return "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL);\n"
                    + "CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, qty INT NOT NULL);\n";
        }

        @Override
        String change(boolean pg) {
            return "add foreign key orders.user_id references users.id";
        }

        @Override
        void seed(TestDatabase db, int rows) {
            String g = "(10 * " + g(db) + ")";
            int users = users(rows);
            db.execute("INSERT INTO users (id, name) SELECT " + g + ", " + concat(db, "'n-'", g) + " FROM "
                    + series(db, users));
            db.execute("INSERT INTO orders (id, user_id, qty) SELECT " + g + ", (" + g(db) + " % " + users
                    + " + 1) * 10, " + g + " % 1000 FROM " + series(db, rows));
        }

        @Override
        List<Object> seeded(String key, int rows) {
            long id = id(key);
            int users = users(rows);
            if (table(key).equals("users")) {
                return seededId(id, users) ? List.of("n-" + id) : null;
            }
            return seededId(id, rows) ? List.of(String.valueOf((id / 10 % users + 1) * 10),
                    String.valueOf(id % 1000)) : null;
        }

        @Override
        List<String> seededKeys(int rows) {
            List<String> out = keys("users", 1, users(rows));
            out.addAll(keys("orders", 1, rows));
            return out;
        }

        @Override
        AppWriter.Version version(String version, boolean pg) {
            return ctx -> {
                int dice = ctx.dice();
                int seededUsers = users(ctx.seededRows());
                // users 2.. only: the lock-wait variant row-locks the smallest key of every table
                long user = 10 * (2 + ctx.random.nextInt(seededUsers - 1));
                long qty = ctx.random.nextInt(100_000);
                if (dice < 5) {
                    long id = ctx.newId("users");
                    String name = value("u", id, version);
                    ctx.write("users:" + id, List.of(name), false, c ->
                            exec(c, "INSERT INTO users (id, name) VALUES (?, ?)", id, name));
                } else if (dice < 20) {
                    long id = ctx.newId("orders");
                    ctx.write("orders:" + id, List.of(String.valueOf(user), String.valueOf(qty)), false, c ->
                            exec(c, "INSERT INTO orders (id, user_id, qty) VALUES (?, ?, ?)", id, user, qty));
                } else if (dice < 65) {
                    long id = ctx.owned();
                    ctx.write("orders:" + id, List.of(String.valueOf(user), String.valueOf(qty)), false, c ->
                            exec1(c, "UPDATE orders SET user_id = ?, qty = ? WHERE id = ?", user, qty, id));
                } else {
                    long id = ctx.owned();
                    ctx.read("orders:" + id, id, "SELECT user_id, qty FROM orders WHERE id = ?");
                }
            };
        }

        @Override
        Map<String, List<String>> finalRows(TestDatabase db) {
            Map<String, List<String>> out = new LinkedHashMap<>(keyed(db, "users", "SELECT id, name FROM users"));
            out.putAll(keyed(db, "orders", "SELECT id, user_id, qty FROM orders"));
            return out;
        }

        @Override
        String[] selfcheck() {
            return new String[] {"orders", "users", "name"};
        }

        @Override
        List<String> tables() {
            return List.of("users", "orders");
        }
    }

    /** {@code add unique users_email_key on users (email)}: v1.0 inserts and updates users with unique emails. */
    static final class AddUnique extends KillScenario {
        @Override
        String name() {
            return "add-unique";
        }

        @Override
        String schema(boolean pg) {
            return "CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(200) NOT NULL,"
                    + " name VARCHAR(100) NOT NULL);\n";
        }

        @Override
        String change(boolean pg) {
            return "add unique users_email_key on users (email)";
        }

        @Override
        void seed(TestDatabase db, int rows) {
            String g = "(10 * " + g(db) + ")";
            db.execute("INSERT INTO users (id, email, name) SELECT " + g + ", " + concat(db, "'u'", g,
                    "'@example.com'") + ", " + concat(db, "'n-'", g) + " FROM " + series(db, rows));
        }

        @Override
        List<Object> seeded(String key, int rows) {
            long id = id(key);
            return seededId(id, rows) ? List.of("u" + id + "@example.com", "n-" + id) : null;
        }

        @Override
        List<String> seededKeys(int rows) {
            return keys("users", 1, rows);
        }

        @Override
        AppWriter.Version version(String version, boolean pg) {
            return ctx -> {
                int dice = ctx.dice();
                if (dice < 15) {
                    long id = ctx.newId("users");
                    String email = "i" + id + "@example.com";
                    String name = value("ins", id, version);
                    ctx.write("users:" + id, List.of(email, name), false, c ->
                            exec(c, "INSERT INTO users (id, email, name) VALUES (?, ?, ?)", id, email, name));
                } else if (dice < 65) {
                    long id = ctx.owned();
                    String email = value("e", id, version) + "@example.com";
                    String name = value("upd", id, version);
                    ctx.write("users:" + id, List.of(email, name), false, c ->
                            exec1(c, "UPDATE users SET email = ?, name = ? WHERE id = ?", email, name, id));
                } else {
                    long id = ctx.owned();
                    ctx.read("users:" + id, id, "SELECT email, name FROM users WHERE id = ?");
                }
            };
        }

        @Override
        Map<String, List<String>> finalRows(TestDatabase db) {
            return keyed(db, "users", "SELECT id, email, name FROM users");
        }

        @Override
        List<String> tables() {
            return List.of("users");
        }
    }

    /**
     * {@link CompositeKeyChangeType} on a table partitioned by LIST (tenant_id) on PostgreSQL, one leaf per tenant
     * (tenant 2's partition sub-partitioned by hash): the backfill walks each leaf with its own cursor, and its
     * checkpoint moves to the next leaf when one is finished ({@code state=partition}). MariaDB keeps the plain table
     * (its backfill walks the table).
     */
    static final class PartitionedChangeType extends CompositeKeyChangeType {
        @Override
        String name() {
            return "partitioned-change-type";
        }

        @Override
        String schema(boolean pg) {
            if (!pg) {
                return super.schema(false);
            }
            return "CREATE TABLE entries (tenant_id INT NOT NULL, id BIGINT NOT NULL, name VARCHAR(100) NOT NULL,"
                    + " score INT NOT NULL DEFAULT 0, PRIMARY KEY (tenant_id, id)) PARTITION BY LIST (tenant_id);\n"
                    + "CREATE TABLE entries_t0 PARTITION OF entries FOR VALUES IN (0);\n"
                    + "CREATE TABLE entries_t1 PARTITION OF entries FOR VALUES IN (1);\n"
                    + "CREATE TABLE entries_t2 PARTITION OF entries FOR VALUES IN (2) PARTITION BY HASH (id);\n"
                    + "CREATE TABLE entries_t2_a PARTITION OF entries_t2 FOR VALUES WITH (MODULUS 2, REMAINDER 0);\n"
                    + "CREATE TABLE entries_t2_b PARTITION OF entries_t2 FOR VALUES WITH (MODULUS 2, REMAINDER 1);\n";
        }
    }
}
