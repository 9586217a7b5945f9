#!/usr/bin/python3
"""Independent recording generator for GluteSense (issue 15): writes recording folders in format v1
(docs/recording-format.md) plus `independent_truth.json`, from a model written from first principles and NOT from the
project's own simulator (see tests/independent/README.md for the model and what differs on purpose).

Run with Debian's python: /usr/bin/python3 tests/independent/make_recordings.py --out DIR [options]
One recording:  --out DIR --exercise bridge --seed 3 --scenario touch-and-go
A batch:        --batch ROOT --exercises bridge,pull-through --scenarios all --seeds 1-10
                (folders ROOT/<scenario>/<exercise>/s<seed>)
"""
import argparse
import json
import os
import sys

import numpy as np
from scipy import signal, special
from scipy.spatial.transform import Rotation

GRAVITY_MS2 = 9.80665
SIM_RATE_HZ = 500           # kinematics are computed on this grid (5 x the IMU rate), then sampled
SCENARIOS = ["standard", "touch-and-go", "two-stage", "slow-lockout", "unsettled-start", "tonic-baseline",
             "realistic-ecg", "crosstalk", "fatigue", "range-loss", "partial-reps", "skewed-tempo"]
EXERCISES = ["bridge", "pull-through"]
CHANNELS = [("gmax_l", "gluteus maximus", "left"), ("gmax_r", "gluteus maximus", "right"),
            ("es_l", "erector spinae", "left"), ("es_r", "erector spinae", "right")]
TRUTH_FILE = "independent_truth.json"
EMG_RATES_HZ = [1000, 2000]   # make_recording draws one when the rate is not given
SET_STREAM = 7919           # marks the set stream's seed sequence apart from the person's (any constant would do)


# ----------------------------------------------------------------------------------------------------------------------
# movement profiles: s(u) for u in [0, 1], s(0) = 0, s(1) = 1, zero velocity at both ends
def profile(kind, u, rng_params):
    u = np.clip(u, 0.0, 1.0)
    if kind == "minjerk":
        return 10 * u**3 - 15 * u**4 + 6 * u**5
    if kind == "raisedcos":
        return 0.5 * (1 - np.cos(np.pi * u))
    if kind == "skewed":                     # regularised incomplete beta: asymmetric bell velocity
        a, b = rng_params
        return special.betainc(a, b, u)
    raise ValueError(kind)


class Segment:
    """One stage of movement: the angle changes by (a1 - a0) over [t0, t1] with a profile. Stages add up, so a stage
    may start before the previous one has stopped (a slow lock-out blends into the fast part)."""

    def __init__(self, t0, t1, a0, a1, kind, params):
        self.t0, self.t1, self.a0, self.a1, self.kind, self.params = t0, t1, a0, a1, kind, params

    def delta(self, t):
        return (self.a1 - self.a0) * profile(self.kind, (t - self.t0) / (self.t1 - self.t0), self.params)


def pick_profile(rng, scenario):
    kinds = ["minjerk", "raisedcos", "skewed"]
    kind = kinds[rng.integers(3)] if scenario != "skewed-tempo" else "skewed"
    params = None
    if kind == "skewed":
        # beta(a, b) velocity: peak at (a-1)/(a+b-2), from 1/3 to 2/3 of the movement (skewed-tempo: only the two
        # extremes). a, b <= 3 keeps both ends no flatter than minimum jerk (velocity ~ t^2): with larger a or b the
        # velocity stays below 1 % of its peak for over 10 % of the movement and no sensor could place the boundary
        if scenario == "skewed-tempo":
            params = (2.0, 3.0) if rng.random() < 0.5 else (3.0, 2.0)
        else:
            params = (rng.uniform(2.0, 3.0), rng.uniform(2.0, 3.0))
    return kind, params


def movement(rng, t0, duration, a0, a1, scenario, last_stage_slow):
    """Stages of one movement (outward or return). Returns a list of Segments and its end time."""
    stages = []
    if scenario == "two-stage" and rng.random() < 0.7:
        frac = rng.uniform(0.35, 0.65)
        stop_s = rng.uniform(0.25, 0.8)
        d1 = duration * rng.uniform(0.4, 0.6)
        mid = a0 + frac * (a1 - a0)
        k, p = pick_profile(rng, scenario)
        stages.append(Segment(t0, t0 + d1, a0, mid, k, p))
        t = t0 + d1 + stop_s
        k, p = pick_profile(rng, scenario)
        stages.append(Segment(t, t + duration - d1, mid, a1, k, p))
        return stages, t + duration - d1
    if last_stage_slow:
        # slow lock-out: 75-90 % of the way quickly, the rest slowly (velocity never stops in between: the second stage
        # starts while the first is still decelerating, overlap blended by construction of the profile sum)
        frac = rng.uniform(0.75, 0.9)
        d_fast = duration * rng.uniform(0.4, 0.6)
        d_slow = rng.uniform(0.8, 1.6)
        mid = a0 + frac * (a1 - a0)
        stages.append(Segment(t0, t0 + d_fast, a0, mid, "skewed", (2.0, 3.0)))
        stages.append(Segment(t0 + d_fast * 0.8, t0 + d_fast * 0.8 + d_slow, 0.0, a1 - mid, "raisedcos", None))
        return stages, t0 + d_fast * 0.8 + d_slow
    k, p = pick_profile(rng, scenario)
    stages.append(Segment(t0, t0 + duration, a0, a1, k, p))
    return stages, t0 + duration


def render(stages, t, rest_angle):
    angle = np.full_like(t, rest_angle)
    for s in stages:
        angle += s.delta(t)
    return angle


# ----------------------------------------------------------------------------------------------------------------------
def plan_trial(rng, exercise, scenario, n_reps, person=None):
    """The movement plan: rep timing (truth boundaries) and the stages that draw the pelvis angle. `person` draws the
    person's own range (default: rng; see make_recording)."""
    person = rng if person is None else person
    bridge = exercise == "bridge"
    amp = person.uniform(22, 38) if bridge else person.uniform(45, 80)  # pelvis excursion, degrees
    t = rng.uniform(2.0, 4.0)
    unsettled = None
    if scenario == "unsettled-start":
        unsettled = (0.0, rng.uniform(1.2, 2.2))                           # fidgeting from the first sample, then still
        t = unsettled[1] + rng.uniform(1.3, 2.5)
    stages, reps = [], []
    rest = 0.0
    partial_at = set()
    if scenario == "partial-reps":
        partial_at = set(rng.choice(np.arange(2, n_reps), size=min(2, n_reps - 2), replace=False).tolist())
    elif rng.random() < 0.3 and n_reps > 3:
        partial_at = {int(rng.integers(1, n_reps))}
    prev_end = None
    for i in range(n_reps):
        if scenario == "range-loss":
            scale = 1.0 - (1.0 - rng.uniform(0.78, 0.85)) * i / max(1, n_reps - 1)
        else:
            scale = rng.uniform(0.93, 1.07)
        partial = i in partial_at
        if partial:
            scale = rng.uniform(0.35, 0.58)
        a = amp * scale
        if scenario == "skewed-tempo":
            out_s, ret_s = rng.uniform(0.7, 4.5), rng.uniform(0.7, 5.0)
        else:
            out_s, ret_s = rng.uniform(0.8, 3.2), rng.uniform(0.9, 3.8)
        hold_s = rng.uniform(0.0, 3.0) if bridge else rng.uniform(0.0, 0.4)
        if rng.random() < 0.15:
            hold_s = 0.0
        start = t
        slow = scenario == "slow-lockout" and rng.random() < 0.8
        out_stages, out_end = movement(rng, start, out_s, rest, rest + a, scenario, slow and bridge)
        peak = rest + a
        ret_start = out_end + hold_s
        next_rest = rng.normal(0.0, 0.03 * amp)                             # a patient never returns to the same pose
        ret_stages, end = movement(rng, ret_start, ret_s, peak, next_rest, scenario, slow and not bridge)
        stages += out_stages + ret_stages
        reps.append({"index": i + 1, "kind": "partial" if partial else "full", "start_s": start, "outward_end_s": out_end,
                     "return_start_s": ret_start, "end_s": end, "amplitude_deg": a,
                     "pause_before_s": (start - prev_end) if prev_end is not None else start - (unsettled[1] if unsettled else 0.0)})
        prev_end = end
        rest = next_rest
        if scenario == "touch-and-go":
            t = end + (0.0 if rng.random() < 0.3 else rng.uniform(0.0, 0.3))
        else:
            t = end + rng.uniform(0.6, 4.0)
    duration = prev_end + rng.uniform(1.5, 3.0)
    return amp, stages, reps, duration, unsettled


# ----------------------------------------------------------------------------------------------------------------------
def lowpass_noise(rng, n, rate_hz, cutoff_hz, rms):
    sos = signal.butter(2, cutoff_hz, fs=rate_hz, output="sos")
    x = signal.sosfilt(sos, rng.standard_normal(n + 2 * rate_hz))[2 * rate_hz:]
    return x / (np.std(x) + 1e-12) * rms


def kinematics(rng, exercise, scenario, plan, imu_names, imu_rate_hz, person=None):
    """Per IMU: sensor-frame gyro (rad/s) and accelerometer (m/s^2) at imu_rate_hz, and the truth about the mounting.
    `person` draws what stays with the person and the board (lumbo-pelvic rhythm, mounting, sensor biases)."""
    person = rng if person is None else person
    amp, stages, reps, duration, unsettled = plan
    t = np.arange(0.0, duration, 1.0 / SIM_RATE_HZ)
    pelvis = render(stages, t, 0.0)
    bridge = exercise == "bridge"
    moving = np.abs(np.gradient(pelvis, t))
    # physiological sway: supine is quieter than standing; holding a loaded top position trembles a little more
    sway_rms = 0.05 if bridge else 0.15
    in_hold = np.zeros_like(t, dtype=bool)
    for r in reps:
        in_hold |= (t >= r["outward_end_s"]) & (t < r["return_start_s"])
    sway_gain = np.where(in_hold, 1.6, 1.0)
    if unsettled:
        fid = (t >= unsettled[0]) & (t < unsettled[1])
        fidget = np.zeros_like(t)
        # a wobble already under way at the first sample, dying out (angle and rate 0) when the rest begins
        u = (t[fid] - unsettled[0]) / (unsettled[1] - unsettled[0])
        fidget[fid] = rng.uniform(3, 8) * np.sin(2 * np.pi * rng.uniform(1.0, 1.5) * (t[fid] - unsettled[0])) * (1 - u) ** 2
        pelvis = pelvis + fidget
    # the lumbar spine (L3) follows the pelvis with its own small share of the movement; the trunk angle (L3 against
    # gravity) is pelvis + lumbar. Lumbo-pelvic rhythm: a share in the direction of the movement is extension in a bridge
    # (the low back arches as the hips rise) and flexion in a hinge (the trunk bends further forward than the pelvis
    # tilts, the back rounds), so the hinge's -12 to +5 % runs from a little extension to a little flexion
    lumbar_gain = person.uniform(-0.12, 0.05) if not bridge else person.uniform(0.0, 0.25)
    lumbar = lumbar_gain * pelvis
    # off-axis motion: a little lateral tilt and axial rotation that follows the movement (nobody moves in one plane)
    lat_gain, ax_gain = person.uniform(-0.08, 0.08), person.uniform(-0.06, 0.06)
    seg_angles = {"sacrum": pelvis, "lumbar": pelvis + lumbar}
    out, truth = {}, []
    dt = 1.0 / SIM_RATE_HZ
    step = SIM_RATE_HZ // imu_rate_hz
    for name in imu_names:
        pitch = np.radians(seg_angles[name] + lowpass_noise(rng, t.size, SIM_RATE_HZ, 1.5, sway_rms) * sway_gain)
        roll = np.radians(lat_gain * seg_angles[name] + lowpass_noise(rng, t.size, SIM_RATE_HZ, 1.5, sway_rms) * sway_gain)
        yaw = np.radians(ax_gain * seg_angles[name] + lowpass_noise(rng, t.size, SIM_RATE_HZ, 1.0, sway_rms))
        # world: x anterior, y left, z up. Segment pose at rest: standing upright, or supine (anterior facing up).
        base = Rotation.from_euler("y", -90 if bridge else 0, degrees=True)
        seg = Rotation.from_euler("zxy", np.column_stack([yaw, roll, pitch])) * base
        mount = Rotation.random(random_state=int(person.integers(2**31)))    # sensor -> segment, unknown to the file
        sensor = seg * mount                                                 # sensor -> world
        # body rates from the rotation between neighbouring samples
        rel = sensor[:-1].inv() * sensor[1:]
        w_body = rel.as_rotvec() / dt
        w_body = np.vstack([w_body, w_body[-1:]])
        # sensor position: the pelvis on an arc about the knees (bridge) or the hips moving back (hinge); L3 a hand
        # above; accelerations by double differentiation
        th = np.radians(pelvis)
        if bridge:
            r = 0.45 if name == "sacrum" else 0.62
            pos = np.column_stack([r * (1 - np.cos(th)), np.zeros_like(th), r * np.sin(th)])
        else:
            up = 0.0 if name == "sacrum" else 0.18
            pos = np.column_stack([-0.16 * np.sin(th) + up * np.sin(th), np.zeros_like(th), up * np.cos(th) - 0.04 * (1 - np.cos(th))])
        acc_w = np.gradient(np.gradient(pos, dt, axis=0), dt, axis=0)
        if bridge:
            # the pelvis landing on the mat at the end of a rep: a short damped bump
            for rp in reps:
                if rng.random() < 0.6:
                    k = (t >= rp["end_s"]) & (t < rp["end_s"] + 0.12)
                    tau = t[k] - rp["end_s"]
                    acc_w[k, 2] += rng.uniform(1.0, 4.0) * np.exp(-tau / 0.02) * np.sin(2 * np.pi * 18 * tau)
        specific = acc_w + np.array([0.0, 0.0, GRAVITY_MS2])
        acc_s = sensor.inv().apply(specific)
        gyro_bias = person.uniform(-0.03, 0.03, 3)                           # up to ~1.7 deg/s per axis
        gyro_drift = rng.uniform(-0.002, 0.002, 3)                           # rad/s over the trial (warm-up)
        acc_bias = person.uniform(-0.15, 0.15, 3)
        acc_scale = 1 + person.uniform(-0.015, 0.015, 3)
        idx = np.arange(0, t.size, step)
        ti = t[idx]
        gyr = w_body[idx] + gyro_bias + np.outer(ti / duration, gyro_drift) + rng.normal(0, 0.004, (idx.size, 3))
        acc = acc_s[idx] * acc_scale + acc_bias + rng.normal(0, 0.03, (idx.size, 3))
        out[name] = (ti, gyr, acc)
        q = mount.as_quat()                                                  # x, y, z, w
        truth.append({"name": name, "mounting_wxyz": [q[3], q[0], q[1], q[2]], "gyro_bias_rad_s": gyro_bias.tolist(),
                      "gyro_drift_rad_s": gyro_drift.tolist(), "acc_bias_ms2": acc_bias.tolist()})
    # signed extension (+) at the turning point: the share itself in a bridge, its negative in a hinge (see above)
    extension_sign = 1.0 if bridge else -1.0
    lumbar_top = [extension_sign * float(np.mean(lumbar[(t >= r["outward_end_s"] - 0.02) & (t <= r["return_start_s"] + 0.02)]))
                  for r in reps]
    return out, truth, t, moving, lumbar_top


# ----------------------------------------------------------------------------------------------------------------------
# EMG: band-limited Gaussian noise (spectrum peaking at 60-120 Hz) scaled by an activation profile
def emg_carrier(rng, n, rate_hz, peak_hz):
    sos = signal.butter(2, [peak_hz / 1.9, min(peak_hz * 1.9, 0.45 * rate_hz)], btype="bandpass", fs=rate_hz, output="sos")
    x = signal.sosfilt(sos, rng.standard_normal(n + rate_hz))[rate_hz:]
    return x / np.std(x)


def one_pole(x, tau_s, rate_hz):
    a = np.exp(-1.0 / (tau_s * rate_hz))
    return signal.lfilter([1 - a], [1, -a], x, zi=[x[0] * a])[0]


def activation_levels(rng, exercise, channel, gmax_scale):
    """Fractions of MVC for (outward, hold, return) and the onset lead (s, + = before the movement starts)."""
    gmax = channel.startswith("gmax")
    if exercise == "bridge":
        lv = [rng.uniform(0.22, 0.45), rng.uniform(0.18, 0.38), rng.uniform(0.10, 0.22)] if gmax else \
             [rng.uniform(0.07, 0.16), rng.uniform(0.06, 0.14), rng.uniform(0.05, 0.11)]
        lead = rng.uniform(0.03, 0.25) if gmax else rng.uniform(-0.12, 0.18)
    else:  # pull-through: outward = hinging forward against the cable (eccentric), return = standing up (concentric)
        lv = [rng.uniform(0.10, 0.25), rng.uniform(0.15, 0.30), rng.uniform(0.28, 0.50)] if gmax else \
             [rng.uniform(0.14, 0.30), rng.uniform(0.16, 0.32), rng.uniform(0.22, 0.42)]
        lead = rng.uniform(-0.05, 0.22) if gmax else rng.uniform(-0.05, 0.22)
    if gmax:
        lv = [v * gmax_scale for v in lv]
    return lv, lead


def make_emg(rng, exercise, scenario, plan, t_sim, rate_hz, gmax_scale, mains_hz, person=None):
    """`person` draws what stays with the person and the electrodes (rest and tonic levels, activation time constant,
    MVC, spectrum, crosstalk and ECG gains, hum, amplifier noise level, DC offset); rng the set's own draws."""
    person = rng if person is None else person
    amp, stages, reps, duration, unsettled = plan
    n = int(round(duration * rate_hz))
    t = np.arange(n) / rate_hz
    names = [c[0] for c in CHANNELS]
    speed = np.interp(t, t_sim, np.abs(np.gradient(render(stages, t_sim, 0.0), t_sim)))
    fatigue = np.clip((t - reps[0]["start_s"]) / max(1e-3, reps[-1]["end_s"] - reps[0]["start_s"]), 0, 1) \
        if scenario == "fatigue" else np.zeros(n)
    tonic = scenario == "tonic-baseline"
    act, onsets, drives = {}, {}, {}
    for ch in names:
        rest = person.uniform(0.008, 0.025)
        base = person.uniform(0.06, 0.14) if tonic and (exercise == "pull-through" or person.random() < 0.6) else rest
        target = np.full(n, base)
        times = []
        tau_on = person.uniform(0.04, 0.12)
        for r in reps:
            lv, lead = activation_levels(rng, exercise, ch, gmax_scale)
            if r["kind"] == "partial":
                lv = [v * 0.7 for v in lv]
            on = r["start_s"] - lead
            off = r["end_s"] + rng.uniform(-0.15, 0.1)
            seg = [(on, r["outward_end_s"], lv[0]), (r["outward_end_s"], r["return_start_s"], lv[1]), (r["return_start_s"], off, lv[2])]
            for a, b, v in seg:
                target[(t >= a) & (t < b)] = max(v, base + 0.04)
            times.append(on)
        # exponential approach to each new level: a step in drive gives an onset with a sharp start and a smooth rise
        a = one_pole(target, tau_on, rate_hz)
        if scenario == "fatigue":
            a = a * (1 + rng.uniform(0.2, 0.4) * fatigue)
        act[ch] = a
        onsets[ch] = times
        drives[ch] = target
    mvc_uv = {ch: (person.uniform(180, 650) if ch.startswith("gmax") else person.uniform(120, 420)) for ch in names}
    peak_hz = {ch: person.uniform(60, 120) for ch in names}
    raw = {}
    for ch in names:
        carrier = emg_carrier(rng, n, rate_hz, peak_hz[ch])
        if scenario == "fatigue":  # spectral compression: fade into a carrier whose band is 20-35 % lower
            slow = emg_carrier(rng, n, rate_hz, peak_hz[ch] * rng.uniform(0.65, 0.8))
            carrier = np.sqrt(1 - fatigue) * carrier + np.sqrt(fatigue) * slow
        raw[ch] = mvc_uv[ch] * act[ch] * carrier
    if scenario == "crosstalk":
        # hamstrings into GMax (their own activity, starting with or after GMax), contralateral ES into ES
        for side in "lr":
            ham = one_pole(np.roll(drives[f"gmax_{side}"], int(person.uniform(0.0, 0.2) * rate_hz)) * person.uniform(0.8, 1.2),
                           0.08, rate_hz)
            raw[f"gmax_{side}"] += person.uniform(0.1, 0.25) * 400 * ham * emg_carrier(rng, n, rate_hz, person.uniform(50, 90))
        es_l, es_r = raw["es_l"].copy(), raw["es_r"].copy()
        raw["es_l"] += person.uniform(0.15, 0.35) * es_r
        raw["es_r"] += person.uniform(0.15, 0.35) * es_l
    # ECG: P, QRS (Ricker wavelet, 20-40 Hz content) and T waves at a variable heart rate; strongest on ES
    ecg = np.zeros(n)
    hr_bpm = rng.uniform(55, 95)
    beat = rng.uniform(0, 0.8)
    sigma = person.uniform(0.006, 0.010)
    while beat < duration:
        k0, k1 = int(max(0, (beat - 0.35) * rate_hz)), int(min(n, (beat + 0.5) * rate_hz))
        tt = t[k0:k1] - beat
        ricker = (1 - (tt / sigma) ** 2) * np.exp(-0.5 * (tt / sigma) ** 2)
        p_wave = 0.12 * np.exp(-0.5 * ((tt + 0.16) / 0.02) ** 2)
        t_wave = 0.25 * np.exp(-0.5 * ((tt - 0.28) / 0.045) ** 2)
        ecg[k0:k1] += ricker + p_wave + t_wave
        beat += 60.0 / hr_bpm * rng.uniform(0.93, 1.07)
    ecg_uv = person.uniform(40, 150) if scenario == "realistic-ecg" else person.uniform(5, 30)
    wander_phase = rng.uniform(0, 2 * np.pi, 3)
    out = {}
    for ch in names:
        gain = ecg_uv * (1.0 if ch == "es_l" else 0.6 if ch == "es_r" else 0.08) * person.uniform(0.8, 1.2)
        hum = person.uniform(2, 20) * (np.sin(2 * np.pi * mains_hz * t + rng.uniform(0, 6.3))
                                    + 0.3 * np.sin(2 * np.pi * 3 * mains_hz * t + rng.uniform(0, 6.3)))
        wander = sum(rng.uniform(20, 150) * np.sin(2 * np.pi * f * t + p) for f, p in zip((0.07, 0.21, 0.43), wander_phase))
        motion = lowpass_noise(rng, n, rate_hz, 12.0, 1.0) * speed / (speed.max() + 1e-9) * rng.uniform(10, 50)
        noise = rng.normal(0, person.uniform(1.5, 4.0), n)                  # electrode and amplifier noise
        offset = person.uniform(-30000, 30000)                               # electrode DC offset, uV
        out[ch] = raw[ch] + gain * ecg + hum + wander + motion + noise + offset
    return t, out, onsets, mvc_uv, {"heart_rate_bpm": hr_bpm, "ecg_r_uv": ecg_uv, "qrs_sigma_s": sigma}


def envelope(t, x, rate_hz, mains_hz):
    """RMS envelope as a board would compute it: 20-450 Hz band-pass, mains notch, 50 ms RMS every 10 ms, stamped at
    the window's last sample."""
    sos = signal.butter(2, [20, min(450, 0.45 * rate_hz)], btype="bandpass", fs=rate_hz, output="sos")
    b, a = signal.iirnotch(mains_hz, 30, fs=rate_hz)
    y = signal.lfilter(b, a, signal.sosfilt(sos, x - x[0]))
    win, hop = int(0.05 * rate_hz), int(0.01 * rate_hz)
    c = np.concatenate([[0.0], np.cumsum(y * y)])
    ends = np.arange(win, len(y) + 1, hop)
    rms = np.sqrt((c[ends] - c[ends - win]) / win)
    return t[ends - 1], rms, sos


# ----------------------------------------------------------------------------------------------------------------------
def write_csv(path, header, cols, decimals):
    """Plain CSV, each column rounded to its decimals (shortest text for the rounded value: fast and exact)."""
    data = np.column_stack(cols)
    text = np.column_stack([np.round(data[:, j], d).astype(str) for j, d in enumerate(decimals)])
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        f.write("\n".join(map(",".join, text.tolist())))
        f.write("\n")


def recording_stream(seed, scenario, exercise):
    """The random stream of a recording (the person's, when a set seed splits it)."""
    return np.random.default_rng([seed, SCENARIOS.index(scenario), EXERCISES.index(exercise)])


def default_plan(seed, scenario, exercise, n_reps):
    """The movement plan of make_recording(seed, scenario, exercise, n_reps) made with its default options (EMG rate and
    IMU set drawn, no set seed): the draws make_recording takes before planning, then the plan. For the scripts that
    need the generator's own movement without its recording (boundary_misses, boundary_limit, profile_spread)."""
    rng = recording_stream(seed, scenario, exercise)
    rng.choice(EMG_RATES_HZ)        # make_recording: the EMG rate when not given
    rng.random()                    # make_recording: the IMU set when not given
    return plan_trial(rng, exercise, scenario, n_reps)


def make_recording(out_dir, exercise, seed, scenario="standard", reps=8, subject="ind-001", gmax_scale=1.0,
                   mode="raw", emg_rate_hz=None, imus=None, protocol=None, mains_hz=50, set_seed=None):
    """One recording. `seed` is the person (with the scenario and exercise). Without `set_seed` one random stream draws
    everything, so a seed is one recording (every batch and table so far). With it, two streams: the person's (range,
    lumbo-pelvic rhythm, IMU mounting and biases, electrode and muscle properties: what stays the same between the sets
    of one visit, board and electrodes left on) and the set's (timing, per-repetition activation levels and leads,
    sway and every noise): two sets of one person with different set seeds are two sets of the same person."""
    person = recording_stream(seed, scenario, exercise)
    rng = person if set_seed is None else \
        np.random.default_rng([seed, SCENARIOS.index(scenario), EXERCISES.index(exercise), SET_STREAM, set_seed])
    emg_rate_hz = emg_rate_hz or int(person.choice(EMG_RATES_HZ))
    imu_rate_hz = 100
    if imus is None:
        imus = ["lumbar", "sacrum"] if person.random() < 0.6 else ["lumbar"]
    plan = plan_trial(rng, exercise, scenario, reps, person)
    imu_data, imu_truth, t_sim, _, lumbar_top = kinematics(rng, exercise, scenario, plan, imus, imu_rate_hz, person)
    t, emg, onsets, mvc_uv, ecg_info = make_emg(rng, exercise, scenario, plan, t_sim, emg_rate_hz, gmax_scale, mains_hz, person)
    os.makedirs(out_dir, exist_ok=True)
    names = [c[0] for c in CHANNELS]
    meta = {"format": "glutesense-recording/1", "exercise": exercise, "subject": subject, "side": "both",
            "emgRateHz": emg_rate_hz, "imuRateHz": imu_rate_hz, "envelopeRateHz": 100,
            "channels": [{"name": n, "muscle": m, "side": s} for n, m, s in CHANNELS],
            "imus": [{"name": n, "site": n} for n in imus],
            "units": {"time": "s", "emg": "uV", "envelope": "uV (RMS)", "gyro": "rad/s", "accel": "m/s^2", "mag": "uT"},
            "gaps": [], "source": f"independent generator (tests/independent), seed {seed}, scenario {scenario}", "notes": ""}
    if mode in ("raw", "both"):
        write_csv(os.path.join(out_dir, "emg.csv"), ["time_s"] + names, [t] + [emg[c] for c in names],
                  [4] + [3] * 4)
    if mode in ("envelope", "both"):
        env = [envelope(t, emg[c], emg_rate_hz, mains_hz) for c in names]
        write_csv(os.path.join(out_dir, "envelope.csv"), ["time_s"] + names, [env[0][0]] + [e[1] for e in env],
                  [4] + [3] * 4)
        meta["envelopeChain"] = {"sampleRateHz": emg_rate_hz, "bandPassLowHz": 20, "bandPassHighHz": 450,
                                 "bandPassDesign": "scipy butter(2) band-pass, causal", "notch": f"IIR notch {mains_hz} Hz, Q 30",
                                 "rmsWindowMs": 50, "envelopeRateHz": 100, "linearEnvelope": False,
                                 "coefficientSource": "scipy.signal (independent generator)",
                                 "sections": env[0][2].round(9).tolist()}
    if protocol:
        meta.update(protocol)
    with open(os.path.join(out_dir, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1)
    for name, (ti, gyr, acc) in imu_data.items():
        write_csv(os.path.join(out_dir, f"imu_{name}.csv"), ["time_s", "gyr_x", "gyr_y", "gyr_z", "acc_x", "acc_y", "acc_z"],
                  [ti, gyr, acc], [3] + [6] * 6)
    amp, _, rep_plan, duration, unsettled = plan
    truth_reps = []
    prev_end = None
    for i, r in enumerate(rep_plan):
        still_before = r["pause_before_s"]
        rr = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items()}
        rr["onsets_s"] = {c: round(onsets[c][i], 4) for c in names}
        rr["lumbar_extension_at_top_deg"] = round(lumbar_top[i], 3)
        truth_reps.append(rr)
        prev_end = r["end_s"]
    truth = {"schema": "glutesense-independent-truth/1", "generator": "tests/independent/make_recordings.py",
             "seed": seed, "exercise": exercise, "scenario": scenario, "duration_s": round(duration, 3),
             "emg_rate_hz": emg_rate_hz, "imu_rate_hz": imu_rate_hz, "mode": mode, "imus": imu_truth,
             "reference_amplitude_deg": round(amp, 3),
             "outward_phase": "concentric" if exercise == "bridge" else "eccentric",
             "unsettled_until_s": unsettled[1] if unsettled else None, "mvc_rms_uv": mvc_uv, "ecg": ecg_info,
             "gmax_scale": gmax_scale, "reps": truth_reps}
    if set_seed is not None:
        truth["set_seed"] = set_seed
    with open(os.path.join(out_dir, TRUTH_FILE), "w") as f:
        json.dump(truth, f, indent=1)
    return truth


def parse_seeds(text):
    out = []
    for part in text.split(","):
        if "-" in part:
            a, b = part.split("-")
            out += list(range(int(a), int(b) + 1))
        else:
            out.append(int(part))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", help="one recording folder")
    ap.add_argument("--batch", help="root folder of a batch: ROOT/<scenario>/<exercise>/s<seed>")
    ap.add_argument("--exercise", default="bridge", choices=EXERCISES)
    ap.add_argument("--exercises", default="bridge,pull-through")
    ap.add_argument("--scenario", default="standard", choices=SCENARIOS)
    ap.add_argument("--scenarios", default="all", help="comma list or 'all' (batch)")
    ap.add_argument("--reps", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seeds", default="1-5", help="e.g. 1-30 or 1,4,9 (batch)")
    ap.add_argument("--subject", default="ind-001")
    ap.add_argument("--gmax-scale", type=float, default=1.0, help="multiplier on GMax activation")
    ap.add_argument("--mode", default="raw", choices=["raw", "envelope", "both"])
    ap.add_argument("--emg-rate", type=int, choices=[1000, 2000], help="default: 1000 or 2000 by seed")
    ap.add_argument("--imus", help="comma list of lumbar,sacrum (default: lumbar, plus sacrum in 60 %% by seed)")
    ap.add_argument("--mains", type=int, default=50, choices=[50, 60])
    ap.add_argument("--set-seed", type=int, help="the set's own random stream: sets of one person (one --seed) with "
                    "different set seeds (default: none, one stream draws the whole recording)")
    ap.add_argument("--set-index", type=int)
    ap.add_argument("--set-label")
    ap.add_argument("--condition", choices=["test", "treat", "retest", "control"])
    a = ap.parse_args(argv)
    if a.reps < 2 or a.reps > 60:
        ap.error("--reps must be 2-60")
    if not 0.1 <= a.gmax_scale <= 5:
        ap.error("--gmax-scale must be 0.1-5")
    protocol = {}
    if a.set_index is not None:
        protocol["set"] = {"index": a.set_index}
        if a.set_label:
            protocol["set"]["label"] = a.set_label
    if a.condition:
        protocol["condition"] = a.condition
    imus = a.imus.split(",") if a.imus else None
    common = dict(reps=a.reps, subject=a.subject, gmax_scale=a.gmax_scale, mode=a.mode, emg_rate_hz=a.emg_rate,
                  imus=imus, protocol=protocol, mains_hz=a.mains, set_seed=a.set_seed)
    if a.batch:
        scen = SCENARIOS if a.scenarios == "all" else a.scenarios.split(",")
        for sc in scen:
            if sc not in SCENARIOS:
                ap.error(f"unknown scenario {sc}")
            for ex in a.exercises.split(","):
                for seed in parse_seeds(a.seeds):
                    make_recording(os.path.join(a.batch, sc, ex, f"s{seed}"), ex, seed, sc, **common)
        return 0
    if not a.out:
        ap.error("give --out DIR or --batch ROOT")
    truth = make_recording(a.out, a.exercise, a.seed, a.scenario, **common)
    print(f"{a.exercise} ({a.scenario}), seed {a.seed}: {len(truth['reps'])} reps, {truth['duration_s']} s -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
