"""Sharing a level: its folder zipped with the pictures it names and unpacked again; asset paths
that lead out of the level's folder are problems; archives with paths leading out, links, other
file kinds, too many entries or too many bytes (a zip bomb) are refused before anything lands.
"""

from __future__ import annotations

import os
import stat
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from sispam.level import LevelError, Problem, load_level, share
from sispam.level.share import MAX_ENTRY_BYTES, ShareError, pack_level, unpack_level

ROOT = Path(__file__).resolve().parents[2]
GAME = ROOT / "game.py"
MB = 1024 * 1024

LEVEL = """\
schema_version = 1
id = "shared"
seed = 1
title = { id = "Level bersama", en = "Shared level" }
briefing = { id = "Uji coba.", en = "A test." }
[map]
size = [100, 50]
[map.background]
file = "pictures/site.png"
origin = [10, 5]
size = [80, 40]
opacity = 0.5
[[zones]]
id = "start"
role = "spawn"
shape = { kind = "rect", min = [0, 0], max = [20, 20] }
[[zones]]
id = "exit"
role = "exit"
shape = { kind = "rect", min = [90, 0], max = [100, 50] }
[[crowd]]
id = "g"
count = 10
spawn = "start"
goal = { kind = "exit", zone = "exit" }
"""
FILE_LINE = LEVEL.splitlines().index('file = "pictures/site.png"') + 1


def png_bytes(width: int = 8, height: int = 4, rgb: tuple[int, int, int] = (200, 60, 40)) -> bytes:
    """A small valid PNG of one colour, written byte by byte (no binary in the repository)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def level_folder(tmp_path: Path, file: str = "pictures/site.png") -> Path:
    """A level folder with its background picture; returns the level file."""
    folder = tmp_path / "kpu_office"
    (folder / "pictures").mkdir(parents=True)
    (folder / "pictures" / "site.png").write_bytes(png_bytes())
    level = folder / "kpu_office.toml"
    level.write_text(LEVEL.replace('"pictures/site.png"', toml_string(file)), encoding="utf-8")
    return level


def toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_zip(path: Path, entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(name, data)
    return path


def good_entries() -> list[tuple[str | zipfile.ZipInfo, bytes]]:
    return [("kpu_office.toml", LEVEL.encode()), ("pictures/site.png", png_bytes())]


def refused(archive: Path, into: Path) -> ShareError:
    with pytest.raises(ShareError) as caught:
        unpack_level(archive, into)
    assert str(caught.value).startswith(f"{archive}: ") and "\n" not in str(caught.value)
    assert not into.exists() or list(into.iterdir()) == []  # nothing left behind, not even the work folder
    return caught.value


# --- packing and unpacking ---------------------------------------------------------------


def test_a_level_with_its_background_packs_unpacks_and_loads_with_the_picture_inside_its_new_folder(tmp_path):
    level = level_folder(tmp_path / "mine")
    archive = tmp_path / "kpu_office.zip"
    assert pack_level(level, archive) == ["kpu_office.toml", "pictures/site.png"]
    with zipfile.ZipFile(archive) as z:
        assert z.namelist() == ["kpu_office.toml", "pictures/site.png"]
        assert all(stat.S_ISREG(i.external_attr >> 16) for i in z.infolist())

    into = tmp_path / "theirs"
    unpacked = unpack_level(archive, into)
    assert unpacked == into / "kpu_office" / "kpu_office.toml"
    scenario = load_level(unpacked)
    assert scenario.background is not None
    picture = Path(scenario.background.path)
    assert picture.is_relative_to(unpacked.parent.resolve()) and picture.read_bytes() == png_bytes()
    assert (scenario.background.origin, scenario.background.size, scenario.background.opacity) == (
        (10.0, 5.0), (80.0, 40.0), 0.5)
    assert sorted(p.name for p in into.iterdir()) == ["kpu_office"]  # no work folder left


def test_unpacking_again_never_overwrites_it_takes_the_next_free_name(tmp_path):
    archive = tmp_path / "shared.zip"
    pack_level(level_folder(tmp_path / "mine"), archive)
    into = tmp_path / "levels"
    first = unpack_level(archive, into)
    first.write_text(first.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    (into / "kpu_office-2").write_text("a file in the way", encoding="utf-8")
    second = unpack_level(archive, into)
    assert second == into / "kpu_office-3" / "kpu_office.toml"
    assert first.read_text(encoding="utf-8").endswith("# edited\n")


def test_a_zip_of_the_whole_folder_is_read_from_that_folder(tmp_path):
    archive = make_zip(tmp_path / "a.zip", [("kpu/", b""), ("kpu/kpu_office.toml", LEVEL.encode()),
                                            ("kpu/pictures/site.png", png_bytes()),
                                            ("__MACOSX/kpu/._site.png", b"junk")])
    unpacked = unpack_level(archive, tmp_path / "levels")
    assert unpacked == tmp_path / "levels" / "kpu_office" / "kpu_office.toml"
    assert load_level(unpacked).background is not None
    assert not (unpacked.parent / "__MACOSX").exists()


def test_a_level_with_problems_is_not_packed(tmp_path):
    level = level_folder(tmp_path)
    (level.parent / "pictures" / "site.png").unlink()
    with pytest.raises(LevelError):
        pack_level(level, tmp_path / "out.zip")
    assert not (tmp_path / "out.zip").exists()


def test_a_level_with_problems_in_an_archive_is_not_unpacked(tmp_path):
    archive = make_zip(tmp_path / "a.zip", [("kpu_office.toml", LEVEL.replace("seed = 1", 'seed = "x"').encode()),
                                            ("pictures/site.png", png_bytes())])
    with pytest.raises(LevelError) as caught:
        unpack_level(archive, tmp_path / "levels")
    assert [(p.file, p.line, p.where) for p in caught.value.problems] == [(f"{archive}:kpu_office.toml", 3, "seed")]
    assert list((tmp_path / "levels").iterdir()) == []


# --- archives that are refused -----------------------------------------------------------


def _link(name: str, target: str) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, target.encode()


def _fifo(name: str) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFIFO | 0o644) << 16
    return info, b""


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        pytest.param([("../x.png", png_bytes())], "goes up out", id="dot-dot"),
        pytest.param([("pictures/../../x.png", png_bytes())], "goes up out", id="dot-dot-inside"),
        pytest.param([("/abs/x.png", png_bytes())], "absolute path", id="absolute"),
        pytest.param([("C:\\x.png", png_bytes())], "drive letter", id="drive-letter"),
        pytest.param([("C:/x.png", png_bytes())], "drive letter", id="drive-letter-slash"),
        pytest.param([("pictures\\x.png", png_bytes())], "backslash", id="backslash"),
        pytest.param([_link("pictures/link.png", "/etc/passwd")], "symbolic link", id="symlink"),
        pytest.param([_fifo("pictures/pipe.png")], "not a plain file", id="fifo"),
        pytest.param([("run.py", b"print('hi')")], "not a kind of file", id="python-file"),
        pytest.param([("other.toml", LEVEL.encode())], "2 level files", id="two-levels"),
        pytest.param([("Pictures/Site.png", png_bytes())], "appears twice", id="duplicate-by-case"),
        pytest.param([("pictures/site.png/x.png", png_bytes())], "both a file and a folder", id="file-and-folder"),
    ],
)
def test_an_archive_with_a_bad_entry_is_refused_and_nothing_is_written(tmp_path, extra, needle):
    archive = make_zip(tmp_path / "bad.zip", good_entries() + extra)
    error = refused(archive, tmp_path / "levels")
    assert needle in error.reason


def test_an_archive_with_a_name_twice_is_refused(tmp_path):
    with pytest.warns(UserWarning, match="Duplicate name"):
        archive = make_zip(tmp_path / "dup.zip", [*good_entries(), ("pictures/site.png", png_bytes())])
    assert "appears twice" in refused(archive, tmp_path / "levels").reason


def test_an_archive_without_a_level_file_is_refused(tmp_path):
    archive = make_zip(tmp_path / "none.zip", [("pictures/site.png", png_bytes()), ("notes.txt", b"hi")])
    assert "no level file" in refused(archive, tmp_path / "levels").reason


def test_an_archive_with_too_many_entries_is_refused(tmp_path):
    archive = make_zip(tmp_path / "many.zip", good_entries() + [(f"notes/{k}.txt", b"x") for k in range(99)])
    assert "101 entries" in refused(archive, tmp_path / "levels").reason


@pytest.mark.parametrize("damage", ["garbage", "truncated", "bad-crc"])
def test_a_file_that_is_not_a_zip_or_is_damaged_is_refused(tmp_path, damage):
    archive = tmp_path / "broken.zip"
    if damage == "garbage":
        archive.write_bytes(b"this is not a zip at all\n" * 10)
    else:
        data = make_zip(tmp_path / "good.zip", [*good_entries(), ("notes.txt", b"n" * 5000)]).read_bytes()
        if damage == "truncated":
            data = data[: len(data) // 2]
        else:  # flip a byte inside the compressed notes: their CRC no longer matches
            at = data.index(b"notes.txt") + len("notes.txt") + 5
            data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]
        archive.write_bytes(data)
    error = refused(archive, tmp_path / "levels")
    assert "damaged" in error.reason or "not a zip" in error.reason


def test_a_zip_bomb_is_refused_by_its_declared_size(tmp_path):
    with zipfile.ZipFile(tmp_path / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in good_entries():
            z.writestr(name, data)
        with z.open("zeros.txt", "w") as out:
            for _ in range(60):
                out.write(bytes(MB))
    archive = tmp_path / "bomb.zip"
    assert archive.stat().st_size < MB  # 60 MB of zeros compress to almost nothing
    error = refused(archive, tmp_path / "levels")
    assert error.entry == "zeros.txt" and "60.0 MB" in error.reason


def test_many_entries_each_under_the_limit_are_refused_by_their_total(tmp_path):
    entries = good_entries() + [(f"notes/{k}.txt", bytes(7 * MB)) for k in range(8)]
    error = refused(make_zip(tmp_path / "wide.zip", entries), tmp_path / "levels")
    assert "more than 50 MB" in error.reason


def _lie_about_size(data: bytes, name: bytes, size: int) -> bytes:
    """The archive with `name`'s uncompressed size set to `size` in its local and central headers."""
    out = bytearray(data)
    at = 0
    while (at := data.find(b"PK\x03\x04", at)) >= 0:
        length = struct.unpack("<H", data[at + 26:at + 28])[0]
        if data[at + 30:at + 30 + length] == name:
            out[at + 22:at + 26] = struct.pack("<I", size)
        at += 4
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        length = struct.unpack("<H", data[at + 28:at + 30])[0]
        if data[at + 46:at + 46 + length] == name:
            out[at + 24:at + 28] = struct.pack("<I", size)
        at += 4
    assert out != bytearray(data)
    return bytes(out)


def test_an_entry_whose_header_says_it_is_small_is_stopped_and_refused(tmp_path):
    source = tmp_path / "honest.zip"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in good_entries():
            z.writestr(name, data)
        z.writestr("zeros.txt", bytes(60 * MB))
    archive = tmp_path / "liar.zip"
    archive.write_bytes(_lie_about_size(source.read_bytes(), b"zeros.txt", 1000))
    error = refused(archive, tmp_path / "levels")
    assert error.entry == "zeros.txt" and "damaged" in error.reason  # its bytes do not match its CRC


def test_the_bytes_actually_read_are_counted_not_the_declared_ones(tmp_path, monkeypatch):
    """Even with a declared size believed to be huge (so zipfile reads on to the end of the
    data), extraction stops at the limit and writes no more than it."""
    source = tmp_path / "bomb.zip"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in good_entries():
            z.writestr(name, data)
        z.writestr("zeros.txt", bytes(60 * MB))
    real_plan, real_rmtree = share._plan, share.shutil.rmtree
    written: list[int] = []

    def plan_then_lie(archive, infos):
        plan = real_plan(archive, [i for i in infos if i.filename != "zeros.txt"])
        bomb = next(i for i in infos if i.filename == "zeros.txt")
        bomb.file_size = 2**40  # as if its header had said so after the checks
        return share._Plan(files=[*plan.files, (bomb, "zeros.txt")], level=plan.level)

    def measure_then_remove(path, **kwargs):
        written.append(sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file()))
        real_rmtree(path, **kwargs)

    monkeypatch.setattr(share, "_plan", plan_then_lie)
    monkeypatch.setattr(share.shutil, "rmtree", measure_then_remove)
    error = refused(source, tmp_path / "levels")
    assert error.entry == "zeros.txt" and "more than 8 MB" in error.reason
    assert written and MAX_ENTRY_BYTES <= written[0] <= MAX_ENTRY_BYTES + len(LEVEL) + len(png_bytes())


def test_an_archive_too_large_to_be_a_level_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(share, "MAX_ARCHIVE_BYTES", 1000)
    archive = make_zip(tmp_path / "big.zip", [*good_entries(), ("notes.txt", os.urandom(2000))])
    assert "may be at most" in refused(archive, tmp_path / "levels").reason


# --- the background's path, checked when the level loads -------------------------------------


def _problems(level: Path) -> list[Problem]:
    with pytest.raises(LevelError) as caught:
        load_level(level)
    return caught.value.problems


@pytest.mark.parametrize(
    ("file", "needle"),
    [
        pytest.param("ABSOLUTE", "absolute path", id="absolute"),
        pytest.param("../outside.png", "goes up out", id="dot-dot"),
        pytest.param("pictures/../../outside.png", "goes up out", id="dot-dot-inside"),
        pytest.param("pictures\\site.png", "backslash", id="backslash"),
        pytest.param("C:/site.png", "drive letter", id="drive-letter"),
        pytest.param("pictures/missing.png", "no such file", id="missing"),
        pytest.param("pictures/notes.png", "not a PNG or JPEG", id="not-a-picture"),
        pytest.param("kpu_office.toml", "not a picture", id="not-a-picture-name"),
        pytest.param("pictures/huge.png", "40000 x 40000 pixels", id="too-many-pixels"),
        pytest.param("pictures", "not a plain file", id="folder"),
    ],
)
def test_a_background_path_that_is_not_a_picture_inside_the_level_folder_is_a_problem(tmp_path, file, needle):
    outside = tmp_path / "outside.png"
    outside.write_bytes(png_bytes())
    if file == "ABSOLUTE":
        file = outside.as_posix()
        needle = "drive letter" if os.name == "nt" else needle
    if file == "pictures":
        file = "pictures.png"
        (tmp_path / "kpu_office" / "pictures.png").mkdir(parents=True)
    level = level_folder(tmp_path, file)
    (level.parent / "pictures" / "notes.png").write_text("not a picture", encoding="utf-8")
    huge = png_bytes()[:16] + struct.pack(">II", 40000, 40000) + png_bytes()[24:]
    (level.parent / "pictures" / "huge.png").write_bytes(huge)
    problems = _problems(level)
    assert [(p.file, p.line, p.where) for p in problems] == [(str(level), FILE_LINE, "map.background.file")]
    assert needle in problems[0].message


def _symlink(link: Path, target: Path) -> None:
    try:
        link.symlink_to(target)
    except (OSError, NotImplementedError):
        pytest.skip("this system does not let us make symbolic links")


def test_a_background_that_links_out_of_the_level_folder_is_a_problem(tmp_path):
    outside = tmp_path / "outside.png"
    outside.write_bytes(png_bytes())
    level = level_folder(tmp_path, "pictures/link.png")
    _symlink(level.parent / "pictures" / "link.png", outside)
    problems = _problems(level)
    assert [(p.line, p.where) for p in problems] == [(FILE_LINE, "map.background.file")]
    assert "outside the level's folder" in problems[0].message


def test_a_background_that_links_inside_the_level_folder_is_fine_and_is_packed_as_a_file(tmp_path):
    level = level_folder(tmp_path, "pictures/link.png")
    _symlink(level.parent / "pictures" / "link.png", level.parent / "pictures" / "site.png")
    assert load_level(level).background is not None
    archive = tmp_path / "out.zip"
    pack_level(level, archive)
    with zipfile.ZipFile(archive) as z:
        info = z.getinfo("pictures/link.png")
        assert stat.S_ISREG(info.external_attr >> 16) and z.read(info) == png_bytes()


def test_a_background_problem_is_reported_with_the_levels_other_problems(tmp_path):
    level = level_folder(tmp_path, "../x.png")
    level.write_text(level.read_text(encoding="utf-8").replace("seed = 1", 'seed = "x"'), encoding="utf-8")
    assert [(p.line, p.where) for p in _problems(level)] == [(3, "seed"), (FILE_LINE, "map.background.file")]


def test_a_background_off_the_map_is_a_problem(tmp_path):
    level = level_folder(tmp_path)
    level.write_text(level.read_text(encoding="utf-8").replace("origin = [10, 5]", "origin = [200, 5]"),
                     encoding="utf-8")
    assert "wholly outside the map" in _problems(level)[0].message


def test_without_a_size_the_background_covers_the_map(tmp_path):
    level = level_folder(tmp_path)
    level.write_text(level.read_text(encoding="utf-8").replace("size = [80, 40]\n", ""), encoding="utf-8")
    background = load_level(level).background
    assert background is not None and background.size == (100.0, 50.0)


# --- the command line ---------------------------------------------------------------------


def game(*args: str | Path, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "SISPAM_DATA_DIR": str(data)}
    return subprocess.run([sys.executable, str(GAME), *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


def assert_one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert all(needle in lines[0] for needle in needles), lines[0]


def test_pack_and_unpack_on_the_command_line(tmp_path):
    level = level_folder(tmp_path / "mine")
    archive = tmp_path / "shared.zip"
    data = tmp_path / "data"
    packed = game("pack", level, archive, data=data)
    assert packed.returncode == 0 and packed.stdout.strip() == f"{archive}: written with kpu_office.toml, " \
                                                               "pictures/site.png"
    unpacked = game("unpack", archive, data=data)
    target = data / "levels" / "kpu_office" / "kpu_office.toml"
    assert unpacked.returncode == 0 and unpacked.stdout.startswith(f"{target}: unpacked from {archive}")
    assert load_level(target).background is not None
    into = game("unpack", archive, tmp_path / "elsewhere", data=data)
    assert into.returncode == 0 and (tmp_path / "elsewhere" / "kpu_office" / "kpu_office.toml").is_file()


def test_bad_input_to_pack_and_unpack_is_one_line_and_exit_2(tmp_path):
    data = tmp_path / "data"
    level = level_folder(tmp_path / "mine")
    assert_one_line_error(game("pack", level, tmp_path / "out.tar", data=data), "name it .zip")
    assert_one_line_error(game("pack", level, tmp_path / "no" / "out.zip", data=data), "does not exist")
    (level.parent / "pictures" / "site.png").unlink()
    assert_one_line_error(game("pack", level, tmp_path / "out.zip", data=data), "map.background.file", "no such file")
    evil = make_zip(tmp_path / "evil.zip", [*good_entries(), ("../../x.png", png_bytes())])
    assert_one_line_error(game("unpack", evil, data=data), str(evil), "../../x.png", "goes up out")
    assert_one_line_error(game("unpack", tmp_path / "missing.zip", data=data), "no such file")
    assert_one_line_error(game("unpack", level, data=data), "not a zip")
    assert not (data / "levels").exists() or list((data / "levels").iterdir()) == []
