"""Run every benchmark script in this folder and its subfolders (bench_*.py) one by one, then
the fault runs (fault_*.py; each a few minutes, like the load run).

Each script prints its own table and updates its section of docs/benchmarks.md.
Usage: python benchmarks/run_all.py [name-filter]
"""

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    wanted = sys.argv[1] if len(sys.argv) > 1 else ""
    found = [*HERE.glob("bench_*.py"), *HERE.glob("*/bench_*.py")]
    scripts = sorted(p for p in found if wanted in p.stem)
    scripts += sorted(p for p in HERE.glob("fault_*.py") if wanted in p.stem)
    failed = []
    for script in scripts:
        print(f"\n### {script.stem}", flush=True)
        started = time.monotonic()
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent, check=False)
        print(f"### {script.stem}: exit {result.returncode}, {time.monotonic() - started:.0f}s")
        if result.returncode != 0:
            failed.append(script.stem)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
