#!/usr/bin/env python3
"""Runs a rule checker on a fixture that breaks its rules and passes only when the checker fails
(exit status 1) and prints exactly the expected breaches: a checker that stopped finding
anything, or found the wrong thing, fails here.

usage: expect_output.py EXPECTED_FILE -- COMMAND [ARGS...]"""

import subprocess
import sys


def main():
    if len(sys.argv) < 4 or sys.argv[2] != '--':
        print(__doc__, file=sys.stderr)
        return 2
    expected = open(sys.argv[1], encoding='utf-8').read()
    run = subprocess.run(sys.argv[3:], capture_output=True, text=True, timeout=60)
    ok = True
    if run.returncode != 1:
        print(f'expected exit status 1 (breaches found), got {run.returncode}')
        ok = False
    if run.stdout != expected:
        print(f'output differs from {sys.argv[1]}:\n--- expected\n{expected}--- got\n{run.stdout}')
        ok = False
    sys.stderr.write(run.stderr)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
