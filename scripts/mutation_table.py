#!/usr/bin/python3
"""Summarises Stryker.NET json reports into the mutation table of docs/testing.md.

Usage: mutation_table.py REPORT_ROOT AREA=TARGET_PCT ...
       mutation_table.py --spans REPORT_ROOT AREA      (the --mutate patterns of AREA's surviving lines)
Reads REPORT_ROOT/AREA/reports/mutation-report.json for each area. Counts: killed = Killed + Timeout; survived =
Survived + NoCoverage (a mutant no test reaches is a surviving defect too); compile errors and ignored mutants are
not mutants a test could kill and are left out. Score = killed / (killed + survived). Prints each survivor
(file:line mutator -> replacement) for triage, then the table rows; exits 1 when an area misses its target.

A confirmation run (scripts/mutation.sh --survivors AREA) mutates only the lines that held survivors, with the tests
added since, into REPORT_ROOT/AREA.confirm; when that report exists its statuses replace the first run's for the same
mutants (same file, position, mutator and replacement). Tests are only ever added between the two runs, so a mutant
killed in the first run stays killed.
"""
import json
import os
import sys


def load(path):
    return json.load(open(path)) if os.path.exists(path) else None


def key(file_name, m):
    loc = m["location"]
    return (file_name.split("/GluteSense.")[-1], loc["start"]["line"], loc["start"]["column"], loc["end"]["line"],
            loc["end"]["column"], m["mutatorName"], m.get("replacement", ""))


if sys.argv[1] == "--spans":
    # One --mutate pattern per file: the character spans (Stryker's {start..end}) of every line holding a survivor.
    report = load(os.path.join(sys.argv[2], sys.argv[3], "reports", "mutation-report.json"))
    for file_name, file in report["files"].items():
        ranges = sorted({(m["location"]["start"]["line"], m["location"]["end"]["line"])
                         for m in file["mutants"] if m["status"] in ("Survived", "NoCoverage")})
        if not ranges:
            continue
        starts = [0]
        for line in file["source"].split("\n"):
            starts.append(starts[-1] + len(line) + 1)
        # Whole lines from the survivor's first to its last (a mutant is re-run when its span lies inside one).
        spans = "".join(f"{{{starts[first - 1]}..{starts[last] - 1}}}" for first, last in ranges)
        print(f"**/{os.path.basename(file_name)}{spans}")
    sys.exit(0)

root, specs = sys.argv[1], sys.argv[2:]
rows, below = [], []
for spec in specs:
    area, target = spec.split("=")
    path = os.path.join(root, area, "reports", "mutation-report.json")
    if not os.path.exists(path):
        rows.append(f"| {area} | no report | | | |")
        below.append(area)
        continue
    report = json.load(open(path))
    confirm = load(os.path.join(root, area + ".confirm", "reports", "mutation-report.json"))
    rerun = {}
    if confirm:
        for file_name, file in confirm["files"].items():
            for m in file["mutants"]:
                if m["status"] not in ("Ignored", "CompileError"):
                    rerun[key(file_name, m)] = m["status"]
    killed = survived = confirmed = 0
    for file_name, file in report["files"].items():
        for m in file["mutants"]:
            status = m["status"]
            if status in ("Survived", "NoCoverage") and key(file_name, m) in rerun:
                status = rerun[key(file_name, m)]
                confirmed += 1
            if status in ("Killed", "Timeout"):
                killed += 1
            elif status in ("Survived", "NoCoverage"):
                survived += 1
                line = m["location"]["start"]["line"]
                short = file_name.split("/GluteSense.")[-1]
                print(f"survivor {area}: {short}:{line} {status} {m['mutatorName']}: {m.get('replacement', '')!r}")
    total = killed + survived
    score = 100.0 * killed / total if total else 0.0
    rows.append(f"| {area} | {total} | {killed} | {survived} | {score:.1f} % |")
    if confirm:
        print(f"{area}: {confirmed} survivors of the first run re-run in {area}.confirm")
    if score < float(target):
        below.append(f"{area} ({score:.1f} % < {target} %)")

print("| area | mutants | killed | survived | score |")
print("|---|---|---|---|---|")
for r in rows:
    print(r)
if below:
    print("below target: " + ", ".join(below))
    sys.exit(1)
