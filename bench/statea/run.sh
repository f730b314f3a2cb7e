#!/usr/bin/env bash
# State A on production-size schemas: reading a pg_dump file, plan --to between two such states, lint --schema, and
# plan --db, each beside pg_dump --schema-only of the same database, same run.
# Usage: bench/statea/run.sh [TABLES] [PG_HOST] [PG_PORT]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/../.."
(cd "$root" && mvn -q -o -B -DskipTests package >/dev/null 2>&1 || mvn -q -B -DskipTests package >/dev/null)
(cd "$root" && mvn -q -o -B test-compile >/dev/null 2>&1 || mvn -q -B test-compile >/dev/null)
cp="$root/target/migration-strategist.jar:$root/target/test-classes"
exec java -cp "$cp" "$here/StateABench.java" "$root/target/migration-strategist.jar" "$@"
