#!/usr/bin/env python3
"""Issue 16 acceptance on recordings this project did not make: the audit's false-call rate and power on gmax_mean.

Cohorts of bridge sets from the independent generator (make_recordings.py, imported unchanged), analysed and judged
by the real CLI (`glutesense reliability`, `glutesense audit`). What this driver adds at the cohort level, without
touching the generator's model:
- a person = one generator seed: what stays the same between the sets of one visit (range, lumbo-pelvic rhythm, IMU
  mounting and biases, rest and tonic levels, MVC, EMG spectrum, ECG and electrode properties); every set of that
  person is the generator's recording of that seed with its own set seed (make_recording's set_seed: the set's own
  timing, per-repetition activation levels and onset leads, sway and noise) and its own --gmax-scale;
- set-to-set variation: each set's GMax scale is drawn as max(0.5, 1 + cv * N(0, 1)) (cv 0.10 = 10 %), times the
  true change (1.30 for +30 %) in the re-test sets of a responder;
- the normalisation reference: the same person's recording at GMax scale 1.0, its meta.json "exercise" set to "mvc"
  so the audit takes it as the one reference (a submaximal reference contraction: %RVC-like, here labelled %MVC);
- the reliability file: a separate no-intervention cohort (other seeds, other people), two sets each.
So two sets of one person differ by the imposed GMax scale and by everything a set draws anew: which repetition
levels the 8 repetitions happen to get (each repetition draws its phase levels from the population range), their
timing and the noise. The audit runs with --design control (no treat block): the gmax_mean call depends only on the
test and re-test sets.

Run with Debian's python (numpy, scipy):
  /usr/bin/python3 tests/independent/audit_acceptance.py --out DIR --glutesense "dotnet host/GluteSense.Cli/bin/Debug/net10.0/glutesense.dll"
Prints the rates and writes DIR/summary.json.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_recordings  # noqa: E402  (the generator, unchanged)

# Seed blocks of the three cohorts (no person appears twice): reliability, no true change, true change.
SEED_BLOCKS = {"reliability": 100_000, "null": 200_000, "change": 300_000}


def record(folder, seed, set_seed, subject, scale, condition, index, args):
    protocol = {"condition": condition, "set": {"index": index, "label": f"{condition} set {index}"}} if condition else None
    make_recordings.make_recording(folder, "bridge", seed, scenario="standard", reps=args.reps, subject=subject, gmax_scale=scale,
                                   mode="envelope", emg_rate_hz=args.emg_rate, protocol=protocol, set_seed=set_seed)


def reference(folder, seed, subject, args):
    record(folder, seed, 0, subject, 1.0, None, 0, args)
    meta_path = os.path.join(folder, "meta.json")
    with open(meta_path) as f:
        meta = json.load(f)
    meta["exercise"] = "mvc"
    meta["notes"] = "reference for the audit acceptance driver: the person's bridge at GMax scale 1.0, relabelled as the reference trial"
    with open(meta_path, "w") as f:
        json.dump(meta, f, indent=1)


def set_scale(rng, cv):
    return max(0.5, 1 + cv * rng.standard_normal())


def run(cli, *argv):
    p = subprocess.run(shlex.split(cli) + list(argv), capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"glutesense {argv[0]} failed: {p.stderr.strip()}")
    return p.stdout


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--glutesense", required=True, help="command that runs the CLI, e.g. \"dotnet .../glutesense.dll\"")
    ap.add_argument("--patients", type=int, default=100, help="patients per arm (no true change, true change)")
    ap.add_argument("--reliability-subjects", type=int, default=20)
    ap.add_argument("--set-cv", type=float, default=0.10)
    ap.add_argument("--change", type=float, default=0.30)
    ap.add_argument("--sets", type=int, default=2, help="bridge sets per condition")
    ap.add_argument("--reps", type=int, default=8)
    ap.add_argument("--emg-rate", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1, help="seed of the set scales; person seeds are offset by it too")
    args = ap.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    offset = 10_000 * args.seed

    # The no-intervention reliability cohort: two sets per person, no change between them.
    rows = ["subject,set_a,set_b,mvc"]
    for i in range(args.reliability_subjects):
        seed, subject = SEED_BLOCKS["reliability"] + offset + i, f"rel-{i:03d}"
        base = os.path.join(out, "reliability", subject)
        reference(os.path.join(base, "ref"), seed, subject, args)
        for k, s in ((1, "a"), (2, "b")):
            record(os.path.join(base, s), seed, k, subject, set_scale(rng, args.set_cv), "test", k, args)
        rows.append(f"{subject},{subject}/a,{subject}/b,{subject}/ref")
    table = os.path.join(out, "reliability", "table.csv")
    with open(table, "w") as f:
        f.write("\n".join(rows) + "\n")
    sem = os.path.join(out, "sem.json")
    print(run(args.glutesense, "reliability", "--table", table, "--json", sem), end="")

    calls = {"null": [], "change": []}
    for arm, gain in (("null", 1.0), ("change", 1 + args.change)):
        for i in range(args.patients):
            seed, subject = SEED_BLOCKS[arm] + offset + i, f"{arm}-{i:03d}"
            base = os.path.join(out, arm, subject)
            reference(os.path.join(base, "ref"), seed, subject, args)
            flags = []
            for c, (condition, g) in enumerate((("test", 1.0), ("retest", gain))):
                for k in range(1, args.sets + 1):
                    folder = os.path.join(base, f"{condition}{k}")
                    record(folder, seed, c * args.sets + k, subject, g * set_scale(rng, args.set_cv), condition, k, args)
                    flags += [f"--{condition}", folder]
            audit = os.path.join(base, "audit.json")
            run(args.glutesense, "audit", "--design", "control", *flags, "--mvc", os.path.join(base, "ref"), "--reliability", sem,
                "--json", audit, "--report", os.path.join(base, "report"))
            with open(audit) as f:
                gmax = next(o for o in json.load(f)["outcomes"] if o["name"] == "gmax_mean")
            calls[arm].append(gmax["call"])
            print(f"{subject}: {gmax['call']} (change {gmax['change']:+.2f} {gmax['units']}, threshold {gmax['threshold']:.2f})", flush=True)

    false_calls = sum(c in ("improved", "worsened") for c in calls["null"])
    improved = sum(c == "improved" for c in calls["change"])
    with open(sem) as f:
        rel = next(o for o in json.load(f)["outcomes"] if o["name"] == "gmax_mean")
    summary = {"patients_per_arm": args.patients, "reliability_subjects": args.reliability_subjects, "set_cv": args.set_cv,
               "change": args.change, "sets": args.sets, "seed": args.seed, "reliability_gmax_mean": rel,
               "false_calls": false_calls, "improved_with_change": improved, "calls": calls}
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    print(f"reliability cohort: {args.reliability_subjects} subjects, gmax_mean ICC(A,1) {rel['icc_a1']:.2f} "
          f"({rel['icc_ci95'][0]:.2f} to {rel['icc_ci95'][1]:.2f}), SEM {rel['sem']:.2f} {rel['units']}")
    print(f"no true change: {false_calls}/{args.patients} called improved or worsened")
    print(f"true {100 * args.change:+.0f} %: {improved}/{args.patients} called improved")


if __name__ == "__main__":
    main()
