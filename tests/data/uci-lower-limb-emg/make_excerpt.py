#!/usr/bin/env python3
"""Makes the excerpt of the UCI "EMG dataset in Lower Limb" kept in this folder (README.md). Run from the repository
root with the shared data folder as argument:

    /usr/bin/python3 tests/data/uci-lower-limb-emg/make_excerpt.py ../shared/data/uci-lower-limb-emg

Writes, for the 10 distinct normal subjects (2N is a byte copy of 1N and is left out) and the tasks `sen` (sitting knee
extension) and `pie` (standing knee flexion): `{s}N{task}_knee.csv`, the goniometer angle FX at its own 50 Hz (every
20th row of the 1000 Hz file, where the source repeats each 50 Hz value 20 times); and for the `sen` task of subjects
EMG_SUBJECTS: `{s}Nsen_rf_vm.csv`, the rectus femoris and vastus medialis EMG (mV) at 1000 Hz. Values are copied
as text, unchanged; rows without the four EMG values are dropped (as pyemgpipeline's loader does).
"""
import os
import sys

SUBJECTS = [1, 3, 4, 5, 6, 7, 8, 9, 10, 11]
EMG_SUBJECTS = [1, 3, 4, 5, 6, 7]


def rows(path):
    with open(path) as f:
        lines = f.read().splitlines()[7:]
    for line in lines:
        parts = line.split("\t")
        if len(parts) >= 5 and all(p.strip() for p in parts[:5]):
            yield [p.strip() for p in parts[:5]]


def main(source):
    here = os.path.dirname(os.path.abspath(__file__))
    for s in SUBJECTS:
        for task in ("sen", "pie"):
            data = list(rows(os.path.join(source, f"{s}N{task}.txt")))
            with open(os.path.join(here, f"{s}N{task}_knee.csv"), "w") as f:
                f.write("time_s,knee_deg\n")
                for i in range(0, len(data), 20):
                    f.write(f"{i / 1000:.2f},{data[i][4]}\n")
            if task == "sen" and s in EMG_SUBJECTS:
                with open(os.path.join(here, f"{s}Nsen_rf_vm.csv"), "w") as f:
                    f.write("rf_mv,vm_mv\n")
                    for r in data:
                        f.write(f"{r[0]},{r[2]}\n")


if __name__ == "__main__":
    main(sys.argv[1])
