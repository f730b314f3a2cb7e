package dev.migrationstrategist.report;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.PostgresDialect;

import java.util.List;

/**
 * What a migration tool's SQL file needs beyond the plan's statements, per engine family: how statements end, a stored
 * procedure that runs a backfill batch by batch with a commit after each, and a gate that fails the migration when a
 * count is not 0. PostgreSQL writes PL/pgSQL (procedures with COMMIT need PostgreSQL 11+); MySQL and MariaDB write
 * their compound statements between {@code DELIMITER $$} lines, which Flyway reads.
 */
sealed interface ScriptSyntax permits ScriptSyntax.Postgres, ScriptSyntax.MySql {
    /** The syntax for {@code dialect}'s family: the one place that asks which family it is. */
    static ScriptSyntax of(Dialect dialect) {
        return dialect instanceof PostgresDialect ? new Postgres() : new MySql();
    }

    /** The file's text from its statements (the plan's as rendered, with their terminator where they have one). */
    String file(List<String> statements);

    /**
     * A procedure that walks the key range in batches and commits after each, then its CALL and DROP.
     *
     * @param minKey      the smallest key (a scalar query)
     * @param firstNext   the first batch's upper key, from {@code v_last_id} included (a scalar query)
     * @param nextKey     a later batch's upper key, after {@code v_last_id} (a scalar query)
     * @param firstBatch  the first batch's statement ({@code key >= v_last_id AND key <= v_next_id})
     * @param batch       a later batch's statement ({@code key > v_last_id AND key <= v_next_id})
     */
    List<String> backfill(String name, String keyType, int batchSize, String minKey, String firstNext,
                          String nextKey, String firstBatch, String batch);

    /** Statements that fail with {@code message} unless {@code countQuery} returns 0. */
    List<String> gate(String name, String countQuery, String message);

    /** The prefix the procedure variables carry (the plan's parameters become {@code v_last_id}, ...). */
    String VARIABLES = "v_";

    final class Postgres implements ScriptSyntax {
        @Override
        public String file(List<String> statements) {
            return String.join("\n\n", statements) + "\n";
        }

        @Override
        public List<String> backfill(String name, String keyType, int batchSize, String minKey, String firstNext,
                                     String nextKey, String firstBatch, String batch) {
            String body = String.join("\n",
                    "DECLARE",
                    "  v_last_id " + keyType + ";",
                    "  v_next_id " + keyType + ";",
                    "  v_batch_size integer := " + batchSize + ";",
                    "BEGIN",
                    "  v_last_id := (" + minKey + ");",
                    "  IF v_last_id IS NULL THEN",
                    "    RETURN;",
                    "  END IF;",
                    "  v_next_id := (" + firstNext + ");",
                    "  " + firstBatch + ";",
                    "  COMMIT;",
                    "  LOOP",
                    "    v_last_id := v_next_id;",
                    "    v_next_id := (" + nextKey + ");",
                    "    EXIT WHEN v_next_id IS NULL;",
                    "    " + batch + ";",
                    "    COMMIT;",
                    "  END LOOP;",
                    "END");
            return List.of("CREATE OR REPLACE PROCEDURE " + name + "() LANGUAGE plpgsql AS $strategist$\n" + body
                            + "\n$strategist$;",
                    "CALL " + name + "();",
                    "DROP PROCEDURE " + name + "();");
        }

        @Override
        public List<String> gate(String name, String countQuery, String message) {
            return List.of("DO $strategist$\nBEGIN\n  IF (" + countQuery + ") <> 0 THEN\n    RAISE EXCEPTION '%', "
                    + literal(message) + ";\n  END IF;\nEND\n$strategist$;");
        }
    }

    final class MySql implements ScriptSyntax {
        @Override
        public String file(List<String> statements) {
            StringBuilder out = new StringBuilder("DELIMITER $$\n\n");
            statements.forEach(s -> out.append(s).append("$$\n\n"));
            return out.append("DELIMITER ;\n").toString();
        }

        @Override
        public List<String> backfill(String name, String keyType, int batchSize, String minKey, String firstNext,
                                     String nextKey, String firstBatch, String batch) {
            String body = String.join("\n",
                    "BEGIN",
                    "  DECLARE v_last_id " + keyType + ";",
                    "  DECLARE v_next_id " + keyType + ";",
                    "  DECLARE v_batch_size INT DEFAULT " + batchSize + ";",
                    "  SET v_last_id = (" + minKey + ");",
                    "  IF v_last_id IS NOT NULL THEN",
                    "    SET v_next_id = (" + firstNext + ");",
                    "    " + firstBatch + ";",
                    "    COMMIT;",
                    "    batches: LOOP",
                    "      SET v_last_id = v_next_id;",
                    "      SET v_next_id = (" + nextKey + ");",
                    "      IF v_next_id IS NULL THEN",
                    "        LEAVE batches;",
                    "      END IF;",
                    "      " + batch + ";",
                    "      COMMIT;",
                    "    END LOOP batches;",
                    "  END IF;",
                    "END");
            return List.of("DROP PROCEDURE IF EXISTS " + name, "CREATE PROCEDURE " + name + "()\n" + body,
                    "CALL " + name + "()", "DROP PROCEDURE " + name);
        }

        @Override
        public List<String> gate(String name, String countQuery, String message) {
            return List.of("DROP PROCEDURE IF EXISTS " + name,
                    "CREATE PROCEDURE " + name + "()\nBEGIN\n  IF (" + countQuery + ") <> 0 THEN\n"
                            + "    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = " + literal(cut(message)) + ";\n"
                            + "  END IF;\nEND",
                    "CALL " + name + "()", "DROP PROCEDURE " + name);
        }

        /** MySQL's MESSAGE_TEXT holds at most 128 characters. */
        private static String cut(String message) {
            return message.length() <= 128 ? message : message.substring(0, 125) + "...";
        }
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
