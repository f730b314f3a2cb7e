#!/usr/bin/env bash
# Runs the backfill benchmark: strategist's batched backfill vs a single UPDATE, same run, same data.
# Usage: bench/backfill/run.sh [JDBC_URL] [ROWS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/../.."
(cd "$root" && mvn -q -o -B -DskipTests package >/dev/null 2>&1 || mvn -q -B -DskipTests package >/dev/null)
cp="$root/target/migration-strategist.jar"
exec java -cp "$cp" "$here/BackfillBench.java" "$@"
