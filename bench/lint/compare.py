#!/usr/bin/env python3
"""Times strategist lint and squawk on the same corpus, cold process each run, and scores both against the labels.

usage: compare.py CORPUS_DIR STRATEGIST_CMD [RUNS]
  STRATEGIST_CMD: how to start strategist, e.g. "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar target/migration-strategist.jar"
  squawk: $SQUAWK, else the one on the PATH
Prints wall-clock and CPU times (min / median / max over RUNS cold runs; the two tools alternate run by run, so a
busy machine slows both alike) for the whole corpus and for one file, and, per tool, the files it flags against the
labels: true positives, false alarms, misses, precision, recall and accuracy, overall and per case.
"""
import collections
import glob
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time


def timed_once(cmd):
    """Wall and CPU (user + system of the child) seconds of one cold run."""
    before = os.times()
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu, p


def timed_pair(cmd_a, cmd_b, runs):
    """Runs A and B in turn RUNS times (after one warm-up each for the file cache); their times and last outputs."""
    timed_once(cmd_a)
    if cmd_b:
        timed_once(cmd_b)
    a, b = [], []
    pa = pb = None
    for _ in range(runs):
        w, c, pa = timed_once(cmd_a)
        a.append((w, c))
        if cmd_b:
            w, c, pb = timed_once(cmd_b)
            b.append((w, c))
    return a, pa, b, pb


def describe(name, times, p):
    walls = [w for w, _ in times]
    cpus = [c for _, c in times]
    return (f"{name}: wall min {min(walls):.3f} s, median {statistics.median(walls):.3f} s, max {max(walls):.3f} s;"
            f" cpu median {statistics.median(cpus):.3f} s ({len(times)} cold runs, exit {p.returncode})")


def score(name, flagged, labels):
    tp = fp = fn = tn = 0
    per_case = collections.defaultdict(lambda: [0, 0])
    for f, (label, case, _by) in labels.items():
        hit = f in flagged
        per_case[case][0] += 1
        per_case[case][1] += hit
        if label == "warn":
            continue  # worth a warning, not a failed build (issue 4: flagging every missing timeout is crying wolf)
        if label == "unsafe":
            tp += hit
            fn += not hit
        else:
            fp += hit
            tn += not hit
    total = tp + fp + fn + tn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"{name}: flags {tp + fp} of {total} files; correct on {tp + tn} ({(tp + tn) / total:.1%}); "
          f"unsafe caught {tp}/{tp + fn} (recall {recall:.1%}); false alarms on safe files {fp}/{fp + tn}; "
          f"precision {precision:.1%}")
    return per_case


def main():
    corpus = sys.argv[1]
    strategist = shlex.split(sys.argv[2])
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    labels = {}
    with open(os.path.join(corpus, "labels.tsv")) as f:
        for line in f:
            name, label, case, by = line.rstrip("\n").split("\t")
            labels[name] = (label, case, by)
    files = sorted(glob.glob(os.path.join(corpus, "*.sql")))
    print(f"corpus: {len(files)} files, {sum(1 for v in labels.values() if v[0] == 'unsafe')} labelled unsafe")

    schema = os.path.join(os.path.dirname(os.path.abspath(corpus)), "schema.sql")
    squawk = os.environ.get("SQUAWK") or shutil.which("squawk")
    ours_cmd = strategist + ["lint", "--dialect", "postgresql:15", "--schema", schema, "--format", "json", corpus]
    squawk_cmd = [squawk, "--pg-version=15.0", "--reporter", "gcc"] + files if squawk else None
    t, p, ts, ps = timed_pair(ours_cmd, squawk_cmd, runs)
    print(describe(f"strategist lint, {len(files)} files", t, p))
    if squawk:
        version = subprocess.run([squawk, "--version"], capture_output=True, text=True).stdout.strip()
        print(describe(f"{version}, {len(files)} files", ts, ps))
    one = files[-1]
    t1, p1, ts1, _ = timed_pair(strategist + ["lint", "--dialect", "postgresql:15", one],
                                [squawk, "--pg-version=15.0", "--reporter", "gcc", one] if squawk else None, runs)
    print(describe(f"strategist lint, 1 file ({os.path.basename(one)})", t1, p1))
    if squawk:
        print(describe("squawk, 1 file", ts1, _))
    findings = json.loads(p.stdout)
    # A file counts as flagged when it would fail the build: a finding at error severity (exit 1). Warnings
    # (e.g. a widening that changes the result type prepared statements see) are reported, not counted.
    ours = {os.path.basename(x["file"]) for x in findings if x.get("severity") == "error"}
    warned = {os.path.basename(x["file"]) for x in findings} - ours
    print(f"strategist lint: {len(warned)} more files have only warnings (not counted as flagged)")
    cases_ours = score("strategist lint", ours, labels)
    warn_files = [f for f, (label, _c, _b) in labels.items() if label == "warn"]
    print(f"strategist lint: files labelled 'warn' (a missing lock timeout alone) reported as a warning:"
          f" {sum(1 for f in warn_files if f in warned)}/{len(warn_files)}, failing the build:"
          f" {sum(1 for f in warn_files if f in ours)}")

    cases_squawk = None
    if squawk:
        theirs = {os.path.basename(line.split(":", 1)[0]) for line in ps.stdout.splitlines() if ".sql:" in line}
        cases_squawk = score("squawk", theirs, labels)
    else:
        print("squawk: not installed (npm install squawk-cli, then SQUAWK=node_modules/.bin/squawk), skipped")

    print()
    print(f"{'case':42} {'label':7} {'caught by':10} {'files':>5} {'strategist':>10} {'squawk':>7}")
    seen = {}
    for name, (label, case, by) in labels.items():
        seen.setdefault(case, (label, by))
    for case, (label, by) in seen.items():
        n, ours_hits = cases_ours[case]
        sq = cases_squawk[case][1] if cases_squawk else "-"
        print(f"{case:42} {label:7} {by:10} {n:5} {ours_hits:10} {sq:>7}")


if __name__ == "__main__":
    main()
