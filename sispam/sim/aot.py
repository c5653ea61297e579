"""Compile the step's kernels ahead of time into `sispam.sim._kernels` (see `sispam.sim.jit`).

Run when the package is built (`setup.py`, so that `pip install .` ships them compiled and the
installed game needs no numba), or by hand: `python -m sispam.sim.aot [FOLDER]` (default: beside
this file, for a checkout). Each kernel listed in `sispam.sim.kernels` is exported with the
signature numba infers for the argument types the step passes, for a generic processor of the
build machine's architecture (no instruction set extensions the trainee's laptop may lack; the
results are the same bits as numba's own compilation, `tests/sim/test_aot.py`). Beside the module
it writes `_kernels.json`: the hash of the sources it was built from, and numba's version.

Needs numba, and must run with the kernels in numba's hands: `SISPAM_KERNELS=jit` is set here
before the simulation is imported.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ["SISPAM_KERNELS"] = "jit"


def build(folder: Path) -> Path:
    """Compile every kernel into `folder`/_kernels.<ext> and write its stamp; return the module's path."""
    from numba import __version__ as numba_version
    from numba.pycc import CC  # untyped: `cc` below is Any

    from sispam.sim import jit, kernels

    if jit.mode() != "jit":
        raise RuntimeError("sispam.sim.jit was imported before SISPAM_KERNELS=jit was set")
    folder.mkdir(parents=True, exist_ok=True)
    cc: Any = CC(jit.COMPILED_MODULE.rsplit(".", 1)[-1])  # type: ignore[no-untyped-call]
    cc.verbose = False
    with tempfile.TemporaryDirectory() as tmp:
        cc.output_dir = tmp
        for k in kernels.kernels():
            k.dispatcher.compile(k.arg_types)  # the return type, as numba infers it for the step's arguments
            signature = k.dispatcher.overloads[k.arg_types].signature
            cc.export(jit.exported_name(k.dispatcher.py_func), signature)(k.dispatcher.py_func)
        cc.compile()
        built = [p for p in Path(tmp).iterdir() if p.name.startswith(cc.name + ".")]
        if len(built) != 1:
            raise RuntimeError(f"expected one compiled module in {tmp}, found {[p.name for p in built]}")
        target = folder / built[0].name
        shutil.move(built[0], target)
    stamp = {"sources": jit.sources_hash(), "numba": numba_version}
    (folder / jit.STAMP).write_text(json.dumps(stamp, indent=1) + "\n", encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path(__file__).resolve().parent
    print(f"compiled {build(folder)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
