#!/usr/bin/python3
"""Scores GluteSense analyses against the independent generator's truth (issue 15 targets).

Each recording folder holds independent_truth.json (make_recordings.py) and the analysis output as analysis.json
(`glutesense analyze DIR --json DIR/analysis.json`, or the library's AnalysisJson). With --analyze CMD the script runs
the analysis itself: CMD is the command prefix, e.g. "dotnet host/GluteSense.Cli/bin/Debug/net10.0/glutesense.dll".

  /usr/bin/python3 tests/independent/score.py ROOT [--analyze CMD [--analyze-args "ARGS"]] [--markdown] [--json]

ROOT is searched for folders holding independent_truth.json; rows are (scenario, exercise, mode). Printed: a markdown
table (--markdown) or one JSON object per row (--json, what the tests read).
"""
import argparse
import json
import os
import subprocess
import sys

import numpy as np

TARGET_BOUNDARY_MEDIAN_MS = 40
TARGET_BOUNDARY_P95_MS = 150
TARGET_ONSET_MEDIAN_MS = 40
TARGET_ONSET_FAR_MS = 150
TARGET_ONSET_FAR_SHARE = 0.05
LONG_PHASE_S = 0.8          # no fast-* flag on a phase lasting this long or longer
NO_BASELINE_PAUSE_S = 0.3   # a rep after a pause shorter than this has no still baseline: its onsets must be null
FAST_FLAGS = {"fast-concentric": "concentric", "fast-eccentric": "eccentric"}


def overlap(a0, a1, b0, b1):
    return max(0.0, min(a1, b1) - max(a0, b0))


def match(truth_reps, found):
    """Pairs each truth repetition with the found repetition overlapping it most (one to one)."""
    pairs, used = [], set()
    for tr in truth_reps:
        best, best_ov = None, 0.0
        for j, fr in enumerate(found):
            if j in used:
                continue
            ov = overlap(tr["start_s"], tr["end_s"], fr["start_s"], fr["end_s"])
            if ov > best_ov:
                best, best_ov = j, ov
        if best is not None and best_ov >= 0.5 * (tr["end_s"] - tr["start_s"]):
            used.add(best)
            pairs.append((tr, found[best]))
        else:
            pairs.append((tr, None))
    return pairs, [f for j, f in enumerate(found) if j not in used]


def score_recording(folder):
    truth = json.load(open(os.path.join(folder, "independent_truth.json")))
    ana = json.load(open(os.path.join(folder, "analysis.json")))
    outward = truth["outward_phase"]
    ret = "concentric" if outward == "eccentric" else "eccentric"
    pairs, extra = match(truth["reps"], ana["reps"])
    full_truth = sum(1 for r in truth["reps"] if r["kind"] == "full")
    full_found = sum(1 for r in ana["reps"] if not r["partial"])
    res = {"reps_truth": full_truth, "reps_found": full_found, "exact": full_truth == full_found and not extra
           and all(f is not None and f["partial"] == (t["kind"] == "partial") for t, f in pairs),
           "boundary_ms": [], "onset_ms": [], "onsets_total": 0, "onsets_reported": 0, "false_fast": 0,
           "dishonest_onsets": 0, "nulls_required": 0, "unsettled_warned": None, "lumbar_err_deg": [], "pelvis_err_deg": []}
    if truth.get("unsettled_until_s"):
        res["unsettled_warned"] = any(w.startswith("unsettled-start") for w in ana["warnings"])
    for i, (tr, fr) in enumerate(pairs):
        if fr is None or tr["kind"] != "full" or fr["partial"]:
            continue
        phases = fr["phases"]
        found_b = [fr["start_s"], phases[0]["end_s"], phases[-1]["start_s"], fr["end_s"]]
        true_b = [tr["start_s"], tr["outward_end_s"], tr["return_start_s"], tr["end_s"]]
        res["boundary_ms"] += [1000 * abs(a - b) for a, b in zip(found_b, true_b)]
        # lumbo-pelvic metrics (no target in issue 15; reported): L3 against S1 at the top (needs both IMUs) and the
        # pelvis excursion against the generator's (from the sacrum IMU)
        lumbar = (fr.get("lumbo_pelvic") or {}).get("lumbar_extension_at_top_deg")
        if lumbar is not None and tr.get("lumbar_extension_at_top_deg") is not None:
            res["lumbar_err_deg"].append(lumbar - tr["lumbar_extension_at_top_deg"])
        if fr.get("pelvis_range_deg") is not None:
            res["pelvis_err_deg"].append(fr["pelvis_range_deg"] - tr["amplitude_deg"])
        durations = {outward: tr["outward_end_s"] - tr["start_s"], ret: tr["end_s"] - tr["return_start_s"]}
        for flag in fr["flags"]:
            if flag in FAST_FLAGS and durations[FAST_FLAGS[flag]] >= LONG_PHASE_S:
                res["false_fast"] += 1
        no_baseline = i > 0 and tr["pause_before_s"] < NO_BASELINE_PAUSE_S
        for ch, t_on in tr["onsets_s"].items():
            res["onsets_total"] += 1
            got = fr["onsets_s"].get(ch)
            if no_baseline:
                res["nulls_required"] += 1
                note = fr.get("onset_notes", {}).get(ch, "")
                if got is not None or not note.startswith("no-baseline"):
                    res["dishonest_onsets"] += 1
                    continue
            if got is not None:
                res["onsets_reported"] += 1
                res["onset_ms"].append(1000 * (got - t_on))
    return truth, res


def summarise(rows):
    b = np.array(sum((r["boundary_ms"] for r in rows), []))
    o = np.array(sum((r["onset_ms"] for r in rows), []))
    ao = np.abs(o)
    s = {"recordings": len(rows), "exact": sum(r["exact"] for r in rows),
         "reps_truth": sum(r["reps_truth"] for r in rows), "reps_found": sum(r["reps_found"] for r in rows),
         "boundary_median_ms": float(np.median(b)) if b.size else None,
         "boundary_p95_ms": float(np.percentile(b, 95)) if b.size else None,
         "onset_median_ms": float(np.median(ao)) if ao.size else None,
         "onset_p95_ms": float(np.percentile(ao, 95)) if ao.size else None,
         "onset_signed_median_ms": float(np.median(o)) if o.size else None,
         "onsets_reported": sum(r["onsets_reported"] for r in rows), "onsets_total": sum(r["onsets_total"] for r in rows),
         "onsets_far": int(np.sum(ao > TARGET_ONSET_FAR_MS)), "false_fast": sum(r["false_fast"] for r in rows),
         "dishonest_onsets": sum(r["dishonest_onsets"] for r in rows),
         "nulls_required": sum(r["nulls_required"] for r in rows),
         "unsettled_missed": sum(1 for r in rows if r["unsettled_warned"] is False)}
    for key in ("lumbar_err_deg", "pelvis_err_deg"):
        e = np.array(sum((r[key] for r in rows), []))
        name = key[:-len("_err_deg")]
        s[f"{name}_reps"] = int(e.size)
        s[f"{name}_signed_median_deg"] = float(np.median(e)) if e.size else None
        s[f"{name}_abs_median_deg"] = float(np.median(np.abs(e))) if e.size else None
        s[f"{name}_abs_p95_deg"] = float(np.percentile(np.abs(e), 95)) if e.size else None
    fails = []
    if s["exact"] < s["recordings"]:
        fails.append("rep count")
    if s["boundary_median_ms"] is not None and (s["boundary_median_ms"] > TARGET_BOUNDARY_MEDIAN_MS
                                                or s["boundary_p95_ms"] > TARGET_BOUNDARY_P95_MS):
        fails.append("boundaries")
    if s["false_fast"]:
        fails.append("fast flags")
    if s["onset_median_ms"] is not None and (s["onset_median_ms"] > TARGET_ONSET_MEDIAN_MS
                                             or s["onsets_far"] > TARGET_ONSET_FAR_SHARE * len(o)):
        fails.append("onsets")
    if s["dishonest_onsets"]:
        fails.append("nulls")
    if s["unsettled_missed"]:
        fails.append("unsettled-start")
    s["failed"] = fails
    return s


def find_folders(root):
    for dirpath, _, files in sorted(os.walk(root, followlinks=True)):
        if "independent_truth.json" in files:
            yield dirpath


def fmt(x, digits=1):
    return "n/a" if x is None else f"{x:.{digits}f}"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("root")
    ap.add_argument("--analyze", help="command prefix that runs `analyze DIR --json OUT`")
    ap.add_argument("--analyze-args", default="", help="more options for analyze, e.g. \"--boundary-peak-fraction 0.05\"")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--details", action="store_true", help="print each recording's worst boundary and onset errors")
    a = ap.parse_args(argv)
    groups = {}
    for folder in find_folders(a.root):
        if a.analyze:
            out = os.path.join(folder, "analysis.json")
            p = subprocess.run(a.analyze.split() + ["analyze", folder, "--json", out] + a.analyze_args.split(),
                               capture_output=True, text=True)
            if p.returncode != 0:
                print(f"{folder}: analyze failed: {p.stdout.strip()} {p.stderr.strip()}", file=sys.stderr)
                return 1
        truth, res = score_recording(folder)
        if a.details:
            worst_b = max(res["boundary_ms"], default=0)
            worst_o = max((abs(x) for x in res["onset_ms"]), default=0)
            print(f"{folder}: exact {res['exact']} ({res['reps_truth']}/{res['reps_found']}), worst boundary {worst_b:.0f} ms, "
                  f"worst onset {worst_o:.0f} ms, false fast {res['false_fast']}, dishonest {res['dishonest_onsets']}",
                  file=sys.stderr)
        groups.setdefault((truth["scenario"], truth["exercise"], truth["mode"]), []).append(res)
    summaries = [(k, summarise(v)) for k, v in groups.items()]
    if a.json:
        for (sc, ex, mode), s in summaries:
            print(json.dumps({"scenario": sc, "exercise": ex, "mode": mode, **s}))
    if a.markdown or not a.json:
        print("| scenario | exercise | recordings | exact rep count | full reps (truth / found) | boundary error median / p95 (ms) "
              "| onset error median / p95 (ms) | onsets reported | onsets > 150 ms off | required nulls kept | false fast flags | targets |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for (sc, ex, mode), s in summaries:
            far = f"{s['onsets_far']} ({100 * s['onsets_far'] / max(1, s['onsets_reported']):.1f} %)"
            nulls = f"{s['nulls_required'] - s['dishonest_onsets']} / {s['nulls_required']}"
            print(f"| {sc} | {ex} | {s['recordings']} | {s['exact']} | {s['reps_truth']} / {s['reps_found']} "
                  f"| {fmt(s['boundary_median_ms'])} / {fmt(s['boundary_p95_ms'])} | {fmt(s['onset_median_ms'])} / {fmt(s['onset_p95_ms'])} "
                  f"| {s['onsets_reported']} / {s['onsets_total']} | {far} | {nulls} | {s['false_fast']} "
                  f"| {'met' if not s['failed'] else 'NOT met: ' + ', '.join(s['failed'])} |")
        print()
        print("| scenario | exercise | reps with L3 and S1 | lumbar extension at top: error median (signed) / abs. median / abs. p95 (deg) "
              "| reps with S1 | pelvis range: error median (signed) / abs. median / abs. p95 (deg) |")
        print("|---|---|---|---|---|---|")
        for (sc, ex, mode), s in summaries:
            print(f"| {sc} | {ex} | {s['lumbar_reps']} | {fmt(s['lumbar_signed_median_deg'], 2)} / {fmt(s['lumbar_abs_median_deg'], 2)} / "
                  f"{fmt(s['lumbar_abs_p95_deg'], 2)} | {s['pelvis_reps']} | {fmt(s['pelvis_signed_median_deg'], 2)} / "
                  f"{fmt(s['pelvis_abs_median_deg'], 2)} / {fmt(s['pelvis_abs_p95_deg'], 2)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
