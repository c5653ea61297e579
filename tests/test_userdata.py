"""The per-user data folder, the settings and the campaign progress kept in it: round trips, damaged
files that fall back to defaults with problem lines naming the file and field, atomic saves."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

import sispam.atomic
from sispam.atomic import OutputError
from sispam.campaign_progress import CampaignProgress
from sispam.settings import Settings, fit_window, load_settings, save_settings
from sispam.userdata import MAX_FILE_BYTES, data_dir

ROOT = Path(__file__).resolve().parents[1]
KEYS = ["campaign_1_hijau", "campaign_2_dorong", "campaign_3_provokator"]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder that does not exist yet, set through SISPAM_DATA_DIR."""
    folder = tmp_path / "user" / "sispam"
    monkeypatch.setenv("SISPAM_DATA_DIR", str(folder))
    return folder


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- the data folder ---------------------------------------------------------------------------

def test_the_data_folder_is_sispam_data_dir_and_is_created_on_demand(home: Path) -> None:
    assert data_dir(create=False) == home
    assert not home.exists()
    assert data_dir() == home
    assert home.is_dir()


@pytest.mark.parametrize(("platform", "env", "expected"), [
    ("linux", {"XDG_DATA_HOME": "{tmp}/xdg"}, "{tmp}/xdg/sispam"),
    ("linux", {"XDG_DATA_HOME": "relative/xdg"}, "{tmp}/home/.local/share/sispam"),
    ("linux", {}, "{tmp}/home/.local/share/sispam"),
    ("darwin", {}, "{tmp}/home/Library/Application Support/Sispam"),
    ("win32", {"APPDATA": "{tmp}/Roaming"}, "{tmp}/Roaming/Sispam"),
], ids=["xdg-data-home", "relative-xdg-ignored", "linux-default", "macos", "windows-appdata"])
def test_without_sispam_data_dir_the_folder_follows_the_platform(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platform: str, env: dict[str, str],
        expected: str) -> None:
    for name in ("SISPAM_DATA_DIR", "XDG_DATA_HOME", "APPDATA"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name, value in env.items():
        monkeypatch.setenv(name, value.format(tmp=tmp_path))
    monkeypatch.setattr(sys, "platform", platform)
    assert data_dir(create=False) == Path(expected.format(tmp=tmp_path))


def test_without_a_home_folder_the_data_folder_is_an_output_error_that_says_what_to_set(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A container's user with no HOME and no passwd entry: Path.home() raised a RuntimeError
    through records, unpack, replay and the game window."""
    monkeypatch.delenv("SISPAM_DATA_DIR", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")

    def no_home(cls):
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", classmethod(no_home))
    with pytest.raises(OutputError, match="set SISPAM_DATA_DIR"):
        data_dir(create=False)
    # The game still starts: default settings and no progress, each with the one line.
    settings, problems = load_settings("en")
    assert settings == Settings(lang="en") and "set SISPAM_DATA_DIR" in problems[0]
    progress, problems = CampaignProgress.load()
    assert not progress._levels and "set SISPAM_DATA_DIR" in problems[0]


def test_the_user_data_modules_do_not_import_pygame() -> None:
    code = ("import sys, sispam.userdata, sispam.settings, sispam.campaign_progress; "
            "print(sorted(m for m in sys.modules if m.startswith(('pygame', 'sispam.ui'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- settings ----------------------------------------------------------------------------------

def test_no_settings_file_gives_the_defaults_in_the_given_language_without_creating_anything(
        home: Path) -> None:
    settings, problems = load_settings("en")
    assert settings == Settings(lang="en", window=(1280, 720), fullscreen=False, volume=0.7,
                                tutorial_hints=True)
    assert problems == []
    assert not home.exists()


def test_saved_settings_come_back_the_same_and_the_saved_language_beats_the_default(home: Path) -> None:
    mine = Settings(lang="en", window=(1920, 1080), fullscreen=True, volume=0.25, tutorial_hints=False)
    save_settings(mine)
    assert (home / "settings.json").is_file()
    assert load_settings("id") == (mine, [])


def test_settings_check_every_field_when_made_or_changed() -> None:
    settings = Settings(lang="id", window=[1024, 768], volume=1)  # type: ignore[arg-type]
    assert settings.window == (1024, 768) and isinstance(settings.volume, float)
    with pytest.raises(ValueError, match="^volume: must be a number from 0 to 1, not 2$"):
        replace(settings, volume=2)
    with pytest.raises(ValueError, match="^lang: "):
        replace(settings, lang="fr")
    with pytest.raises(ValueError, match="^window: "):
        replace(settings, window=(320, 200))


@pytest.mark.parametrize(("size", "fitted"), [
    ((1024, 600), (1024, 600)), ((300, 200), (640, 480)), ((9000, 5000), (7680, 4320)), ((500, 900), (640, 900)),
], ids=["inside", "too-small", "too-large", "narrow"])
def test_a_resized_window_is_fitted_into_the_range_settings_accept(
        size: tuple[int, int], fitted: tuple[int, int]) -> None:
    assert fit_window(size) == fitted
    assert Settings(lang="id", window=fit_window(size)).window == fitted


def test_a_bad_value_names_the_file_the_field_and_the_value(home: Path) -> None:
    path = write(home / "settings.json", json.dumps({"volume": "loud"}))
    settings, problems = load_settings("id")
    assert settings.volume == 0.7
    assert problems == [f'{path}: volume: must be a number from 0 to 1, not "loud"']


GOOD = {"lang": "en", "window": [1600, 900], "fullscreen": True, "volume": 0.3, "tutorial_hints": False,
        "legend": False}


BAD_FIELDS = [
    ("lang", "fr"),
    ("lang", 1),
    ("window", [100, 100]),
    ("window", [8000, 720]),
    ("window", [1280, 5000]),
    ("window", [1280]),
    ("window", [1280.0, 720]),
    ("window", "1280x720"),
    ("fullscreen", "yes"),
    ("fullscreen", 1),
    ("volume", "loud"),
    ("volume", 1.5),
    ("volume", -0.1),
    ("volume", True),
    ("tutorial_hints", None),
    ("legend", "yes"),
]


@pytest.mark.parametrize(("field", "bad"), BAD_FIELDS, ids=[f"{f}={json.dumps(b)}" for f, b in BAD_FIELDS])
def test_a_bad_field_gets_its_default_and_the_good_ones_are_kept(home: Path, field: str, bad: object) -> None:
    path = write(home / "settings.json", json.dumps({**GOOD, field: bad}))
    settings, problems = load_settings("id")
    defaults = Settings(lang="id")
    expected = Settings(**{**GOOD, "window": tuple(GOOD["window"]), field: getattr(defaults, field)})
    assert settings == expected
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}: {field}: must be ")
    assert problems[0].endswith(f"not {json.dumps(bad)}")


def test_nan_volume_is_refused(home: Path) -> None:
    path = write(home / "settings.json", '{"volume": NaN, "lang": "en"}')
    settings, problems = load_settings("id")
    assert (settings.volume, settings.lang) == (0.7, "en")
    assert problems == [f"{path}: volume: must be a number from 0 to 1, not NaN"]


def test_an_unknown_setting_is_ignored_with_a_problem_line(home: Path) -> None:
    path = write(home / "settings.json", json.dumps({"volume": 0.4, "colour": "red"}))
    settings, problems = load_settings("id")
    assert settings == Settings(lang="id", volume=0.4)
    assert problems == [f'{path}: "colour": unknown setting, ignored']


@pytest.mark.parametrize(("text", "says"), [
    ("{not json", "not JSON"),
    ("", "not JSON"),
    ('["en", 0.5]', "must be a JSON object of settings, not a list"),
    ('"en"', "must be a JSON object of settings, not a string"),
    ("[" * 30_000 + "]" * 30_000, "nested too deeply"),
], ids=["not-json", "empty", "a-list", "a-string", "nested-too-deep"])
def test_a_file_that_is_not_a_settings_object_gives_the_defaults(home: Path, text: str, says: str) -> None:
    path = write(home / "settings.json", text)
    settings, problems = load_settings("en")
    assert settings == Settings(lang="en")
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}: ") and says in problems[0]


def test_settings_that_are_not_utf8_give_the_defaults(home: Path) -> None:
    path = home / "settings.json"
    home.mkdir(parents=True)
    path.write_bytes(b'{"lang": "\xff"}')
    settings, problems = load_settings("id")
    assert settings == Settings(lang="id")
    assert problems == [f"{path}: not UTF-8 text; using the default settings"]


def test_a_settings_file_over_64_kb_is_refused_and_one_at_the_limit_is_read(home: Path) -> None:
    body = '{"volume": 0.2}'
    path = write(home / "settings.json", body[:-1] + " " * (MAX_FILE_BYTES - len(body)) + "}")
    assert path.stat().st_size == MAX_FILE_BYTES
    assert load_settings("id") == (Settings(lang="id", volume=0.2), [])

    write(path, body[:-1] + " " * (MAX_FILE_BYTES + 1 - len(body)) + "}")
    settings, problems = load_settings("id")
    assert settings == Settings(lang="id")
    assert len(problems) == 1 and problems[0].startswith(f"{path}: larger than 64 KB")


def test_a_settings_path_that_cannot_be_read_gives_the_defaults(home: Path) -> None:
    (home / "settings.json").mkdir(parents=True)
    settings, problems = load_settings("en")
    assert settings == Settings(lang="en")
    assert len(problems) == 1 and problems[0].startswith(f"{home / 'settings.json'}: ")


def test_saving_over_settings_replaces_the_file_and_leaves_no_temporary_file(home: Path) -> None:
    save_settings(Settings(lang="id"))
    save_settings(Settings(lang="en", volume=0.5))
    assert sorted(os.listdir(home)) == ["settings.json"]
    assert load_settings("id") == (Settings(lang="en", volume=0.5), [])


def test_saving_when_the_data_folder_is_a_file_fails_clearly_and_leaves_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = write(tmp_path / "sispam", "not a folder")
    monkeypatch.setenv("SISPAM_DATA_DIR", str(blocker))
    with pytest.raises(OutputError, match="settings.json: cannot write: .*sispam is a file, not a folder"):
        save_settings(Settings(lang="en"))
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_a_save_that_fails_at_the_last_step_keeps_the_old_settings(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    save_settings(Settings(lang="en", volume=0.4))
    before = (home / "settings.json").read_bytes()

    def no_rename(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sispam.atomic.os, "replace", no_rename)
    with pytest.raises(OutputError, match="settings.json: cannot write: No space left on device"):
        save_settings(Settings(lang="id", volume=1.0))
    assert (home / "settings.json").read_bytes() == before
    assert os.listdir(home) == ["settings.json"]


# --- campaign progress -------------------------------------------------------------------------

def test_fresh_progress_opens_only_the_first_level(home: Path) -> None:
    progress, problems = CampaignProgress.load()
    assert problems == []
    assert progress.unlocked(KEYS) == [True, False, False]
    assert (progress.won(KEYS[0]), progress.best(KEYS[0]), progress.attempts(KEYS[0])) == (False, None, 0)
    assert progress.unlocked([]) == []


def test_winning_a_level_unlocks_the_next_one_only() -> None:
    progress = CampaignProgress()
    progress.record(KEYS[0], "lost", 40)
    assert progress.unlocked(KEYS) == [True, False, False]
    progress.record(KEYS[0], "won", 70)
    assert progress.unlocked(KEYS) == [True, True, False]
    progress.record(KEYS[2], "won", 90)  # opened by an instructor as a custom level
    assert progress.unlocked(KEYS) == [True, True, False]
    progress.record(KEYS[1], "won", 55)
    assert progress.unlocked(KEYS) == [True, True, True]


def test_a_won_level_stays_won_and_the_best_score_is_over_every_run() -> None:
    progress = CampaignProgress()
    progress.record(KEYS[0], "won", 60)
    progress.record(KEYS[0], "lost", 85)
    progress.record(KEYS[0], "incomplete", 20)
    assert progress.won(KEYS[0]) is True
    assert progress.best(KEYS[0]) == 85
    assert progress.attempts(KEYS[0]) == 3
    assert (progress.won(KEYS[1]), progress.best(KEYS[1]), progress.attempts(KEYS[1])) == (False, None, 0)


@pytest.mark.parametrize(("outcome", "score"), [
    ("draw", 50), ("won", 101), ("won", -1), ("won", 50.5), ("won", True),
], ids=["unknown-outcome", "score-101", "score-negative", "score-fraction", "score-bool"])
def test_recording_a_bad_run_is_refused_and_counts_nothing(outcome: str, score: object) -> None:
    progress = CampaignProgress()
    with pytest.raises(ValueError, match="outcome|score"):
        progress.record(KEYS[0], outcome, score)  # type: ignore[arg-type]
    assert progress.attempts(KEYS[0]) == 0


def test_saved_progress_comes_back_the_same(home: Path) -> None:
    progress = CampaignProgress()
    progress.record(KEYS[0], "won", 72)
    progress.record(KEYS[1], "lost", 30)
    progress.record(KEYS[1], "incomplete", 12)
    progress.save()
    assert (home / "campaign_progress.json").is_file()
    again, problems = CampaignProgress.load()
    assert problems == []
    assert [(again.won(k), again.best(k), again.attempts(k)) for k in KEYS] == [
        (True, 72, 1), (False, 30, 2), (False, None, 0)]
    assert again.unlocked(KEYS) == [True, True, False]


def test_bad_progress_entries_are_dropped_by_name_and_good_ones_kept(home: Path) -> None:
    path = write(home / "campaign_progress.json", json.dumps({
        "schema_version": 1,
        "extra": 1,
        "levels": {
            "campaign_1_hijau": {"won": True, "best_score": 80, "attempts": 2, "stars": 3},
            "campaign_2_dorong": {"won": "yes", "best_score": 50, "attempts": 1},
            "campaign_3_provokator": {"won": False, "best_score": 150, "attempts": 1},
            "campaign_4_batu_ban": {"won": False, "best_score": None, "attempts": -2},
            "campaign_5_anarki": {"won": True, "best_score": 60, "attempts": 0},
            "campaign_6_dua_lokasi": [True, 60, 1],
        },
    }))
    progress, problems = CampaignProgress.load()
    assert (progress.won("campaign_1_hijau"), progress.best("campaign_1_hijau"),
            progress.attempts("campaign_1_hijau")) == (True, 80, 2)
    for key in ("campaign_2_dorong", "campaign_3_provokator", "campaign_4_batu_ban",
                "campaign_5_anarki", "campaign_6_dua_lokasi"):
        assert progress.attempts(key) == 0 and not progress.won(key)
    assert problems == [
        f'{path}: "extra": unknown field, ignored',
        f'{path}: levels.campaign_1_hijau."stars": unknown field, ignored',
        f'{path}: levels.campaign_2_dorong.won: must be true or false, not "yes"; entry dropped',
        (f"{path}: levels.campaign_3_provokator.best_score: must be a whole number from 0 to 100 or null, "
         f"not 150; entry dropped"),
        f"{path}: levels.campaign_4_batu_ban.attempts: must be a whole number from 0 up, not -2; entry dropped",
        (f"{path}: levels.campaign_5_anarki.attempts: must be at least 1 for a level that was won or scored, "
         f"not 0; entry dropped"),
        (f"{path}: levels.campaign_6_dua_lokasi: must be an object with won, best_score and attempts, "
         f"not a list; entry dropped"),
    ]


@pytest.mark.parametrize(("text", "says"), [
    ("{oops", "not JSON"),
    ("[1, 2]", "must be a JSON object, not a list"),
    ('{"levels": {}}', "schema_version: must be 1, not null"),
    ('{"schema_version": 2, "levels": {}}', "schema_version: must be 1, not 2"),
    ('{"schema_version": 1, "levels": [1]}', "levels: must be an object of levels, not a list"),
], ids=["not-json", "a-list", "no-version", "newer-version", "levels-a-list"])
def test_a_progress_file_that_cannot_be_used_starts_afresh_with_a_problem_line(
        home: Path, text: str, says: str) -> None:
    path = write(home / "campaign_progress.json", text)
    progress, problems = CampaignProgress.load()
    assert progress.unlocked(KEYS) == [True, False, False]
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}: ") and says in problems[0]
    assert problems[0].endswith("starting with no progress")


def test_a_progress_save_that_fails_raises_and_keeps_the_old_file(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    progress = CampaignProgress()
    progress.record(KEYS[0], "won", 70)
    progress.save()
    before = (home / "campaign_progress.json").read_bytes()
    progress.record(KEYS[1], "won", 90)

    def no_rename(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(sispam.atomic.os, "replace", no_rename)
    with pytest.raises(OutputError, match="campaign_progress.json: cannot write: Permission denied"):
        progress.save()
    assert (home / "campaign_progress.json").read_bytes() == before
    assert os.listdir(home) == ["campaign_progress.json"]


def test_a_lone_surrogate_escape_in_the_settings_or_progress_is_replaced_and_reported(home: Path) -> None:
    r"""JSON may write "\ud800", a code unit that is no character: drawn or printed it was a
    UnicodeEncodeError at startup. It becomes U+FFFD, with one problem naming the file's line."""
    write(home / "settings.json", '{"lang": "en",\n "trainee_name": "Bu\\ud800di"}')
    settings, problems = load_settings("id")
    assert settings.lang == "en" and settings.trainee_name == "Bu\ufffddi"
    assert len(problems) == 1 and "settings.json:2:" in problems[0] and "surrogate" in problems[0]
    write(home / "campaign_progress.json", '{"schema_version": 1, "levels": {"\\ud800": {"won": true}}}')
    progress, problems = CampaignProgress.load()
    assert problems and "surrogate" in problems[0]
    assert all("\ud800" not in key for key in progress._levels)
