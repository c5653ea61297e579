"""The installable package: its metadata (version, dependencies, the `sispam` command) comes
from one place each, every shipped file goes into it, and the game finds its levels, plans and
sounds through `sispam.resources`, as it must in an installed wheel. Nothing is downloaded:
the metadata is written by the local setuptools (`egg_info`), as `pip install .` writes it, and
the package's files are laid out by its `build_py`, as they go into the wheel."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib.resources import files
from pathlib import Path

import pytest

import sispam
from sispam import resources
from sispam.cli import level_file, main, plan_file
from sispam.level import LevelError
from sispam.level.campaign import load_campaign

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "sispam" / "data"


def requirement_lines(path: Path) -> list[str]:
    """A requirements file's requirements, without comments, options or spaces."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line.replace(" ", "") for line in lines if line and not line.startswith("-")]


def normalised(requirement: str) -> str:
    """`numpy<3,>=2.0` and `numpy>=2.0,<3` alike: the name, then its sorted specifiers."""
    name = requirement.split("<", 1)[0].split(">", 1)[0].split("=", 1)[0]
    return name + ",".join(sorted(requirement[len(name):].split(",")))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package's metadata (`sispam.egg-info`) and its files as the wheel holds them (`lib`),
    written outside the checkout."""
    pytest.importorskip("setuptools")
    out = tmp_path_factory.mktemp("meta")
    subprocess.run([sys.executable, "-c", "import setuptools; setuptools.setup()", "-q", "egg_info",
                    "--egg-base", str(out), "build_py", "--build-lib", str(out / "lib")],
                   cwd=ROOT, check=True, capture_output=True, timeout=120)
    return out


@pytest.fixture(scope="module")
def egg_info(built: Path) -> Path:
    return built / "sispam.egg-info"


def test_the_package_version_is_the_game_version_that_reports_and_replays_record(egg_info: Path) -> None:
    pkg_info = (egg_info / "PKG-INFO").read_text(encoding="utf-8")
    assert "Name: sispam\n" in pkg_info
    assert f"Version: {sispam.__version__}\n" in pkg_info
    assert "Requires-Python: >=3.11\n" in pkg_info


def test_the_package_needs_what_requirements_txt_lists_and_its_dev_extra_what_requirements_dev_adds(
        egg_info: Path) -> None:
    runtime, _, dev = (egg_info / "requires.txt").read_text(encoding="utf-8").partition("[dev]")
    assert sorted(map(normalised, runtime.split())) == sorted(map(normalised, requirement_lines(ROOT / "requirements.txt")))
    assert sorted(map(normalised, dev.split())) == sorted(map(normalised, requirement_lines(ROOT / "requirements-dev.txt")))


def test_the_sispam_command_is_the_command_line_of_game_py(egg_info: Path) -> None:
    entry_points = (egg_info / "entry_points.txt").read_text(encoding="utf-8")
    assert "[console_scripts]\nsispam = sispam.cli:main\n" in entry_points
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"] == {"sispam": "sispam.cli:main"}
    assert "from sispam.cli import main" in (ROOT / "game.py").read_text(encoding="utf-8")
    assert "from sispam.cli import main" in (ROOT / "sispam" / "__main__.py").read_text(encoding="utf-8")


def test_every_shipped_file_goes_into_the_package_and_nothing_outside_sispam(built: Path) -> None:
    """Read from what `build_py` lays out for the wheel, not from SOURCES.txt: that lists the
    source archive, into which newer setuptools also put tests/test*.py by default (84, as a
    Python 3.12+ venv gets it, does; 65, as Python 3.11's venv comes with, did not)."""
    lib = built / "lib"
    packaged = {p.relative_to(lib).as_posix() for p in lib.rglob("*") if p.is_file()}
    shipped = {p.relative_to(ROOT).as_posix() for p in DATA.rglob("*") if p.is_file()}
    assert shipped and not shipped - packaged
    code = {p.relative_to(ROOT).as_posix() for p in (ROOT / "sispam").rglob("*.py")}
    assert code and not code - packaged
    assert not {p for p in packaged if not p.startswith("sispam/")}


def test_the_resources_are_found_through_importlib_resources() -> None:
    assert files("sispam").joinpath("data", "levels", "campaign.toml").is_file()
    assert resources.data_dir() == DATA  # in a checkout, the package's own folder


def test_every_campaign_level_its_plan_and_every_sound_are_shipped() -> None:
    from sispam.ui.sound import CHANTS, LOOPS, ONE_SHOTS

    campaign = load_campaign(resources.campaign_file())
    assert len(campaign) == 6
    assert sorted(campaign) == sorted(resources.levels_dir().glob("campaign_*.toml"))
    for level in campaign:
        assert resources.shipped_level(level.stem) == level
        assert resources.shipped_level(level.name) == level
        assert resources.shipped_plan(level.stem) == resources.plans_dir() / level.name
    assert resources.shipped_level("kpu_sispamkota") is not None
    for name in (*(n for n in LOOPS if n != "chant"), *CHANTS, *ONE_SHOTS):  # "chant" is a channel playing CHANTS
        assert files("sispam").joinpath("data", "sounds", f"{name}.wav").is_file()
        assert (resources.sounds_dir() / f"{name}.wav").is_file()


@pytest.mark.parametrize("name", ["", ".", "..", "../levels/campaign_1_hijau", "levels/campaign_1_hijau.toml",
                                  "/etc/passwd", "nope"])
def test_only_a_bare_shipped_name_is_taken_as_a_shipped_level(name: str) -> None:
    assert resources.shipped_level(name) is None
    assert resources.shipped_plan(name) is None


def test_the_command_line_takes_a_shipped_levels_name_or_a_path(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shipped = resources.levels_dir() / "campaign_1_hijau.toml"
    assert level_file("campaign_1_hijau") == str(shipped) == level_file("campaign_1_hijau.toml")
    assert plan_file("campaign_1_hijau") == str(resources.plans_dir() / "campaign_1_hijau.toml")
    (tmp_path / "campaign_1_hijau.toml").write_text("mine", encoding="utf-8")
    assert level_file("campaign_1_hijau.toml") == "campaign_1_hijau.toml"  # a file there comes first
    with pytest.raises(LevelError, match="nope.toml: file: no such file, nor the name of a level shipped"):
        level_file("nope.toml")


def test_check_and_a_short_run_take_shipped_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check", "campaign_2_dorong", "campaign", "--plan", "campaign_2_dorong"]) == 0
    out = capsys.readouterr().out
    assert "campaign_2_dorong.toml: ok" in out and "campaign.toml: ok (campaign of 6 levels, each valid)" in out
    assert main(["run", "campaign_1_hijau", "--plan", "campaign_1_hijau", "--duration", "1"]) == 0
    assert "campaign_1_hijau: 1 s simulated" in capsys.readouterr().out
    assert main(["check", "nope"]) == 2
    assert capsys.readouterr().out.startswith("nope: file: no such file, nor the name of a level shipped")


def test_check_of_a_campaign_checks_its_levels(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A manifest whose levels are broken, or that lists itself, is not "ok" (it said so, exit 0)."""
    (tmp_path / "good.toml").write_bytes((resources.levels_dir() / "campaign_1_hijau.toml").read_bytes())
    (tmp_path / "bad.toml").write_text('schema_version = 1\nid = "bad"\nduration_s = nan\n', encoding="utf-8")
    manifest = tmp_path / "course.toml"
    manifest.write_text('schema_version = 1\n[[levels]]\nfile = "good.toml"\n[[levels]]\nfile = "bad.toml"\n'
                        '[[levels]]\nfile = "course.toml"\n', encoding="utf-8")
    assert main(["check", str(manifest)]) == 2
    out = capsys.readouterr().out
    assert "course.toml:7: levels[2].file: 'course.toml' is a campaign's list of levels, not a level" in out
    manifest.write_text('schema_version = 1\n[[levels]]\nfile = "good.toml"\n[[levels]]\nfile = "bad.toml"\n',
                        encoding="utf-8")
    assert main(["check", str(manifest)]) == 2
    out = capsys.readouterr().out
    assert "bad.toml:3: duration_s: must be a finite number, got nan" in out
    assert out.rstrip().endswith("course.toml: campaign: 1 of its 2 levels cannot be played")
