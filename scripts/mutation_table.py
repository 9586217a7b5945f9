#!/usr/bin/python3
"""Summarises Stryker.NET json reports into the mutation table of docs/testing.md.

Usage: mutation_table.py REPORT_ROOT AREA=TARGET_PCT ...
Reads REPORT_ROOT/AREA/reports/mutation-report.json for each area. Counts: killed = Killed + Timeout; survived =
Survived + NoCoverage (a mutant no test reaches is a surviving defect too); compile errors and ignored mutants are
not mutants a test could kill and are left out. Score = killed / (killed + survived). Prints each survivor
(file:line mutator -> replacement) for triage, then the table rows; exits 1 when an area misses its target.
"""
import json
import os
import sys

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
    killed = survived = 0
    for file_name, file in report["files"].items():
        for m in file["mutants"]:
            status = m["status"]
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
    if score < float(target):
        below.append(f"{area} ({score:.1f} % < {target} %)")

print("| area | mutants | killed | survived | score |")
print("|---|---|---|---|---|")
for r in rows:
    print(r)
if below:
    print("below target: " + ", ".join(below))
    sys.exit(1)
