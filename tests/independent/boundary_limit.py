#!/usr/bin/python3
"""How well could ANY estimator place phase boundaries under the generator's sway? A reference for the boundary targets
(docs/analysis.md, "Independent generator"), computed on a replica of what the analysis sees, not on the recordings:
the pelvis angle re-planned from each seed (make_recordings.plan_trial), the generator's sagittal sway model added
(make_recordings.lowpass_noise, 0.15 deg RMS standing / 0.05 lying below 1.5 Hz, drawn here from a seed of its own),
differentiated, the gyro's white noise added and low-passed at 6 Hz forward and backward at 100 Hz, as the analysis does.

Per boundary (start, outward end, return start, end of each full repetition), the error of:
  crossing  the threshold crossing (3 robust SDs of the opening rest's rate), no localisation;
  bell      a fit that is NOT told the profile: the rise from rest to the rate's first peak as the rising half of a bell
            u^a (1-u)^b (a 1-2: a finite-acceleration to a finite-jerk start; b 1-3), peak where it was measured, t0
            on a half-sample grid; the generator's beta profiles are of this family, its raised cosine is not quite;
  template  a fit TOLD the exact profiles of the set's other repetitions (same boundary, each from its boundary to its
            peak rate, scaled to 1 x 1, averaged): a person's own movement template at its best (noise-free), fitted
            like the bell (t0, peak where measured, scale); the generator draws every movement's profile anew;
  oracle    a fit that is TOLD the movement's exact rate profile and only fits its time shift and scale, over the rest
            before the crossing (0.3 s) up to the phase's peak rate. No estimator knows the profile; the oracle's p95 is
            what the sway alone leaves, so a target below it cannot be met by any rule on this signal.

  /usr/bin/python3 tests/independent/boundary_limit.py [--seeds 1-10] [--rows standard/pull-through,...] [--json]
"""
import argparse
import json
import sys

import numpy as np
from scipy import signal

import make_recordings as mr

RATE_HZ = 100
GYRO_NOISE_DEG_S = np.degrees(0.004)       # the generator's gyro white noise (rad/s), per sample
REST_S, SHIFT_S = 0.3, 0.6
NAMES = ["start", "outward end", "return start", "end"]


def replica(seed, scenario, exercise):
    _, stages, reps, duration, _ = mr.default_plan(seed, scenario, exercise, 8)
    t = np.arange(0.0, duration, 1.0 / mr.SIM_RATE_HZ)
    pelvis = mr.render(stages, t, 0.0)
    own = np.random.default_rng([seed, 7919])
    sway = mr.lowpass_noise(own, t.size, mr.SIM_RATE_HZ, 1.5, 0.05 if exercise == "bridge" else 0.15)
    idx = np.arange(0, t.size, mr.SIM_RATE_HZ // RATE_HZ)
    measured = np.gradient(pelvis + sway, t)[idx] + own.normal(0, GYRO_NOISE_DEG_S, idx.size)
    measured = signal.sosfiltfilt(signal.butter(2, 6, fs=RATE_HZ, output="sos"), measured)
    return measured, np.gradient(pelvis, t)[idx], reps


def oriented(x, boundary_s, sign, reverse):
    """The rate of one boundary's phase turned into a start: positive, moving forward in index."""
    x = sign * x
    k = int(round(boundary_s * RATE_HZ))
    return (x[::-1], len(x) - 1 - k) if reverse else (x, k)


def shape_fit(x, crossing, peak_at, candidates):
    """t0 (samples) of the best least-squares fit (scale free) over 0.3 s of rest before the crossing up to peak_at: for
    each t0 on a half-sample grid, candidates(tt, t0) gives the shapes to try at the sample times tt."""
    lo = max(0, crossing - int(REST_S * RATE_HZ))
    seg, tt = x[lo:peak_at + 1], np.arange(lo, peak_at + 1, dtype=float)
    best, t0_best = np.inf, float(crossing)
    for t0 in np.arange(crossing - SHIFT_S * RATE_HZ, crossing + 0.5, 0.5):
        if t0 >= peak_at - 2:
            break
        for s in candidates(tt, t0):
            if not s @ s > 0:
                continue
            sse = np.sum((seg - (s @ seg) / (s @ s) * s) ** 2)
            if sse < best:
                best, t0_best = sse, t0
    return t0_best


def bell_fit(x, crossing, peak_at):
    """The bell fit's t0 (samples): rising halves of u^a (1-u)^b peaking at peak_at."""
    def bells(tt, t0):
        for a in (1.0, 1.5, 2.0):
            for b in (1.0, 1.5, 2.0, 2.5, 3.0):
                u = np.clip((tt - t0) / ((peak_at - t0) * (a + b) / a), 0, 1)
                yield u ** a * (1 - u) ** b
    return shape_fit(x, crossing, peak_at, bells)


TEMPLATE_GRID = np.linspace(0.0, 1.0, 101)


def unit_shape(shape, k, peak_at):
    """A movement's rate from its boundary to its peak, scaled to 1 in time and in rate, on TEMPLATE_GRID."""
    seg = shape[k:peak_at + 1]
    return np.interp(TEMPLATE_GRID, np.linspace(0.0, 1.0, seg.size), seg / seg.max())


def template_fit(x, crossing, peak_at, template):
    """The template fit's t0 (samples): the template stretched from t0 to the measured peak."""
    def stretched(tt, t0):
        u = (tt - t0) / (peak_at - t0)
        yield np.where(u <= 0, 0.0, np.interp(np.clip(u, 0, 1), TEMPLATE_GRID, template))
    return shape_fit(x, crossing, peak_at, stretched)


def first_peak(x, crossing, phase_peak):
    """The rate's first peak: on from the crossing to half the phase's peak, then to the first local maximum."""
    j = crossing
    while j + 1 < len(x) and x[j] < 0.5 * phase_peak:
        j += 1
    while j + 1 < len(x) and x[j + 1] >= x[j]:
        j += 1
    return j


def errors(seed, scenario, exercise):
    measured, true, reps = replica(seed, scenario, exercise)
    noise = 1.4826 * np.median(np.abs(measured[:RATE_HZ] - np.median(measured[:RATE_HZ])))
    out = []
    full = [r for r in reps if r["kind"] == "full"]
    kinds = [("start", "start_s", 1, False), ("outward end", "outward_end_s", 1, True),
             ("return start", "return_start_s", -1, False), ("end", "end_s", -1, True)]
    units = {}
    for name, key, sign, rev in kinds:
        for i, rep in enumerate(full):
            shape, k = oriented(true, rep[key], sign, rev)
            units[(name, i)] = unit_shape(shape, k, k + int(np.argmax(shape[k:k + 6 * RATE_HZ])))
    for i, rep in enumerate(full):
        for name, key, sign, rev in kinds:
            x, k = oriented(measured, rep[key], sign, rev)
            shape, _ = oriented(true, rep[key], sign, rev)
            peak_at = k + int(np.argmax(shape[k:k + 6 * RATE_HZ]))
            threshold = min(3 * noise, 0.1 * shape[peak_at])
            crossing = k + int(np.argmax(x[k:] > threshold))
            lo, hi = max(0, crossing - int(REST_S * RATE_HZ)), peak_at + 1
            best, shift = np.inf, 0
            for d in range(-int(SHIFT_S * RATE_HZ), int(SHIFT_S * RATE_HZ) + 1):
                s = np.roll(shape, d)[lo:hi]
                if not s @ s > 0:
                    continue
                sse = np.sum((x[lo:hi] - (s @ x[lo:hi]) / (s @ s) * s) ** 2)
                if sse < best:
                    best, shift = sse, d
            measured_peak = first_peak(x, crossing, shape[peak_at])
            bell = bell_fit(x, crossing, measured_peak)
            template = np.mean([units[(name, j)] for j in range(len(full)) if j != i], axis=0)
            own = template_fit(x, crossing, measured_peak, template)
            out.append((name, 1000.0 * (crossing - k) / RATE_HZ, 1000.0 * shift / RATE_HZ, 1000.0 * (bell - k) / RATE_HZ,
                        1000.0 * (own - k) / RATE_HZ))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", default="1-10")
    ap.add_argument("--json", action="store_true", help="one JSON line per row instead of the markdown table")
    ap.add_argument("--rows", default="standard/bridge,standard/pull-through,skewed-tempo/bridge,skewed-tempo/pull-through")
    a = ap.parse_args(argv)
    lo, hi = (int(v) for v in a.seeds.split("-"))
    if not a.json:
        print("| scenario | exercise | boundaries | crossing median / p95 (ms) | bell fit median / p95 (ms) "
              "| set template median / p95 (ms) | oracle median / p95 (ms) |")
        print("|---|---|---|---|---|---|---|")
    for row in a.rows.split(","):
        scenario, exercise = row.split("/")
        e = [x for seed in range(lo, hi + 1) for x in errors(seed, scenario, exercise)]
        cols = [np.abs([x[i] for x in e]) for i in (1, 3, 4, 2)]
        if a.json:
            print(json.dumps({"scenario": scenario, "exercise": exercise, "boundaries": len(e), **{
                f"{name}_{q}_ms": float(np.median(c) if q == "median" else np.percentile(c, 95))
                for name, c in zip(("crossing", "bell", "template", "oracle"), cols) for q in ("median", "p95")}}))
            continue
        print(f"| {scenario} | {exercise} | {len(e)} | " + " | ".join(f"{np.median(c):.0f} / {np.percentile(c, 95):.0f}" for c in cols) + " |")


if __name__ == "__main__":
    sys.exit(main())
