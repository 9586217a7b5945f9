#!/usr/bin/python3
"""Cut the BROAD test excerpt from the shared gzipped CSVs.

Usage: /usr/bin/python3 tests/data/broad-imu-omc/make_excerpt.py SHARED_DIR OUT_DIR
Keeps every sample (the AHRS needs the full 285.714 Hz rate) and the columns the benchmark needs, with fewer digits:
gyr 4 decimals (1e-4 rad/s), acc 3 decimals (1 mm/s^2), mag 1 decimal (0.1 uT, about 0.1 deg of heading in a 50 uT field), optical quaternion 4 decimals,
movement flag. time_s is dropped (it is index / 285.714 Hz). Rows with lost markers keep 'nan'.
"""
import gzip, sys, os

TRIALS = ["02_undisturbed_slow_rotation_B", "07_undisturbed_fast_rotation_B",
          "10_undisturbed_slow_translation_A", "24_disturbed_tapping_A"]
DECIMALS = {"gyr": 4, "acc": 3, "mag": 1, "opt": 4}
COLUMNS = ["gyr_x", "gyr_y", "gyr_z", "acc_x", "acc_y", "acc_z", "mag_x", "mag_y", "mag_z",
           "opt_qw", "opt_qx", "opt_qy", "opt_qz", "movement"]


def fmt(name, text):
    if name == "movement":
        return str(int(float(text)))
    value = float(text)
    if value != value:
        return "nan"
    s = "%.*f" % (DECIMALS[name.split("_")[0]], value)
    s = s.rstrip("0").rstrip(".") if "." in s else s
    return "0" if s in ("-0", "") else s


def main(src, dst):
    for trial in TRIALS:
        with gzip.open(os.path.join(src, trial + ".csv.gz"), "rt") as f:
            header = f.readline().strip().split(",")
            idx = [header.index(c) for c in COLUMNS]
            out = [",".join(COLUMNS)]
            for line in f:
                parts = line.strip().split(",")
                out.append(",".join(fmt(c, parts[i]) for c, i in zip(COLUMNS, idx)))
        with gzip.GzipFile(os.path.join(dst, trial + ".csv.gz"), "wb", compresslevel=9, mtime=0) as g:
            g.write(("\n".join(out) + "\n").encode())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
