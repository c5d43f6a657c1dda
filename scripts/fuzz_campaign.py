"""A longer fuzzing campaign: the property-based tests of tests/test_hostile_fuzz.py with SCALE times as
many examples, randomised (not the suite's fixed seed), with hypothesis' statistics printed.

    .venv/bin/python scripts/fuzz_campaign.py --scale 20

Prints each property's count of generated cases and time, and any failing example hypothesis found."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=20, help="times the suite's number of examples")
    args = parser.parse_args()
    env = dict(os.environ, SITREP_FUZZ_SCALE=str(args.scale))
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           str(ROOT / "tests" / "test_hostile_fuzz.py"), "--hypothesis-show-statistics"],
                          env=env, cwd=ROOT)
    print(f"fuzz campaign at scale {args.scale}: {time.monotonic() - started:.0f} s, exit status {done.returncode}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
