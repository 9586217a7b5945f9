#!/usr/bin/python3
"""Counts the tests (xunit [Fact] / [Theory] methods; a theory counts once) by the kind of reference they check
against, for the table in docs/testing.md:

    /usr/bin/python3 scripts/test_references.py            # table
    /usr/bin/python3 scripts/test_references.py --list     # every test with its kind

A test is classified by the first matching rule below, applied to its method body and the private helpers of its
class that the body calls (one level). The rules are textual (names of fixtures, scripts, readers and simulators),
so the counts are a measurement of how the suite is built, not a proof; --list shows each decision.
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# (kind, pattern) in priority order: the most independent reference wins.
RULES = [
    ("scipy/statsmodels/R fixture or script", r"_scipy|SignalChainFixture|stats_scipy|biquad_scipy|check_compare_scipy|Scipy|scipy"),
    ("MNE-Python reader", r"read_edf_mne|ReadWithMne"),
    ("Python golden bytes", r"GoldenVector|protocol_golden"),
    ("datasheet / standard / upstream source", r"DS-0|datasheet|Datasheet|ADS1298|BlueZ|MockBlueZ|EDF\+|Falconer|Shrout|ISEK"),
    ("real recorded data", r"RepoPaths\.Data|BroadData|santuz|biosppy"),
    ("hand-worked values", r"by hand|hand-worked|Hand|worked out|closed form"),
    ("project simulator only", r"Simulator\.|SimulationSettings|SimulatedRecording|SimulatedSession|VirtualBoard|SimulatedLink|ClinicDemo|\"demo\"|\"simulate\"|Simulate\("),
    ("behaviour / structure (errors, layering, round trips)", r"."),
]
TEST_ATTR = re.compile(r"\[(Fact|Theory)\b")
METHOD = re.compile(r"(public|private|internal)\s+(async\s+)?[\w<>\[\],. ?]+\s+(\w+)\s*\(")


def body_at(text, start):
    """The text from start to the end of the brace block (or expression body) that follows it."""
    brace, arrow = text.find("{", start), text.find("=>", start)
    if brace < 0 or (0 <= arrow < brace and ";" not in text[start:arrow]):
        end = text.find(";\n", arrow)
        return text[start:end + 1] if arrow >= 0 and end >= 0 else text[start:]
    i = brace
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return text[start:j + 1]
    return text[start:]


def helpers(text):
    out = {}
    for m in METHOD.finditer(text):
        try:
            out[m.group(3)] = body_at(text, m.start())
        except ValueError:
            pass
    return out


def classify(path):
    text = path.read_text()
    # The class comment and the test's own doc comment count as part of the test's text (they name the reference).
    header = text[:text.find("class ")] if "class " in text else ""
    methods = helpers(text)
    found = []
    for m in TEST_ATTR.finditer(text):
        sig = METHOD.search(text, m.end())
        if not sig:
            continue
        body = body_at(text, sig.start())
        doc_start = text.rfind("}", 0, m.start())
        doc = text[doc_start + 1:m.start()]
        called = "".join(methods.get(name, "") for name in set(re.findall(r"\b(\w+)\s*\(", body)) if name != sig.group(3))
        scope = header + doc + body + called
        kind = next(k for k, pattern in RULES if re.search(pattern, scope))
        found.append((sig.group(3), kind))
    return found


def main():
    rows = []
    for path in sorted((ROOT / "tests").rglob("*Tests.cs")):
        if "/bin/" in str(path) or "/obj/" in str(path):
            continue
        for name, kind in classify(path):
            rows.append((str(path.relative_to(ROOT)), name, kind))
    if "--list" in sys.argv:
        for r in rows:
            print("\t".join(r))
        return
    total = len(rows)
    print(f"| reference | tests | share |\n|---|---|---|")
    for kind, _ in RULES:
        n = sum(1 for r in rows if r[2] == kind)
        print(f"| {kind} | {n} | {100 * n / total:.0f} % |")
    independent = sum(1 for r in rows if r[2] in [k for k, _ in RULES[:6]])
    print(f"| **independent reference (first six rows)** | {independent} | {100 * independent / total:.0f} % |")
    print(f"| all test methods | {total} | |")


main()
