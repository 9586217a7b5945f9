#!/usr/bin/env python3
"""Prints each failed test of the TRX files in a results folder: its name, the first lines of its message and of its
stack trace. scripts/trx_summary.sh calls it so that a CI log, which keeps only the end of the output, says why a test
failed and not only which one.

    python3 scripts/trx_failures.py RESULTS_DIR
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

MESSAGE_LINES = 25
STACK_LINES = 8


def head(text, lines):
    kept = (text or "").strip().splitlines()
    return kept[:lines] + ([f"... ({len(kept) - lines} more lines)"] if len(kept) > lines else [])


def main(results_dir):
    for trx in sorted(glob.glob(os.path.join(results_dir, "*.trx"))):
        try:
            root = ET.parse(trx).getroot()
        except ET.ParseError as error:
            print(f"{os.path.basename(trx)}: not readable ({error})")
            continue
        for result in root.iter():
            if not result.tag.endswith("UnitTestResult") or result.get("outcome") not in ("Failed", "Error", "Timeout", "Aborted"):
                continue
            message = next((e.text for e in result.iter() if e.tag.endswith("Message")), "")
            stack = next((e.text for e in result.iter() if e.tag.endswith("StackTrace")), "")
            print(f"FAILED {result.get('testName')} ({result.get('duration')})")
            for line in head(message, MESSAGE_LINES) + head(stack, STACK_LINES):
                print(f"    {line}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: trx_failures.py RESULTS_DIR")
    main(sys.argv[1])
