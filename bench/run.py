#!/usr/bin/python3
"""End-to-end benchmark of the streaming readers (docs/performance.md): `glutesense envelope` against the same chain
in pandas + scipy (bench/envelope_scipy.py), and `glutesense analyze` on an hour-long raw recording.

Every figure is one whole process, start to output written, measured with /usr/bin/time -v (wall time, peak
resident memory, and CPU time = user + system, which a busy shared machine disturbs less than wall time); each case
runs --repeats times, the tools interleaved, and the medians are reported.

Usage (from the repository root):
    /usr/bin/python3 bench/run.py [--work DIR] [--repeats 5] [--baseline-cli PATH]

It publishes the CLI in Release into WORK/cli, simulates a 60-minute 4-channel 2 kHz raw recording into WORK (the
inputs are made here, never committed) and cuts the other inputs from it:
    one-column files of 1.2 M and 12 M samples (the channels one after another), and 4 channels x 10 min.
--baseline-cli also times an older build (e.g. one published from the commit before the streaming readers).
"""
import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = "/usr/bin/python3"
RATE_HZ = 2000
HOUR_REPS = 600          # bridges of about 6.0 s each: 60.1 minutes
TEN_MIN_ROWS = 10 * 60 * RATE_HZ


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def measure(cmd):
    """Runs cmd under /usr/bin/time -v; returns (wall s, peak RSS MB, CPU s = user + system)."""
    result = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(cmd)}\n{result.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", result.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", result.stderr).group(1)) for kind in ("User", "System"))
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    return seconds, int(rss.group(1)) / 1024, cpu


def publish(work):
    out = os.path.join(work, "cli")
    sh(["dotnet", "publish", os.path.join(ROOT, "host", "GluteSense.Cli"), "-c", "Release", "-o", out, "-nologo", "-v:q"])
    return os.path.join(out, "glutesense")


def make_inputs(cli, work):
    hour = os.path.join(work, "hour")
    if not os.path.exists(os.path.join(hour, "emg.csv")):
        sh([cli, "simulate", "--exercise", "bridge", "--reps", str(HOUR_REPS), "--mode", "raw", "--rate", str(RATE_HZ),
            "--out", hour], stdout=subprocess.DEVNULL)
    emg = os.path.join(hour, "emg.csv")
    files = {"hour": hour, "four": os.path.join(work, "four_10min.csv"),
             "one12": os.path.join(work, "one_12M.csv"), "one1": os.path.join(work, "one_1.2M.csv")}
    if not os.path.exists(files["one1"]):
        with open(emg) as src, open(files["four"], "w") as four:
            for i, line in enumerate(src):
                if i > TEN_MIN_ROWS:
                    break
                four.write(line)
        # One column: the four channels one after another, 12 M samples (about 140 MB); 1.2 M is its start.
        with open(emg) as src:
            src.readline()
            columns = [[], [], [], []]
            for line in src:
                cells = line.rstrip("\n").split(",")
                for k in range(4):
                    columns[k].append(cells[k + 1])
        values = [v for column in columns for v in column][:12_000_000]
        for path, n in ((files["one12"], 12_000_000), (files["one1"], 1_200_000)):
            with open(path, "w") as f:
                f.write("emg\n")
                f.write("\n".join(values[:n]))
                f.write("\n")
    return files


def agreement(a, b):
    """Largest difference between the two envelopes relative to the envelope's range, ignoring the first second
    (filter start-up, where float and double differ most)."""
    x, y = pd.read_csv(a), pd.read_csv(b)
    n = min(len(x), len(y))
    x, y = x.iloc[100:n, 1:].to_numpy(), y.iloc[100:n, 1:].to_numpy()
    return float(np.max(np.abs(x - y)) / np.max(np.abs(y)))


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    mem_kb = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")))
    dotnet = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
    versions = subprocess.run([PYTHON, "-c", "import pandas, scipy, numpy, sys; print(sys.version.split()[0], pandas.__version__, "
                               "scipy.__version__, numpy.__version__)"], capture_output=True, text=True).stdout.split()
    load = os.getloadavg()
    return (f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} CPUs (nproc), {cpu}, "
            f"{mem_kb / 1024 / 1024:.1f} GiB RAM; .NET SDK {dotnet}; Python {versions[0]}, pandas {versions[1]}, "
            f"scipy {versions[2]}, numpy {versions[3]}; load average at start {load[0]:.1f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", help="folder for the CLI and inputs (kept; default: a new temporary folder)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--baseline-cli", help="an older glutesense to time alongside")
    args = parser.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="glutesense-bench-")
    os.makedirs(work, exist_ok=True)
    print("machine:", machine(), flush=True)
    cli = publish(work)
    files = make_inputs(cli, work)
    scipy_script = os.path.join(ROOT, "bench", "envelope_scipy.py")
    out = lambda name: os.path.join(work, name)

    cases = [("12 M samples, 1 column", files["one12"], []), ("1.2 M samples, 1 column", files["one1"], []),
             ("4 channels x 10 min (1.2 M rows)", files["four"], [])]
    rows = []
    for label, path, extra in cases:
        tools = {"glutesense": [cli, "envelope", "--input", path, "--rate", str(RATE_HZ), "--out", out("g.csv")] + extra,
                 "pandas+scipy": [PYTHON, scipy_script, path, out("p.csv"), "--rate", str(RATE_HZ)]}
        if args.baseline_cli and "channels" not in label:
            tools["glutesense (before)"] = [args.baseline_cli, "envelope", "--input", path, "--rate", str(RATE_HZ), "--out", out("b.csv")]
        results = {name: [] for name in tools}
        for _ in range(args.repeats):
            for name, cmd in tools.items():
                results[name].append(measure(cmd))
        medians = {name: tuple(statistics.median(r[i] for r in rs) for i in range(3)) for name, rs in results.items()}
        speedup = medians["pandas+scipy"][0] / medians["glutesense"][0]
        cpu_ratio = medians["pandas+scipy"][2] / medians["glutesense"][2]
        rows.append((label, medians, speedup, cpu_ratio, agreement(out("g.csv"), out("p.csv"))))
        print(f"{label}: " + "; ".join(f"{n} {s:.2f} s {m:.0f} MB cpu {c:.2f} s" for n, (s, m, c) in medians.items())
              + f"; speed-up {speedup:.1f}x (CPU {cpu_ratio:.1f}x); all runs {results}", flush=True)

    analyze = [measure([cli, "analyze", files["hour"]]) for _ in range(args.repeats)]
    hour_s = int(subprocess.run(["wc", "-l", os.path.join(files["hour"], "emg.csv")], capture_output=True, text=True)
                 .stdout.split()[0]) / RATE_HZ
    a_time, a_mem, a_cpu = (statistics.median(a[i] for a in analyze) for i in range(3))

    print("\n| case | tool | wall s | peak RSS MB | CPU s | pandas+scipy / glutesense, wall (CPU) | max diff / max |")
    print("|---|---|---|---|---|---|---|")
    for label, medians, speedup, cpu_ratio, diff in rows:
        for name, (s, m, c) in medians.items():
            ratio = f"{speedup:.1f}x ({cpu_ratio:.1f}x)" if name == "glutesense" else ""
            agree = f"{diff:.1e}" if name == "glutesense" else ""
            print(f"| {label} | {name} | {s:.2f} | {m:.0f} | {c:.2f} | {ratio} | {agree} |")
    print(f"| analyze, 4 channels x {hour_s / 60:.1f} min at 2 kHz | glutesense | {a_time:.1f} | {a_mem:.0f} | {a_cpu:.1f} | | |")
    print(f"\n{args.repeats} runs per envelope case, {len(analyze)} analyze runs; work folder {work}")
    if not args.work:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
