#!/usr/bin/python3
"""Do people repeat the start of their movement? How much the slow start of a movement varies between the repetitions
of one set, on real recordings and on the independent generator: the question behind a per-person movement template for
phase boundaries (docs/analysis.md, "Independent generator": a fit told the exact profile places every boundary within
20 ms, one that must find it does not).

Per movement, the lead = the time from 2 % to 10 % of its excursion: the part of a smooth start that sits low in the
rate, where a boundary is lost in sway. A movement is the rise from the rest pose to the turning point (outward) or the
fall back read from the rest pose (return). Per trial or recording and direction: the SD of the lead over its movements;
reported is the median of those SDs over trials, with its range. A template could place a boundary only about as well
as a person repeats this lead.

Real: the UCI knee goniometer excerpts in tests/data/uci-lower-limb-emg (10 healthy subjects x sitting extension and
standing flexion, 50 Hz; repetitions found as in ExternalRecordingTests: scipy find_peaks, prominence at least half the
largest excursion, peaks at least 1 s apart; rest = the lowest angle in the 4 s before or after the peak). Generator:
the noise-free pelvis angle of make_recordings.plan_trial, scenario standard, both exercises, seeds 1-20, full
repetitions (its truth boundaries cut the movements).

  /usr/bin/python3 tests/independent/profile_spread.py [--json]
"""
import argparse
import glob
import json
import os
import sys

import numpy as np
from scipy.signal import find_peaks

import make_recordings as mr

LEVELS = (0.02, 0.10, 0.90)           # the lead runs between the first two fractions of the excursion; the body to the third
KNEE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "uci-lower-limb-emg")
KNEE_RATE_HZ = 50
REST_SEARCH_S = 4.0


def lead_s(t, x):
    """(lead, body): the times (s) from LEVELS[0] to LEVELS[1] and from LEVELS[1] to LEVELS[2] of the excursion of x,
    which runs from its rest (x[0]) to its extremum."""
    a = (x - x[0]) / (x[-1] - x[0])
    times = []
    for level in LEVELS:
        i = int(np.argmax(a >= level))
        times.append(t[i - 1] + (level - a[i - 1]) / (a[i] - a[i - 1]) * (t[i] - t[i - 1]) if i > 0 else t[0])
    return times[1] - times[0], times[2] - times[1]


def knee_trial(path):
    """Leads (s) of a goniometer trial's outward and return movements."""
    d = np.loadtxt(path, delimiter=",", skiprows=1)
    t, x = d[:, 0], d[:, 1] - np.median(d[:KNEE_RATE_HZ // 2, 1])
    if x.max() < -x.min():
        x = -x
    peaks, _ = find_peaks(x, prominence=0.5 * x.max(), distance=KNEE_RATE_HZ)
    reach = int(REST_SEARCH_S * KNEE_RATE_HZ)
    out, back = [], []
    for p in peaks:
        lo, hi = max(0, p - reach), min(len(x) - 1, p + reach)
        i0, i1 = lo + int(np.argmin(x[lo:p])), p + int(np.argmin(x[p:hi]))
        out.append(lead_s(t[i0:p + 1], x[i0:p + 1]))
        back.append(lead_s(-t[p:i1 + 1][::-1], x[p:i1 + 1][::-1]))
    return out, back


def generator_recording(exercise, seed):
    """Leads (s) of a generator recording's outward and return movements (full repetitions, its truth boundaries)."""
    _, stages, reps, _, _ = mr.default_plan(seed, "standard", exercise, 8)
    out, back = [], []
    for r in reps:
        if r["kind"] != "full":
            continue
        for t0, t1, leads in ((r["start_s"], r["outward_end_s"], out), (r["return_start_s"], r["end_s"], back)):
            t = np.arange(t0, t1, 0.001)
            x = mr.render(stages, t, 0.0)
            leads.append(lead_s(t, x) if leads is out else lead_s(-t[::-1], x[::-1]))
    return out, back


def summary(source, trials):
    row = {"source": source}
    for k, direction in enumerate(("outward", "return")):
        sets = [np.array(tr[k]) for tr in trials if len(tr[k]) >= 3]
        sds = [1000 * np.std(m[:, 0], ddof=1) for m in sets]
        shape_sds = [np.std(m[:, 0] / m[:, 1], ddof=1) for m in sets]
        leads = np.concatenate(sets)
        row[direction] = {"trials": len(sets), "movements": len(leads), "lead_median_ms": float(1000 * np.median(leads[:, 0])),
                          "within_sd_median_ms": float(np.median(sds)), "within_sd_min_ms": float(min(sds)),
                          "within_sd_max_ms": float(max(sds)), "shape_median": float(np.median(leads[:, 0] / leads[:, 1])),
                          "within_shape_sd_median": float(np.median(shape_sds))}
    return row


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true", help="one JSON line per source instead of the markdown table")
    a = ap.parse_args(argv)
    rows = [summary("UCI knee goniometer (real)", [knee_trial(p) for p in sorted(glob.glob(os.path.join(KNEE_DIR, "*_knee.csv")))]),
            summary("independent generator, standard", [generator_recording(ex, s) for ex in mr.EXERCISES for s in range(1, 21)])]
    if a.json:
        for r in rows:
            print(json.dumps(r))
        return 0
    print("| source | direction | trials | movements | lead 2->10 % median (ms) | within-trial SD of the lead: median, range (ms) "
          "| lead / (10->90 %): median, within-trial SD median |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        for direction in ("outward", "return"):
            d = r[direction]
            print(f"| {r['source']} | {direction} | {d['trials']} | {d['movements']} | {d['lead_median_ms']:.0f} | "
                  f"{d['within_sd_median_ms']:.0f}, {d['within_sd_min_ms']:.0f}-{d['within_sd_max_ms']:.0f} | "
                  f"{d['shape_median']:.3f}, {d['within_shape_sd_median']:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
