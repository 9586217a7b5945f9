#!/usr/bin/python3
"""Phase-boundary error against observable boundaries: the same analysis scored against the instant each phase's true
rate first reaches (start) or last leaves (end) a fraction of that phase's peak rate, instead of the mathematical
instant its profile leaves zero. Input for the decision issue 15 leaves to the target's owner (docs/analysis.md,
"Independent generator"): which boundary is the target about? It changes neither the analysis nor score.py's targets.

  /usr/bin/python3 tests/independent/observable_boundaries.py ROOT [--fractions 0,0.01,0.02] [--json]

ROOT holds recording folders (ROOT/<scenario>/<exercise>/s<seed> from make_recordings.py --batch) with analysis.json
(score.py --analyze writes it). The true rate is re-planned from the truth's seed (boundary_misses.replan), so only
recordings made without --set-seed and other options that change the plan can be scored. Fraction 0 is score.py's own
boundary (the truth's, where the profile starts). Per scenario and exercise: boundary error median / p95 (ms) per fraction.
"""
import argparse
import json
import os
import sys

import numpy as np

from boundary_misses import replan
from score import TARGET_BOUNDARY_MEDIAN_MS, TARGET_BOUNDARY_P95_MS, match


def observable(t, rate, start_s, end_s, fraction):
    """First and last instant in [start_s, end_s] where |rate| reaches fraction x the phase's peak |rate|."""
    inside = (t >= start_s) & (t <= end_s)
    speed = np.abs(rate[inside])
    moving = t[inside][speed >= fraction * speed.max()]
    return moving[0], moving[-1]


def errors_ms(folder, fractions):
    truth = json.load(open(os.path.join(folder, "independent_truth.json")))
    found = json.load(open(os.path.join(folder, "analysis.json")))
    t, rate = replan(truth)
    out = {f: [] for f in fractions}
    pairs, _ = match(truth["reps"], found["reps"])
    for tr, fr in pairs:
        if fr is None or tr["kind"] != "full" or fr["partial"]:
            continue
        ours = [fr["start_s"], fr["phases"][0]["end_s"], fr["phases"][-1]["start_s"], fr["end_s"]]
        for f in fractions:
            true = [tr["start_s"], tr["outward_end_s"], tr["return_start_s"], tr["end_s"]] if f == 0 else \
                [*observable(t, rate, tr["start_s"], tr["outward_end_s"], f), *observable(t, rate, tr["return_start_s"], tr["end_s"], f)]
            out[f] += [1000 * abs(a - b) for a, b in zip(ours, true)]
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("root")
    ap.add_argument("--fractions", default="0,0.01,0.02", help="fractions of each phase's peak rate")
    ap.add_argument("--json", action="store_true", help="one JSON line per row instead of the markdown table")
    a = ap.parse_args(argv)
    fractions = [float(v) for v in a.fractions.split(",")]
    if not a.json:
        print("| scenario | exercise | " + " | ".join(f"boundary error median / p95 (ms), {100 * f:g} % of peak rate" for f in fractions) + " |")
        print("|---|---|" + "---|" * len(fractions))
    met = {f: 0 for f in fractions}
    rows = 0
    for scenario in sorted(d for d in os.listdir(a.root) if os.path.isdir(os.path.join(a.root, d))):
        for exercise in sorted(d for d in os.listdir(os.path.join(a.root, scenario)) if os.path.isdir(os.path.join(a.root, scenario, d))):
            base = os.path.join(a.root, scenario, exercise)
            errs = {f: [] for f in fractions}
            for name in sorted(os.listdir(base)):
                if os.path.exists(os.path.join(base, name, "analysis.json")):
                    for f, e in errors_ms(os.path.join(base, name), fractions).items():
                        errs[f] += e
            if not errs[fractions[0]]:
                continue            # not a batch row (no scored recording in it)
            cells, row = [], {"scenario": scenario, "exercise": exercise, "fractions": []}
            for f in fractions:
                median, p95 = np.median(errs[f]), np.percentile(errs[f], 95)
                ok = median <= TARGET_BOUNDARY_MEDIAN_MS and p95 <= TARGET_BOUNDARY_P95_MS
                met[f] += ok
                cells.append(f"{median:.0f} / {p95:.0f}{'' if ok else ' (NOT met)'}")
                row["fractions"].append({"fraction": f, "boundaries": len(errs[f]), "median_ms": float(median), "p95_ms": float(p95)})
            rows += 1
            print(json.dumps(row) if a.json else f"| {scenario} | {exercise} | " + " | ".join(cells) + " |")
    if a.json:
        return 0
    print()
    print("rows meeting the boundary targets: " + ", ".join(f"{met[f]} of {rows} at {100 * f:g} %" for f in fractions))
    return 0


if __name__ == "__main__":
    sys.exit(main())
