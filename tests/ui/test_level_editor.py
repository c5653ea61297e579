"""The level editor driven with synthetic mouse and keys (issue 7): a small level built on the
map and in the forms (a building, zones, a crowd group, a unit, an objective) is saved, passes
`game.py check` and runs headless; undo and redo round-trip; a level with problems saves only as
a draft marked invalid, its test-play button says what to fix, and a click on a problem opens
what it is about; test-play returns to the editor."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pygame

from sispam.level import load_level
from sispam.resources import levels_dir
from sispam.sim.world import World
from sispam.ui import palette
from sispam.ui.briefing import Briefing
from sispam.ui.editor import EditorScreen
from sispam.ui.play import PlayScreen

ROOT = Path(__file__).resolve().parents[2]
FRAME_S = 1 / 60


def keydown(k: int, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)


def typed(text: str) -> pygame.event.Event:
    return pygame.event.Event(pygame.TEXTINPUT, text=text)


def at(editor: EditorScreen, point: tuple[float, float]) -> tuple[int, int]:
    x, y = editor.camera.to_screen(np.array([point], float))[0]
    return int(round(x)) + editor.map_rect.left, int(round(y)) + editor.map_rect.top


def drag(app, editor: EditorScreen, a: tuple[float, float], b: tuple[float, float]) -> None:
    pa, pb = at(editor, a), at(editor, b)
    app.frame([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pa, button=1),
               pygame.event.Event(pygame.MOUSEMOTION, pos=pb, rel=(pb[0] - pa[0], pb[1] - pa[1]), buttons=(1, 0, 0)),
               pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pb, button=1)], FRAME_S)


def click(app, pos: tuple[int, int]) -> None:
    app.frame([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
               pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)], FRAME_S)


def press(app, label: str) -> None:
    button = next(b for b in app.screen.buttons.items if b.label == label)
    click(app, button.rect.center)


def set_field(app, editor: EditorScreen, key: str, value: str) -> None:
    """Type `value` into the form's box for `key` (replacing what is there) and press Enter."""
    box = next(b for f, b in editor.fields if ".".join(f.key) == key)
    click(app, box.rect.center)
    box = next(b for f, b in editor.fields if ".".join(f.key) == key)
    app.frame([keydown(pygame.K_BACKSPACE)] * (len(box.value) + 1) + [typed(value), keydown(pygame.K_RETURN)], FRAME_S)


def test_a_small_level_built_with_the_mouse_and_the_forms_checks_and_runs(app, tmp_path) -> None:
    level = tmp_path / "kpu_kota.toml"
    app.open_editor(str(level))
    editor = app.screen
    assert isinstance(editor, EditorScreen) and editor.problems  # a new level: nobody in it yet
    app.frame([keydown(pygame.K_b)], FRAME_S)  # the building tool: a KPU office, dragged
    drag(app, editor, (50.2, 50.1), (70.4, 65.3))
    [building] = editor.draft.entries("obstacles")
    assert building["kind"] == "building" and building["shape"] == {"kind": "rect", "min": [50, 50], "max": [70, 65]}
    app.frame([keydown(pygame.K_z)], FRAME_S)  # the zone tool; its role is the Zones tab's (protected first)
    drag(app, editor, (45, 45), (75, 70))
    app.frame([keydown(pygame.K_c)], FRAME_S)  # the crowd tool: outside any zone, it makes a spawn zone
    click(app, at(editor, (20, 15)))
    zones = editor.draft.entries("zones")
    assert [z["role"] for z in zones] == ["protected", "spawn"]
    [group] = editor.draft.entries("crowd")
    assert group["spawn"] == zones[1]["id"] and group["goal"] == {"kind": "zone", "zone": zones[0]["id"]}
    set_field(app, editor, "count", "120")
    assert editor.draft.entries("crowd")[0]["count"] == 120
    app.frame([keydown(pygame.K_u)], FRAME_S)  # a unit at the office's front
    click(app, at(editor, (60, 42)))
    [unit] = editor.draft.entries("units")
    assert unit["position"] == [60, 42]
    set_field(app, editor, "formation", "tali_dalmas")  # a bare word is text
    assert editor.draft.entries("units")[0]["formation"] == "tali_dalmas"
    press(app, "Objectives")
    press(app, "+ Add")  # protect_zone comes first, on the protected zone
    [objective] = editor.draft.entries("objectives")
    assert objective == {"id": "protect-zone-1", "kind": "protect_zone", "zone": zones[0]["id"]}
    press(app, "Level")
    set_field(app, editor, "briefing.en", "A crowd of 120 comes to the KPU of our city.")
    assert editor.draft.value(("briefing", "en")) == "A crowd of 120 comes to the KPU of our city."
    assert editor.problems == [], editor.problems
    assert editor.play_button.enabled

    # Undo walks back through every step to the empty level, redo forward again.
    built = editor.draft.text()
    steps = 0
    while editor.draft.can_undo:
        app.frame([keydown(pygame.K_z, pygame.KMOD_CTRL)], FRAME_S)
        steps += 1
    assert steps >= 7 and editor.draft.entries("obstacles") == [] and editor.problems
    for _ in range(steps):
        app.frame([keydown(pygame.K_y, pygame.KMOD_CTRL)], FRAME_S)
    assert editor.draft.text() == built and editor.problems == []

    app.frame([keydown(pygame.K_s, pygame.KMOD_CTRL)], FRAME_S)
    assert level.is_file() and not editor.draft.dirty
    done = subprocess.run([sys.executable, str(ROOT / "game.py"), "check", str(level)], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0 and done.stdout.strip() == f"{level}: ok", done.stdout + done.stderr
    world = World(load_level(level))
    world.run_until(20.0)
    assert world.tally()["came"] > 0 and all(u.arrived for u in world.units)

    # Test-play: the briefing, the play screen, and back to the editor from the pause menu.
    app.frame([keydown(pygame.K_F5)], FRAME_S)
    assert isinstance(app.screen, Briefing)
    app.frame([typed("Instruktur"), keydown(pygame.K_RETURN)], FRAME_S)
    play = app.screen
    assert isinstance(play, PlayScreen) and play.recorder is None  # a test-play is kept nowhere
    app.frame([keydown(pygame.K_ESCAPE)], FRAME_S)
    press(app, "Back to the editor")
    assert app.screen is editor


def test_an_invalid_level_saves_only_as_a_marked_draft_and_play_says_what_to_fix(app, tmp_path) -> None:
    level = tmp_path / "kota.toml"
    level.write_text((ROOT / "docs" / "level_tutorial.toml").read_text(encoding="utf-8"), encoding="utf-8")
    before = level.read_bytes()
    app.open_editor(str(level))
    editor = app.screen
    assert editor.problems == []
    press(app, "Crowd")
    press(app, editor.draft.entries("crowd")[0]["id"] + "  (" + str(editor.draft.entries("crowd")[0]["count"]) + ")")
    set_field(app, editor, "spawn", "nowhere")
    assert editor.problems and "Fix first: crowd[0].spawn" in editor.play_button.tooltip
    app.frame([keydown(pygame.K_F5)], FRAME_S)
    assert app.screen is editor  # nothing to play, and it says what to fix
    assert any(m.startswith("Cannot be played yet. Fix first: crowd[0].spawn") for m, _ in app.notices)
    app.frame([keydown(pygame.K_s, pygame.KMOD_CTRL)], FRAME_S)
    draft = tmp_path / "kota.draft.toml"
    assert level.read_bytes() == before and draft.read_text(encoding="utf-8").startswith("# DRAFT")
    # A click on the problem opens the group it is about.
    press(app, "Level")
    rect, problem = editor.problem_rects[0]
    click(app, rect.center)
    assert editor.selected == ("crowd", 0) and editor.focus_problem == problem
    # Opening the level again takes up the draft; fixed and saved, the draft goes.
    app.main_menu()
    app.open_editor(str(level))
    editor = app.screen
    assert editor.draft.path == draft and editor.problems
    app.frame([keydown(pygame.K_z, pygame.KMOD_CTRL)], FRAME_S)  # nothing to undo in a fresh session
    press(app, "Crowd")
    press(app, editor.draft.entries("crowd")[0]["id"] + "  (" + str(editor.draft.entries("crowd")[0]["count"]) + ")")
    spawn = next(z["id"] for z in editor.draft.entries("zones") if z["role"] == "spawn")
    set_field(app, editor, "spawn", spawn)
    assert editor.problems == []
    app.frame([keydown(pygame.K_s, pygame.KMOD_CTRL)], FRAME_S)
    assert not draft.exists() and load_level(level).crowd[0].spawn == spawn


def test_the_site_plan_to_trace_over_is_drawn_under_the_map(app, tmp_path) -> None:
    """A level's background picture (set in the level's form) shows on the editor's map."""
    picture = pygame.Surface((40, 30))
    picture.fill((200, 30, 30))
    pygame.image.save(picture, str(tmp_path / "site.png"))
    level = tmp_path / "kota.toml"
    level.write_text((ROOT / "docs" / "level_tutorial.toml").read_text(encoding="utf-8"), encoding="utf-8")
    app.open_editor(str(level))
    editor = app.screen
    probe = at(editor, (5.0, 35.0))  # open ground in the tutorial's map, away from everything drawn
    app.frame([], FRAME_S)
    plain = tuple(app.surface.get_at(probe))[:3]
    set_field(app, editor, "map.background", '{ file = "site.png", opacity = 1 }')
    assert editor.problems == [] and editor.background() is not None
    app.frame([], FRAME_S)
    assert tuple(app.surface.get_at(probe))[:3] == (200, 30, 30) != plain
    set_field(app, editor, "map.background", '{ file = "../site.png" }')
    assert editor.background() is None and any(p.where == "map.background.file" for p in editor.problems)


def test_odd_values_and_mid_drag_keys_never_crash_and_unsaved_work_is_kept(app, tmp_path) -> None:
    """Whatever is typed into a form, the map still draws (the problems list names what is
    wrong); Ctrl+Z or Del in the middle of a drag wait for the release; a failed save says why;
    a file dropped on the window does not lose the level being edited."""
    level = tmp_path / "kota.toml"
    level.write_text((ROOT / "docs" / "level_tutorial.toml").read_text(encoding="utf-8"), encoding="utf-8")
    app.open_editor(str(level))
    editor = app.screen
    editor.select("units", 0)
    for key, value in (("facing_deg", "south"), ("width_m", "nan"), ("position", "[inf, 30]"),
                       ("position", "[1e300, 5]"), ("position", "7")):
        set_field(app, editor, key, value)
        app.frame([], FRAME_S)
        assert editor.problems and any(p.where.startswith("units[0]") for p in editor.problems), (key, value)
    editor.select("obstacles", 0)
    for value in ('{ kind = "polyline", thickness = "x", points = 5 }', '{ kind = "circle", center = [nan, 1], radius = 2 }',
                  '{ kind = "rect", min = [0, 0], max = [1e300, 1e300] }'):
        set_field(app, editor, "shape", value)
        app.frame([], FRAME_S)
        assert editor.problems
    # A text key takes plain text; a text in both languages says how it is written, and nothing
    # is saved while a value cannot be read.
    press(app, "Zones")
    press(app, next(b.label for b in editor.buttons.items if b.label.startswith("halaman")))
    set_field(app, editor, "label", "Halaman Kantor KPUD")
    assert editor.draft.get(*editor.selected)["label"] == "Halaman Kantor KPUD"
    press(app, "Objectives")
    press(app, next(b.label for b in editor.buttons.items if "protect_zone" in b.label))
    set_field(app, editor, "text", "Jaga halaman")
    [error] = [f.error for f, _ in editor.fields if f.error]
    assert error.startswith("Write both languages: { id =")
    app.frame([keydown(pygame.K_s, pygame.KMOD_CTRL)], FRAME_S)
    assert level.read_text(encoding="utf-8") == (ROOT / "docs" / "level_tutorial.toml").read_text(encoding="utf-8")
    assert any(m.startswith("Not saved: a value in the form cannot be read") for m, _ in app.notices)
    set_field(app, editor, "text", '{ id = "Jaga halaman.", en = "Keep the yard." }')
    assert editor.draft.get(*editor.selected)["text"] == {"id": "Jaga halaman.", "en": "Keep the yard."}
    press(app, "Level")
    for value in ("[nan, 60]", "[inf, inf]", '{ file = "x.png", size = [nan, 60], opacity = 1e300 }'):
        set_field(app, editor, "map.size" if value.startswith("[") else "map.background", value)
        app.frame([], FRAME_S)
        assert editor.problems
    while editor.draft.can_undo:
        app.frame([keydown(pygame.K_z, pygame.KMOD_CTRL)], FRAME_S)
    assert editor.problems == []

    # A drag of the KPU office: Ctrl+Z and Del wait, the drag is one undo step.
    before = editor.draft.text()
    app.frame([keydown(pygame.K_v)], FRAME_S)
    a, b = at(editor, (30.0, 50.0)), at(editor, (35.0, 50.0))
    app.frame([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=a, button=1),
               pygame.event.Event(pygame.MOUSEMOTION, pos=b, rel=(b[0] - a[0], 0), buttons=(1, 0, 0)),
               keydown(pygame.K_z, pygame.KMOD_CTRL), keydown(pygame.K_DELETE),
               pygame.event.Event(pygame.MOUSEMOTION, pos=a, rel=(a[0] - b[0], 0), buttons=(1, 0, 0)),
               pygame.event.Event(pygame.MOUSEMOTION, pos=b, rel=(b[0] - a[0], 0), buttons=(1, 0, 0)),
               pygame.event.Event(pygame.MOUSEBUTTONUP, pos=b, button=1)], FRAME_S)
    moved = editor.draft.get(*editor.selected)
    assert editor.selected[0] == "obstacles" and editor.draft.text() != before
    app.frame([keydown(pygame.K_z, pygame.KMOD_CTRL)], FRAME_S)
    assert editor.draft.text() == before and moved["shape"] != editor.draft.get(*editor.selected)["shape"]
    app.frame([keydown(pygame.K_y, pygame.KMOD_CTRL)], FRAME_S)

    # Saving where nothing can be written says so; a dropped file keeps the work as a draft.
    editor.draft.path = tmp_path / "missing-folder" / "kota.toml"
    app.frame([keydown(pygame.K_s, pygame.KMOD_CTRL)], FRAME_S)
    assert any("Not saved" in message for message, _ in app.notices) and editor.draft.dirty
    editor.draft.path = level
    app.frame([pygame.event.Event(pygame.DROPFILE, file=str(levels_dir() / "campaign_1_hijau.toml"))], FRAME_S)
    assert isinstance(app.screen, Briefing)
    kept = tmp_path / "kota.draft.toml"
    assert kept.is_file() and level.read_text(encoding="utf-8") == before
    app.open_editor(str(level))
    assert app.screen.draft.text() == editor.draft.text()  # taken up where it was left


def test_new_levels_never_overwrite_each_other(app, tmp_path) -> None:
    for _ in range(2):
        app.open_editor(None)
        editor = app.screen
        app.frame([keydown(pygame.K_u)], FRAME_S)
        click(app, at(editor, (60, 40)))
        app.frame([keydown(pygame.K_s, pygame.KMOD_CTRL)], FRAME_S)
        app.frame([keydown(pygame.K_ESCAPE)], FRAME_S)
    saved = sorted(p.name for p in (tmp_path / "data" / "levels").iterdir())
    assert saved == ["level_baru-2.toml", "level_baru.toml"]


def test_a_valid_level_shows_what_check_notes_under_its_valid_line(app, tmp_path) -> None:
    """A line whose second rank would stand in a building loads (check says ok, with a note):
    the editor says the level is valid and shows the note, in the note colour, below it; moved
    clear of the building, the note goes."""
    path = tmp_path / "street.toml"
    path.write_text((ROOT / "tests" / "levels" / "line_into_building.toml").read_text(encoding="utf-8"), encoding="utf-8")
    app.open_editor(path)
    editor = app.screen
    assert isinstance(editor, EditorScreen)
    app.frame([], FRAME_S)
    assert not editor.problems
    (note,) = editor.draft.notes()
    assert note.where == "units[0].width_m"
    area = pygame.surfarray.array3d(app.surface)[:, editor.map_rect.bottom:]
    noted = (area == np.array(palette.PAUSED)).all(axis=2).sum()
    assert noted > 50  # the note's text
    entry = editor.draft.get("units", 0)
    editor.draft.update("units", 0, {**entry, "position": [50, 19.85], "width_m": 19.1})
    editor.changed()
    app.frame([], FRAME_S)
    assert editor.draft.notes() == []
    area = pygame.surfarray.array3d(app.surface)[:, editor.map_rect.bottom:]
    assert (area == np.array(palette.PAUSED)).all(axis=2).sum() == 0


def test_a_fields_help_too_long_for_the_form_stands_beside_it_whole(app, tmp_path) -> None:
    """A crowd group's form fills the side panel at 1280x720: the help of its arrival_spread_s
    (six lines) goes in a box beside the field, over the map, level with it."""
    path = tmp_path / "c2.toml"
    path.write_text((levels_dir() / "campaign_2_dorong.toml").read_text(encoding="utf-8"), encoding="utf-8")
    app.open_editor(path)
    editor = app.screen
    editor.select("crowd", 0)
    app.frame([], FRAME_S)
    box = next(b for f, b in editor.fields if f.key == ("arrival_spread_s",))
    click(app, box.rect.center)
    app.frame([], FRAME_S)
    over_map = pygame.surfarray.array3d(app.surface)[editor.map_rect.left:editor.map_rect.right,
                                                     editor.map_rect.top:editor.map_rect.bottom]
    help_box = (np.abs(over_map.astype(int) - np.array(palette.TOOLTIP[:3])) <= 12).all(axis=2)  # (it is nearly opaque)
    xs, ys = np.nonzero(help_box)
    assert help_box.sum() > 20_000  # a box of several lines
    assert ys.min() + editor.map_rect.top <= box.rect.centery <= ys.max() + editor.map_rect.top  # level with it
    assert xs.max() + editor.map_rect.left < editor.form_area.left  # beside the form, not over it
