#!/usr/bin/env bash
# The GitHub Action's logic (action.yml at the repository root calls it): lint the migrations a pull request changes
# with a released Migration Strategist jar and leave SARIF for github/codeql-action/upload-sarif.
#
# Environment (the action sets it from its inputs; you can run it by hand the same way):
#   STRATEGIST_BASE        the revision the PR is compared with (the PR's base commit)            required
#   STRATEGIST_PATHS       migration folders or files, separated by spaces       default src/main/resources/db/migration
#   STRATEGIST_VERSION     the release to download                                 default 0.1.0
#   STRATEGIST_JAR_URL     where to download it; {version} is replaced   default the GitHub release asset
#   STRATEGIST_JAR         a jar already on disk (no download)
#   STRATEGIST_DIALECT     postgresql, mysql or mariadb with a version (else .strategist.yaml, else postgresql)
#   STRATEGIST_CONFIG      the lint configuration file (else .strategist.yaml when there is one)
#   STRATEGIST_SCHEMA      State A as DDL
#   STRATEGIST_SARIF       where the SARIF goes                                    default strategist-lint.sarif
#   STRATEGIST_DEFER_EXIT  1: exit 0 when lint only found errors (the action fails later, after the upload)
# Outputs (appended to $GITHUB_OUTPUT when set): exit-code (0 clean, 1 errors found), sarif-file.
# Exit: lint's (0 clean, 1 a finding at error severity), 2 for invalid input (a missing base commit, a bad option,
# a failed download), with one line on stderr saying what.
set -euo pipefail

fail() { echo "strategist-lint: $*" >&2; exit 2; }

base="${STRATEGIST_BASE:-}"
[ -n "$base" ] || fail "no base revision: set the action's 'base' input (default github.event.pull_request.base.sha; on a push, github.event.before)"
read -r -a paths <<< "${STRATEGIST_PATHS:-src/main/resources/db/migration}"
version="${STRATEGIST_VERSION:-0.1.0}"
sarif="${STRATEGIST_SARIF:-strategist-lint.sarif}"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
  fail "base revision $base is not in this clone: check out with 'fetch-depth: 0' (actions/checkout) or fetch it"
fi

jar="${STRATEGIST_JAR:-}"
if [ -z "$jar" ]; then
  url='https://github.com/migration-strategist/migration-strategist/releases/download/v{version}/migration-strategist-{version}-cli.jar'
  [ -n "${STRATEGIST_JAR_URL:-}" ] && url="$STRATEGIST_JAR_URL"
  placeholder='{version}'
  url="${url//"$placeholder"/$version}"
  jar="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/migration-strategist-$version-cli.jar"
  if [ ! -s "$jar" ]; then
    curl -fsSL --retry 3 -o "$jar.part" "$url" || fail "cannot download $url"
    mv "$jar.part" "$jar"
  fi
fi
[ -f "$jar" ] || fail "no jar at $jar"

args=(lint --changed-since "$base")
[ -n "${STRATEGIST_DIALECT:-}" ] && args+=(--dialect "$STRATEGIST_DIALECT")
[ -n "${STRATEGIST_CONFIG:-}" ] && args+=(--config "$STRATEGIST_CONFIG")
[ -n "${STRATEGIST_SCHEMA:-}" ] && args+=(--schema "$STRATEGIST_SCHEMA")

# SARIF for code scanning; the github format for annotations on the PR's diff (also without code scanning)
set +e
"$java_bin" -jar "$jar" "${args[@]}" --format sarif "${paths[@]}" > "$sarif"
rc=$?
set -e
if [ "$rc" -ge 2 ]; then
  rm -f "$sarif"
  exit "$rc"
fi
"$java_bin" -jar "$jar" "${args[@]}" --format github "${paths[@]}" || true

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "exit-code=$rc"; echo "sarif-file=$sarif"; } >> "$GITHUB_OUTPUT"
fi
if [ "$rc" = 1 ]; then
  echo "strategist-lint: a changed migration has a finding at error severity (see the annotations or $sarif)" >&2
  [ "${STRATEGIST_DEFER_EXIT:-0}" = 1 ] && exit 0
fi
exit "$rc"
