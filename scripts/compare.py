#!/usr/bin/env python3
"""lvzhi against pandas and polars on the same rules and the same data.

Generates (or reuses) a county, a province or the whole country as Parquet
(`lvzhi generate --scale … --parquet`), then scores it under the preset
jinan-2015 four ways, each in its own process:

  lvzhi-rust    benches/compare/score_parquet.rs (release build)
  lvzhi-python  benches/compare/jinan_lvzhi_py.py (`import lvzhi`), if importable
  pandas        benches/compare/jinan_pandas.py
  polars        benches/compare/jinan_polars.py

Each loads the Parquet files, evaluates, ranks every member (highest total
first, ties by member id) and writes member_id,total,rank. The script checks
that every implementation gives every member the same total (exact decimal
comparison) and the same rank, and prints wall time, peak resident memory
(the process's maxrss) and the ratios to lvzhi-rust.

    python scripts/compare.py --scale province
    python scripts/compare.py --scale national --intensity 8 --save-baseline base.json
    python scripts/compare.py --scale national --intensity 8 --baseline base.json

Run it with the Python that has pandas, polars and pyarrow (e.g. /work/venv).
Timings are of whole processes: interpreter and library start-up included
(under 0.5 s for each Python one).
"""

import argparse
import csv
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "benches" / "compare"
PRESET = "jinan-2015"


def target_dir() -> Path:
    return Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))


def build() -> tuple[Path, Path]:
    """Release builds of the CLI (the generator) and of the Rust scorer."""
    subprocess.run(
        ["cargo", "build", "--release", "-q", "-p", "lvzhi-cli", "-p", "lvzhi", "--example", "score_parquet"],
        cwd=ROOT,
        check=True,
    )
    release = target_dir() / "release"
    return release / "lvzhi", release / "examples" / "score_parquet"


def ensure_data(cli: Path, folder: Path, scale: str, intensity: int, seed: int, year: int) -> None:
    stamp = folder / "generated.json"
    want = {"scale": scale, "intensity": intensity, "seed": seed, "year": year}
    if stamp.exists() and json.loads(stamp.read_text()) == want:
        return
    shutil.rmtree(folder, ignore_errors=True)
    print(f"generating {scale} (intensity {intensity}) into {folder} …", flush=True)
    subprocess.run(
        [str(cli), "generate", "--scale", scale, "--parquet", "--intensity", str(intensity),
         "--seed", str(seed), "--year", str(year), "--out", str(folder)],
        check=True,
    )
    stamp.write_text(json.dumps(want))


def run(name: str, argv: list[str]) -> dict:
    """Runs one implementation; its wall time and peak RSS (from wait4)."""
    t = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # wait4 gives this child's own rusage (maxrss in KiB on Linux).
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    out, err = proc.stdout.read(), proc.stderr.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{name} failed ({proc.returncode}):\n{out}\n{err}")
    return {
        "seconds": wall,
        "peak_mb": usage.ru_maxrss / 1024,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "detail": err.strip(),
    }


def python_lvzhi(python: str) -> str | None:
    """Where `import lvzhi` finds the bindings (with `lvzhi.score_parquet`),
    or None when it cannot.

    Build them with `maturin develop --release` (a debug build, what plain
    `maturin develop` makes, is many times slower), or put a release build
    first on PYTHONPATH."""
    probe = subprocess.run(
        [python, "-c", "import lvzhi; assert hasattr(lvzhi, 'score_parquet'); print(lvzhi._lvzhi.__file__)"],
        capture_output=True,
        text=True,
    )
    return probe.stdout.strip() if probe.returncode == 0 else None


def read_result(path: Path) -> dict[str, tuple[Decimal, int]]:
    with open(path, newline="") as f:
        return {r["member_id"]: (Decimal(r["total"]), int(r["rank"])) for r in csv.DictReader(f)}


def check_same(results: dict[str, Path]) -> None:
    names = list(results)
    base = read_result(results[names[0]])
    for other in names[1:]:
        got = read_result(results[other])
        if got.keys() != base.keys():
            missing, extra = base.keys() - got.keys(), got.keys() - base.keys()
            sys.exit(f"{other}: members differ from {names[0]} (missing {len(missing)}, extra {len(extra)})")
        diff = [m for m in base if base[m] != got[m]]
        if diff:
            m = diff[0]
            sys.exit(f"{other}: {len(diff)} members differ from {names[0]}, e.g. {m}: {got[m]} vs {base[m]}")
    print(f"all {len(names)} agree on every member's total and rank ({len(base)} members)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", choices=["county", "province", "national"], default="province")
    ap.add_argument("--intensity", type=int, default=1, help="rounds of routine work (8: ~65M participations)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--data", type=Path, help="Parquet folder (default: target/compare/SCALE-iINTENSITY)")
    ap.add_argument("--only", nargs="*", help="run only these implementations")
    ap.add_argument("--save-baseline", type=Path, help="write the timings as JSON")
    ap.add_argument("--baseline", type=Path, help="print ratios against timings saved earlier")
    args = ap.parse_args()

    cli, scorer = build()
    folder = args.data or target_dir() / "compare" / f"{args.scale}-i{args.intensity}"
    ensure_data(cli, folder, args.scale, args.intensity, args.seed, args.year)
    out = folder / "results"
    out.mkdir(exist_ok=True)

    py = sys.executable
    year = str(args.year)
    impls = {
        "lvzhi-rust": [str(scorer), str(folder), PRESET, year],
        "lvzhi-python": [py, str(HERE / "jinan_lvzhi_py.py"), str(folder), year],
        "pandas": [py, str(HERE / "jinan_pandas.py"), str(folder), year],
        "polars": [py, str(HERE / "jinan_polars.py"), str(folder), year],
    }
    if args.only:
        impls = {k: v for k, v in impls.items() if k in args.only}
    timings, results = {}, {}
    for name, argv in impls.items():
        if name == "lvzhi-python":
            where = python_lvzhi(py)
            if where is None:
                print(f"{name:13} not available (import lvzhi failed: build it with `maturin develop --release`)")
                continue
            print(f"{name:13} (bindings: {where})")
        dest = out / f"{name}.csv"
        timings[name] = run(name, argv + [str(dest)])
        results[name] = dest
        t = timings[name]
        print(f"{name:13} {t['seconds']:8.2f} s  {t['peak_mb']:8.0f} MB peak  {t['cpu_seconds']:8.2f} s CPU", flush=True)
        if t["detail"]:
            print("              " + t["detail"].replace("\n", "\n              "))

    check_same(results)
    ref = timings.get("lvzhi-rust")
    if ref:
        print(f"\nratios to lvzhi-rust ({ref['seconds']:.2f} s, {ref['peak_mb']:.0f} MB):")
        for name, t in timings.items():
            print(f"  {name:13} time ×{t['seconds'] / ref['seconds']:7.2f}   memory ×{t['peak_mb'] / ref['peak_mb']:6.2f}")
    if args.baseline:
        base = json.loads(args.baseline.read_text())["timings"]
        print(f"\nagainst baseline {args.baseline}:")
        for name, t in timings.items():
            if name in base:
                b = base[name]
                print(f"  {name:13} time ×{t['seconds'] / b['seconds']:6.2f}   memory ×{t['peak_mb'] / b['peak_mb']:6.2f}")
    if args.save_baseline:
        machine = {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()}
        args.save_baseline.write_text(json.dumps(
            {"scale": args.scale, "intensity": args.intensity, "machine": machine, "timings": timings}, indent=2))
        print(f"saved {args.save_baseline}")


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
