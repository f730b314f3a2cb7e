#!/usr/bin/env bash
# Lint benchmark: generates 1,000 labelled PostgreSQL migration files, then times strategist lint (cold JVM every
# run, with the JVM options and class-data sharing archive ./strategist uses) and squawk (the one on the PATH, else
# installed from npm into a temporary folder) on the same files, in turn, and scores both against the labels.
# usage: bench/lint/run.sh [FILES] [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
files="${1:-1000}"
runs="${2:-5}"
work="$(mktemp -d)"
corpus="$work/corpus"
python3 "$here/gen_corpus.py" "$corpus" "$files"
"$root/strategist" --version >/dev/null   # builds the jar and its CDS archive if needed, outside the timings
jar="$root/target/migration-strategist.jar"
opts="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Xlog:disable -Xlog:all=warning:stderr"
if [ -f "$jar.jsa" ]; then
  opts="$opts -XX:SharedArchiveFile=$jar.jsa"
else
  echo "note: no CDS archive at $jar.jsa: strategist starts without it"
fi
if [ -z "${SQUAWK:-}" ] && ! command -v squawk >/dev/null; then
  if (cd "$work" && npm install --silent --no-audit --no-fund squawk-cli >/dev/null 2>&1); then
    export SQUAWK="$work/node_modules/.bin/squawk"
  fi
fi
python3 "$here/compare.py" "$corpus" "java $opts -jar $jar" "$runs"
echo "corpus kept in $corpus"
