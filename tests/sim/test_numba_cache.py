"""Numba needs somewhere to keep what it compiles: beside the sources, else the user's cache
folder, else (a read-only checkout run with no home folder) a folder of the user's own in the
temporary directory."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from sispam.sim import jit


def _no_home() -> Path:
    raise RuntimeError("Could not determine home directory.")


@pytest.fixture
def environ(monkeypatch) -> dict[str, str]:
    """The environment `_numba_cache_dir` sees, a copy: what it sets stays out of the session's."""
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    monkeypatch.setattr(jit.os, "environ", env)
    return env


def test_a_read_only_checkout_with_no_home_caches_in_a_temporary_folder_of_its_own(environ, monkeypatch, tmp_path):
    monkeypatch.setattr(jit.tempfile, "gettempdir", lambda: str(tmp_path))
    monkeypatch.setattr(jit.os, "access", lambda path, mode: False)
    monkeypatch.setattr(jit.Path, "home", staticmethod(_no_home))
    jit._numba_cache_dir()
    folder = Path(environ["NUMBA_CACHE_DIR"])
    assert folder.parent == tmp_path and folder.name.startswith("sispam-numba-")
    info = folder.stat()
    assert info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def test_a_folder_others_can_write_is_not_used(environ, monkeypatch, tmp_path):
    planted = tmp_path / f"sispam-numba-{os.getuid()}"
    planted.mkdir()
    planted.chmod(0o777)
    monkeypatch.setattr(jit.tempfile, "gettempdir", lambda: str(tmp_path))
    monkeypatch.setattr(jit.os, "access", lambda path, mode: False)
    monkeypatch.setattr(jit.Path, "home", staticmethod(_no_home))
    jit._numba_cache_dir()
    folder = Path(environ["NUMBA_CACHE_DIR"])
    assert folder != planted and folder.is_dir() and not folder.stat().st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def test_a_writable_checkout_or_home_or_a_chosen_folder_is_left_to_numba(environ, monkeypatch) -> None:
    monkeypatch.setattr(jit.os, "access", lambda path, mode: Path(path) == jit.HERE)
    jit._numba_cache_dir()
    assert "NUMBA_CACHE_DIR" not in environ  # beside the sources
    monkeypatch.setattr(jit.os, "access", lambda path, mode: Path(path) != jit.HERE)
    jit._numba_cache_dir()
    assert "NUMBA_CACHE_DIR" not in environ  # the home folder's cache
    environ["NUMBA_CACHE_DIR"] = "/somewhere/chosen"
    monkeypatch.setattr(jit.os, "access", lambda path, mode: False)
    monkeypatch.setattr(jit.Path, "home", staticmethod(_no_home))
    jit._numba_cache_dir()
    assert environ["NUMBA_CACHE_DIR"] == "/somewhere/chosen"
