package dev.migrationstrategist.lint;

import java.util.Set;

/**
 * Which statements lint understands: the ones some rule judges (ALTER TABLE, CREATE/DROP INDEX, UPDATE, DELETE,
 * TRUNCATE, LOCK, REINDEX, VACUUM, CLUSTER, RENAME, ...) and the ones known to take no lock that matters to a
 * running app (transaction control, SET, CREATE of new objects, INSERT, SELECT, COMMENT, GRANT). Anything else
 * gets an {@code unrecognised-statement} note instead of silence.
 */
final class StatementKinds {
    /** First keywords of statements lint understands. */
    private static final Set<String> FIRST = Set.of("BEGIN", "START", "COMMIT", "ROLLBACK", "END", "SAVEPOINT",
            "RELEASE", "SET", "RESET", "SELECT", "VALUES", "WITH", "INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE",
            "TRUNCATE", "LOCK", "UNLOCK", "REINDEX", "VACUUM", "CLUSTER", "ANALYZE", "ANALYSE", "COMMENT", "GRANT",
            "REVOKE", "RENAME", "OPTIMIZE", "USE", "SHOW", "DESCRIBE", "EXPLAIN", "DISCARD", "NOTIFY", "LISTEN",
            "CHECKPOINT", "DO", "CALL", "REFRESH", "SECURITY", "PERFORM", "FLUSH", "DELIMITER", "COPY", "FETCH",
            "MOVE", "DECLARE", "CLOSE", "ABORT", "TABLE", "REASSIGN", "LOAD", "DESC", "HELP",
            "UNLISTEN", "PURGE", "XA");
    /** Objects a CREATE / DROP / ALTER may name that lint understands. */
    private static final Set<String> OBJECTS = Set.of("TABLE", "INDEX", "UNIQUE", "FULLTEXT", "SPATIAL", "VIEW",
            "MATERIALIZED", "FUNCTION", "PROCEDURE", "TRIGGER", "SEQUENCE", "TYPE", "EXTENSION", "SCHEMA", "DOMAIN",
            "ROLE", "USER", "POLICY", "RULE", "COLLATION", "AGGREGATE", "OPERATOR", "EVENT", "DATABASE", "PUBLICATION",
            "SUBSCRIPTION", "STATISTICS", "CAST", "TEXT", "SERVER", "FOREIGN", "TABLESPACE", "GROUP", "DEFINER",
            "ALGORITHM", "SQL", "OWNED", "DEFAULT", "LANGUAGE", "CONVERSION", "TRANSFORM", "ACCESS", "ROUTINE",
            "LARGE", "LOGFILE", "RESOURCE", "SPFILE");

    private StatementKinds() {
    }

    static boolean recognised(SqlStatement s) {
        if (s.size() == 0 || s.token(0).isSymbol("(") && s.matchesAt(1, "SELECT")) {
            return true;
        }
        String first = s.kw(0);
        if (FIRST.contains(first)) {
            return true;
        }
        if (first.equals("CREATE") || first.equals("DROP") || first.equals("ALTER")) {
            int i = s.skip(1, "OR", "REPLACE", "GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED", "RECURSIVE",
                    "TRUSTED", "PROCEDURAL", "CONSTRAINT", "IF", "NOT", "EXISTS");
            return OBJECTS.contains(s.kw(i));
        }
        return false;
    }
}
