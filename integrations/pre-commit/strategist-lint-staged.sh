#!/usr/bin/env bash
# Pre-commit hook: lint the SQL migrations being committed, as they are staged, and refuse the commit when one has a
# finding at error severity. The rest of each migration folder (as staged) is read as history, not judged.
#
# Two ways to use it (docs/ci.md):
#   plain git:   cp integrations/pre-commit/strategist-lint-staged.sh .git/hooks/pre-commit   (no arguments: it asks
#                git for the staged *.sql files)
#   pre-commit:  the hook 'strategist-lint' in .pre-commit-hooks.yaml (pre-commit passes the staged files as
#                arguments); lint options go in 'args' as single words: --dialect=postgresql:15, --config=FILE
# How strategist runs: $STRATEGIST (a command), else $STRATEGIST_JAR (java -jar), else 'strategist' on the PATH,
# else the launcher of the Migration Strategist clone this script is in (it builds its jar on first use).
# Extra lint options also from $STRATEGIST_LINT_ARGS (words separated by spaces).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(git rev-parse --show-toplevel)"
cd "$top"

options=()
files=()
for a in "$@"; do
  case "$a" in
    --*) options+=("$a") ;;
    *) files+=("$a") ;;
  esac
done
if [ -n "${STRATEGIST_LINT_ARGS:-}" ]; then
  read -r -a extra <<< "$STRATEGIST_LINT_ARGS"
  options+=("${extra[@]}")
fi
if [ "${#files[@]}" = 0 ] && [ "${PRE_COMMIT:-}" != 1 ]; then
  # a plain git hook: the staged SQL files (added, copied, modified, renamed)
  files=()
  while IFS= read -r -d '' f; do files+=("$f"); done \
    < <(git diff --cached --name-only --diff-filter=ACMR -z -- '*.sql' '*.SQL')
fi
[ "${#files[@]}" -gt 0 ] || exit 0

if [ -n "${STRATEGIST:-}" ]; then
  read -r -a run <<< "$STRATEGIST"
elif [ -n "${STRATEGIST_JAR:-}" ]; then
  run=("${JAVA_HOME:+$JAVA_HOME/bin/}java" -jar "$STRATEGIST_JAR")
elif command -v strategist >/dev/null 2>&1; then
  run=(strategist)
elif [ -x "$here/../../strategist" ]; then
  run=("$here/../../strategist")
else
  echo "strategist-lint: cannot find strategist: put it on the PATH or set STRATEGIST_JAR" >&2
  exit 2
fi

# the staged content of every file in the folders of the staged migrations (and the lint configuration), copied
# out of the index: what is linted is what the commit will hold, not the working tree
staged="$(mktemp -d "${TMPDIR:-/tmp}/strategist-staged.XXXXXX")"
trap 'rm -rf "$staged"' EXIT
dirs=()
for f in "${files[@]}"; do
  d="$(dirname "$f")"
  case " ${dirs[*]-} " in *" $d "*) ;; *) dirs+=("$d") ;; esac
done
git ls-files -z -- "${dirs[@]}" .strategist.yaml | git checkout-index -z --stdin --prefix="$staged/"

args=(lint "${options[@]}")
for f in "${files[@]}"; do args+=(--new "$f"); done
set +e
(cd "$staged" && "${run[@]}" "${args[@]}" "${dirs[@]}")
rc=$?
set -e
if [ "$rc" = 1 ]; then
  echo "strategist-lint: commit refused: a staged migration has a finding at error severity (fix it, or suppress" \
       "one finding with '-- strategist:ignore RULE reason' above its statement)" >&2
fi
exit "$rc"
