package dev.migrationstrategist.proof;

import dev.migrationstrategist.rederive.Rederivation;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.plan.SyncMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unedited plans of the common change kinds, written by phrases and naive SQL (the spellings users write), large and
 * small tables, trigger and app sync, on PostgreSQL and MariaDB: each plans again to exactly its own steps.
 */
class RederivationKindsTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String SCHEMA = """
            CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(255), email VARCHAR(255) NOT NULL,
                score INT DEFAULT 0, bio TEXT, created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP);
            CREATE INDEX users_name_idx ON users (name);
            CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, total NUMERIC(12, 2) NOT NULL);
            """;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ALTER TABLE users RENAME COLUMN name TO full_name",
            "rename column users.name to full_name type varchar(320)",
            "ALTER TABLE users ALTER COLUMN score TYPE bigint",
            "change type of orders.total to numeric(14,4)",
            "ALTER TABLE users ADD COLUMN status varchar(20) NOT NULL DEFAULT 'active'",
            "add column users.tag varchar(10) not null default 'x'",
            "split table users columns bio, email into user_contacts",
            "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id)",
            "add foreign key orders.user_id references users.id",
            "CREATE UNIQUE INDEX users_email_key ON users (email)",
            "create index orders_total_idx on orders (total)"})
    void anUneditedPlanPlansAgainToItself(String change) throws Exception {
        for (String dialect : new String[] {"postgresql:15", "postgresql:11", "mariadb:10.11", "mariadb:10.3",
                "mysql:8.0"}) {
            for (SyncMode sync : SyncMode.values()) {
                for (long rows : new long[] {-1, 500}) {
                    Strategist.Builder b = Strategist.configure().dialect(dialect).sync(sync).schemaSql(SCHEMA);
                    if (rows >= 0) {
                        b.rows("users", rows).rows("orders", rows);
                    }
                    String json = b.load().plan(change).json();
                    PlanEvidence evidence = PlanEvidence.read(MAPPER.readTree(json), "plan");
                    String where = change + " on " + dialect + " sync " + sync + " rows " + rows;
                    assertThat(evidence.computedFingerprint()).as(where).isEqualTo(evidence.fingerprint());
                    assertThat(Rederivation.firstDifference(evidence)).as(where).isEmpty();
                }
            }
        }
    }
}
