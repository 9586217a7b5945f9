#!/usr/bin/python3
"""The `glutesense envelope` chain written the way a researcher would with pandas + scipy, for the benchmark.

Same chain as host/GluteSense.Host/Dsp/EnvelopeRunner.cs with the firmware core's EmgChannel: Butterworth band-pass
20-450 Hz (scipy.signal.butter(2, ..., output='sos'), the design the board's coefficient tables are rounded from),
a 50 Hz notch (scipy.signal.iirnotch(50, 30)), both run causally with sosfilt; then a causal rectangular RMS over the
window (50 ms) taken every 1/envelope-rate s at the window's last sample. The board runs in float32, this in float64,
as a pandas user would; bench/run.py checks the two outputs agree.

Usage: /usr/bin/python3 bench/envelope_scipy.py INPUT.csv OUT.csv --rate 2000 [--window-ms 50] [--envelope-rate 100]
INPUT: a CSV with a header; a time_s column is dropped and every other column is a channel.
"""
import argparse

import numpy as np
import pandas as pd
from scipy import signal


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("input")
    parser.add_argument("out")
    parser.add_argument("--rate", type=int, required=True)
    parser.add_argument("--window-ms", type=int, default=50)
    parser.add_argument("--envelope-rate", type=int, default=100)
    parser.add_argument("--mains", type=int, default=50)
    args = parser.parse_args()

    frame = pd.read_csv(args.input)
    frame = frame.drop(columns=[c for c in frame.columns if c == "time_s"])
    fs = args.rate
    sos = np.vstack([signal.butter(2, [20, 450], "bandpass", fs=fs, output="sos"),
                     signal.tf2sos(*signal.iirnotch(args.mains, 30, fs=fs))])
    filtered = signal.sosfilt(sos, frame.to_numpy(dtype=np.float64), axis=0)

    window = args.window_ms * fs // 1000
    hop = fs // args.envelope_rate
    squares = pd.DataFrame(filtered * filtered, columns=frame.columns)
    rms = np.sqrt(squares.rolling(window).mean().iloc[window - 1::hop])
    rms.insert(0, "time_s", rms.index / fs)
    rms.to_csv(args.out, index=False, float_format="%.7g")


if __name__ == "__main__":
    main()
