#!/usr/bin/env python3
"""Build Sispam as one folder that runs without Python (PyInstaller, one-folder mode).

    python tools/bundle.py [--out DIR] [--windowed]

Run it from a checkout with a Python that has the game's dependencies, numba and PyInstaller
(`pip install -r requirements-dev.txt pyinstaller`, see docs/bundle.md); it compiles the
simulation's kernels ahead of time into the checkout (`sispam.sim.aot`, as `pip install -e .`
does), bundles the checkout's `sispam` package with them and its shipped levels, plans and
sounds, leaving numba and llvmlite out (the bundle does not compile anything), and copies the
repository's docs beside the program. The result is
`DIR/sispam/` (default `dist/sispam/`): `sispam` (`sispam.exe` on Windows), the same program as
`python game.py`, with `_internal/` and `docs/`. Zip that folder to hand it to a trainee.

Sispam's modules are bundled as source files, not only as bytecode, so that the bundle can
check that its compiled kernels were built from the very sources it carries (`sispam.sim.jit`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "sispam"
DOCS = ("levels.md", "orders.md", "level_tutorial.toml")
# A PyInstaller hook for the sispam package: its data files, every submodule (the command line
# imports the screens and the simulation inside functions, and the compiled kernels are one of
# them) and source files (the kernels are checked against them).
HOOK = '''\
from PyInstaller.utils.hooks import collect_data_files, collect_submodules

datas = collect_data_files("sispam")
hiddenimports = collect_submodules("sispam")
module_collection_mode = "py"
'''


def build(out: Path, *, windowed: bool = False) -> Path:
    """Build the bundle into `out/sispam` (replacing one there) and return that folder.

    Raises:
        SystemExit: PyInstaller or the sispam package is not importable, or the build failed.
    """
    try:
        import PyInstaller.__main__ as pyinstaller
    except ImportError:
        raise SystemExit("bundle: PyInstaller is not installed: python -m pip install pyinstaller") from None
    sys.path.insert(0, str(ROOT))  # the checkout's sispam, not one installed elsewhere
    try:
        import sispam
    except ImportError as e:
        raise SystemExit(f"bundle: cannot import sispam ({e}): python -m pip install .") from None
    compiled = subprocess.run([sys.executable, "-m", "sispam.sim.aot"], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if compiled.returncode != 0:
        raise SystemExit("bundle: compiling the kernels failed (is numba installed? "
                         "python -m pip install -r requirements-dev.txt)")
    out = out.resolve()
    with tempfile.TemporaryDirectory(prefix="sispam-bundle-") as work:
        work_dir = Path(work)
        hooks = work_dir / "hooks"
        hooks.mkdir()
        (hooks / "hook-sispam.py").write_text(HOOK, encoding="utf-8")
        entry = work_dir / "sispam_main.py"  # what game.py runs
        entry.write_text("import sys\n\nfrom sispam.cli import main\n\nsys.exit(main())\n", encoding="utf-8")
        pyinstaller.run([
            str(entry), "--name", NAME, "--onedir", "--noconfirm", "--clean", "--log-level", "WARN",
            "--distpath", str(out), "--workpath", str(work_dir / "build"), "--specpath", str(work_dir),
            "--additional-hooks-dir", str(hooks), "--hidden-import", "sispam", "--paths", str(ROOT),
            "--exclude-module", "numba", "--exclude-module", "llvmlite",  # the kernels are compiled
            "--windowed" if windowed else "--console",
        ])
    folder = out / NAME
    if not (folder / (NAME + (".exe" if sys.platform == "win32" else ""))).is_file():
        raise SystemExit(f"bundle: PyInstaller did not make {folder / NAME}")
    _check_kernels(folder / "_internal" / "sispam" / "sim")
    docs = folder / "docs"
    docs.mkdir(exist_ok=True)
    for name in DOCS:
        if (ROOT / "docs" / name).is_file():
            shutil.copy2(ROOT / "docs" / name, docs / name)
    print(f"{folder}: Sispam {sispam.__version__}, {size_mb(folder):.0f} MB")
    return folder


def _check_kernels(sim: Path) -> None:
    """The bundled kernels must have been built from the bundled sources (else the bundle would
    refuse to run: `sispam.sim.jit`), which an edit during the build would break."""
    import json

    from sispam.sim.jit import STAMP, sources_hash

    try:
        built_from = json.loads((sim / STAMP).read_text(encoding="utf-8")).get("sources")
    except (OSError, ValueError) as e:
        raise SystemExit(f"bundle: no readable {STAMP} in {sim} ({e})") from None
    if built_from != sources_hash(sim):
        raise SystemExit("bundle: the kernels were compiled from other sources than the bundle holds "
                         "(sispam/sim changed during the build): build again")


def size_mb(folder: Path) -> float:
    """The size of the files under `folder` (links not counted twice), in MB."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/bundle.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="folder to build into (default dist/)")
    parser.add_argument("--windowed", action="store_true",
                        help="no console window on Windows (then check and run print nothing)")
    args = parser.parse_args(argv)
    build(args.out, windowed=args.windowed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
