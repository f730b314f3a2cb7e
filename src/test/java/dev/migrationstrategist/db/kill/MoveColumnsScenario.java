package dev.migrationstrategist.db.kill;

import dev.migrationstrategist.testing.TestDatabase;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.migrationstrategist.db.kill.AppWriter.exec;
import static dev.migrationstrategist.db.kill.AppWriter.exec1;

/**
 * {@code move columns bio, avatar_url from users to user_profiles}, where half the users have a profile row: v1.0
 * writes bio and avatar_url on users and twitter on the profile (creating it when missing), v1.1 writes the moved
 * values in both tables, v1.2 only in the profile; each version writes users first, then the profile, in one
 * transaction. A user's logical row is (email, twitter, bio, avatar_url); State B reads it from users joined to the
 * profile row every user has by then.
 */
final class MoveColumnsScenario extends KillScenario {
    @Override
    String name() {
        return "move-columns";
    }

    @Override
    String schema(boolean pg) {
        return "CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(100) NOT NULL, bio VARCHAR(200),"
                + " avatar_url VARCHAR(200) NOT NULL DEFAULT '');\n"
                + "CREATE TABLE user_profiles (user_id BIGINT PRIMARY KEY, twitter VARCHAR(50), CONSTRAINT"
                + " user_profiles_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE);\n";
    }

    @Override
    String change(boolean pg) {
        return "move columns bio, avatar_url from users to user_profiles";
    }

    @Override
    void seed(TestDatabase db, int rows) {
        String g = "(10 * " + g(db) + ")";
        db.execute("INSERT INTO users (id, email, bio, avatar_url) SELECT " + g + ", " + concat(db, "'u'", g) + ", CASE"
                        + " WHEN " + g(db) + " % 7 = 0 THEN NULL ELSE " + concat(db, "'bio-'", g) + " END, "
                        + concat(db, "'a-'", g) + " FROM " + series(db, rows),
                "INSERT INTO user_profiles (user_id, twitter) SELECT " + g + ", " + concat(db, "'t-'", g) + " FROM "
                        + series(db, rows) + " WHERE " + g(db) + " % 2 = 0");
    }

    @Override
    List<Object> seeded(String key, int rows) {
        long id = id(key);
        if (!seededId(id, rows)) {
            return null;
        }
        long g = id / 10;
        return Arrays.asList("u" + id, g % 2 == 0 ? "t-" + id : null, g % 7 == 0 ? null : "bio-" + id, "a-" + id);
    }

    @Override
    List<String> seededKeys(int rows) {
        return keys("users", 1, rows);
    }

    private static String upsertTwitter(boolean pg) {
        return pg ? "INSERT INTO user_profiles (user_id, twitter) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE"
                + " SET twitter = EXCLUDED.twitter"
                : "INSERT INTO user_profiles (user_id, twitter) VALUES (?, ?) ON DUPLICATE KEY UPDATE"
                + " twitter = VALUES(twitter)";
    }

    private static String upsertProfile(boolean pg) {
        return pg ? "INSERT INTO user_profiles (user_id, twitter, bio, avatar_url) VALUES (?, ?, ?, ?) ON CONFLICT"
                + " (user_id) DO UPDATE SET twitter = EXCLUDED.twitter, bio = EXCLUDED.bio,"
                + " avatar_url = EXCLUDED.avatar_url"
                : "INSERT INTO user_profiles (user_id, twitter, bio, avatar_url) VALUES (?, ?, ?, ?) ON DUPLICATE KEY"
                + " UPDATE twitter = VALUES(twitter), bio = VALUES(bio), avatar_url = VALUES(avatar_url)";
    }

    @Override
    AppWriter.Version version(String version, boolean pg) {
        return ctx -> {
            int dice = ctx.dice();
            long stamp = System.nanoTime() % 1_000_000;
            if (dice < 15) {
                long id = ctx.newId("users");
                String email = "i" + id + "@x";
                String twitter = ctx.random.nextInt(3) == 0 ? null : "t-" + id + "-" + version;
                String bio = ctx.random.nextInt(5) == 0 ? null : "bio-" + id + "-" + version + "-" + stamp;
                String avatar = "a-" + id + "-" + version + "-" + stamp;
                ctx.write("users:" + id, Arrays.asList(email, twitter, bio, avatar), true, c -> {
                    switch (version) {
                        case "v1.0" -> {
                            exec(c, "INSERT INTO users (id, email, bio, avatar_url) VALUES (?, ?, ?, ?)", id, email,
                                    bio, avatar);
                            if (twitter != null) {
                                exec(c, upsertTwitter(pg), id, twitter);
                            }
                        }
                        case "v1.1" -> {
                            exec(c, "INSERT INTO users (id, email, bio, avatar_url) VALUES (?, ?, ?, ?)", id, email,
                                    bio, avatar);
                            exec(c, upsertProfile(pg), id, twitter, bio, avatar);
                        }
                        default -> {
                            exec(c, "INSERT INTO users (id, email) VALUES (?, ?)", id, email);
                            exec(c, upsertProfile(pg), id, twitter, bio, avatar);
                        }
                    }
                });
            } else if (dice < 65) {
                long id = ctx.owned();
                String email = "u" + id;
                String twitter = "t-" + id + "-" + version + "-" + stamp;
                String bio = ctx.random.nextInt(5) == 0 ? null : "bio-" + id + "-" + version + "-" + stamp;
                String avatar = "a-" + id + "-" + version + "-" + stamp;
                ctx.write("users:" + id, Arrays.asList(email, twitter, bio, avatar), true, c -> {
                    switch (version) {
                        case "v1.0" -> {
                            exec1(c, "UPDATE users SET bio = ?, avatar_url = ? WHERE id = ?", bio, avatar, id);
                            exec(c, upsertTwitter(pg), id, twitter);
                        }
                        case "v1.1" -> {
                            exec1(c, "UPDATE users SET bio = ?, avatar_url = ? WHERE id = ?", bio, avatar, id);
                            exec(c, upsertProfile(pg), id, twitter, bio, avatar);
                        }
                        default -> exec(c, upsertProfile(pg), id, twitter, bio, avatar);
                    }
                });
            } else {
                long id = ctx.owned();
                ctx.read("users:" + id, id, version.equals("v1.2")
                        ? "SELECT u.email, p.twitter, p.bio, p.avatar_url FROM users u"
                        + " JOIN user_profiles p ON p.user_id = u.id WHERE u.id = ?"
                        : "SELECT u.email, p.twitter, u.bio, u.avatar_url FROM users u"
                        + " LEFT JOIN user_profiles p ON p.user_id = u.id WHERE u.id = ?");
            }
        };
    }

    @Override
    Map<String, List<String>> finalRows(TestDatabase db) {
        return keyed(db, "users", "SELECT u.id, u.email, p.twitter, p.bio, p.avatar_url FROM users u"
                + " LEFT JOIN user_profiles p ON p.user_id = u.id");
    }

    @Override
    List<String> extraChecks(TestDatabase db) {
        long missing = db.count("SELECT count(*) FROM users u WHERE NOT EXISTS"
                + " (SELECT 1 FROM user_profiles p WHERE p.user_id = u.id)");
        return missing == 0 ? List.of() : List.of("move: " + missing + " users without a profile row");
    }

    @Override
    String[] selfcheck() {
        return new String[] {"users", "user_profiles", "bio"};
    }

    @Override
    List<String> tables() {
        return List.of("users", "user_profiles");
    }
}
