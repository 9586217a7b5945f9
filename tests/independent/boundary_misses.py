#!/usr/bin/python3
"""Lists the phase-boundary misses (> 150 ms) of GluteSense's analysis against the independent generator's truth, with
the generator's own movement rate at the boundary the analysis placed: how far the movement really was from rest there,
in deg/s, to compare with the sway in the rate (about 1 deg/s standing). A miss where that rate is one to three times
the sway is a boundary no threshold on the measured rate can place (docs/analysis.md, "Independent generator").

  /usr/bin/python3 tests/independent/boundary_misses.py ROOT/<scenario>/<exercise>

Each recording folder needs analysis.json (score.py --analyze writes it). The movement is re-planned from the truth's
seed with make_recordings.plan_trial, drawing the generator's random numbers in its order (emg rate, IMU set, plan);
a plan that does not reproduce the truth's first repetition start stops the script.
"""
import json
import os
import sys

import numpy as np

import make_recordings as mr
from score import match

MISS_MS = 150
NAMES = ["start", "outward end", "return start", "end"]


def replan(truth):
    plan = mr.default_plan(truth["seed"], truth["scenario"], truth["exercise"], len(truth["reps"]))
    if abs(plan[2][0]["start_s"] - truth["reps"][0]["start_s"]) > 1e-3:
        sys.exit(f"seed {truth['seed']}: the re-planned movement differs from the truth (a recording made with options?)")
    t = np.arange(0.0, plan[3], 1.0 / mr.SIM_RATE_HZ)
    return t, np.gradient(mr.render(plan[1], t, 0.0), t)


def main(folder_root):
    rates = []
    for name in sorted(os.listdir(folder_root)):
        folder = os.path.join(folder_root, name)
        if not os.path.exists(os.path.join(folder, "analysis.json")):
            continue
        truth = json.load(open(os.path.join(folder, "independent_truth.json")))
        found = json.load(open(os.path.join(folder, "analysis.json")))
        t, rate = replan(truth)
        pairs, _ = match(truth["reps"], found["reps"])
        for tr, fr in pairs:
            if fr is None or tr["kind"] != "full" or fr["partial"]:
                continue
            ours = [fr["start_s"], fr["phases"][0]["end_s"], fr["phases"][-1]["start_s"], fr["end_s"]]
            true = [tr["start_s"], tr["outward_end_s"], tr["return_start_s"], tr["end_s"]]
            for boundary, a, b in zip(NAMES, ours, true):
                if abs(a - b) * 1000 > MISS_MS:
                    r = abs(float(np.interp(a, t, rate)))
                    rates.append(r)
                    print(f"{name} rep {tr['index']} {boundary}: {1000 * (a - b):+.0f} ms, true rate there {r:.2f} deg/s")
    inside = [r for r in rates if r > 0.01]   # 0.01 deg/s: numerically at rest
    print(f"{len(rates)} misses: {len(rates) - len(inside)} placed in the rest before or after the movement, {len(inside)} inside it"
          + (f" (true rate there {min(inside):.2f}-{max(inside):.2f} deg/s, median {np.median(inside):.2f})" if inside else ""))


if __name__ == "__main__":
    main(sys.argv[1])
