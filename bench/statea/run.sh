#!/usr/bin/env bash
# State A on production-size schemas against the targets of issue 15: reading a 3 MB pg_dump file (1,500 tables),
# plan --to between two such states, lint --schema, and plan --db on 2,000 tables, each beside pg_dump --schema-only
# of the same database, same run, through the launcher (its JVM options and start-up archive). About 3-5 minutes.
# Usage: bench/statea/run.sh [TABLES [DB_TABLES [PG_HOST [PG_PORT]]]]  (defaults 1500 2000 127.0.0.1 5432)
# The scratch database is strategist_bench_statea, or STATEA_DB; it is dropped at the end.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
(cd "$root" && mvn -q -o -B -DskipTests package >/dev/null 2>&1 || mvn -q -B -DskipTests package >/dev/null)
(cd "$root" && mvn -q -o -B test-compile >/dev/null 2>&1 || mvn -q -B test-compile >/dev/null)
cp="$root/target/migration-strategist.jar:$root/target/test-classes"
exec java -cp "$cp" "$here/StateABench.java" "$root/strategist" "$@"
