package dev.migrationstrategist.strategy;

import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;

@Tag("postgres")
class MoveColumnsPostgresTest extends MoveColumnsScenarios {
    @Override
    TestDatabase database() {
        return TestDatabases.postgres();
    }

    @Override
    String dialect() {
        return "postgresql:15";
    }

    @Override
    String upsertProfile(long id, String bio, String avatar) {
        return "INSERT INTO user_profiles (user_id, bio, avatar_url) VALUES (" + id + ", '" + bio + "', '" + avatar
                + "') ON CONFLICT (user_id) DO UPDATE SET bio = EXCLUDED.bio, avatar_url = EXCLUDED.avatar_url";
    }
}
