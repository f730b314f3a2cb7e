#!/usr/bin/env bash
# Lint benchmark: generates 1,000 labelled PostgreSQL migration files, then times strategist lint (cold JVM every
# run) and squawk (if installed: npm install -g squawk-cli) on the same files and scores both against the labels.
# usage: bench/lint/run.sh [FILES] [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
files="${1:-1000}"
runs="${2:-5}"
corpus="$(mktemp -d)/corpus"
python3 "$here/gen_corpus.py" "$corpus" "$files"
"$root/strategist" --version >/dev/null   # builds the jar if needed, outside the timings
jar="$root/target/migration-strategist.jar"
python3 "$here/compare.py" "$corpus" "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar $jar" "$runs"
echo "corpus kept in $corpus"
