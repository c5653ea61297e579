"""Numba needs somewhere to keep what it compiles: beside the sources, else the user's cache
folder, else (a read-only checkout run with no home folder) the temporary directory."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sispam.sim import jit


def _no_home() -> Path:
    raise RuntimeError("Could not determine home directory.")


def test_a_read_only_checkout_with_no_home_caches_in_the_temporary_directory(monkeypatch) -> None:
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    monkeypatch.setattr(jit.os, "access", lambda path, mode: False)
    monkeypatch.setattr(jit.Path, "home", staticmethod(_no_home))
    jit._numba_cache_dir()
    folder = Path(os.environ["NUMBA_CACHE_DIR"])
    assert folder.parent == Path(tempfile.gettempdir()) and folder.name.startswith("sispam-numba-")


def test_a_writable_checkout_or_home_or_a_chosen_folder_is_left_to_numba(monkeypatch) -> None:
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    monkeypatch.setattr(jit.os, "access", lambda path, mode: Path(path) == jit.HERE)
    jit._numba_cache_dir()
    assert "NUMBA_CACHE_DIR" not in os.environ  # beside the sources
    monkeypatch.setattr(jit.os, "access", lambda path, mode: Path(path) != jit.HERE)
    jit._numba_cache_dir()
    assert "NUMBA_CACHE_DIR" not in os.environ  # the home folder's cache
    monkeypatch.setenv("NUMBA_CACHE_DIR", "/somewhere/chosen")
    monkeypatch.setattr(jit.os, "access", lambda path, mode: False)
    monkeypatch.setattr(jit.Path, "home", staticmethod(_no_home))
    jit._numba_cache_dir()
    assert os.environ["NUMBA_CACHE_DIR"] == "/somewhere/chosen"
