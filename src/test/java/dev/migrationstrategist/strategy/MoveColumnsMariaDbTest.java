package dev.migrationstrategist.strategy;

import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;

@Tag("mariadb")
class MoveColumnsMariaDbTest extends MoveColumnsScenarios {
    @Override
    TestDatabase database() {
        return TestDatabases.mariadb();
    }

    @Override
    String dialect() {
        return "mariadb:10.11";
    }

    @Override
    String upsertProfile(long id, String bio, String avatar) {
        return "INSERT INTO user_profiles (user_id, bio, avatar_url) VALUES (" + id + ", '" + bio + "', '" + avatar
                + "') ON DUPLICATE KEY UPDATE bio = VALUES(bio), avatar_url = VALUES(avatar_url)";
    }
}
