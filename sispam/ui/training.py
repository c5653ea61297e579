"""Keeping a finished exercise: its replay in the user-data folder (`replays/`) and its result in
the training records, under the trainee's name and group."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sispam.atomic import OutputError
from sispam.records import Records, RecordsError
from sispam.review.import_replays import file_slug, result_of
from sispam.review.recording import Recorder
from sispam.review.replay_file import SUFFIX, write_replay
from sispam.sim.world import World
from sispam.userdata import data_dir


def replays_dir() -> Path:
    """The folder of kept replays (made if need be).

    Raises:
        OutputError: it cannot be made.
    """
    folder = data_dir() / "replays"
    try:
        folder.mkdir(exist_ok=True)
    except OSError as e:
        raise OutputError(f"{folder}: cannot make the folder for replays: {e.strerror or e}") from None
    return folder


def keep_run(recorder: Recorder, world: World, trainee: tuple[str, str], title: str,
             now: datetime | None = None, branch_of: str = "") -> tuple[Path | None, list[str]]:
    """Write the run's replay and add its result to the records; returns the replay's path (None
    if it could not be written) and the problems met, each a line naming the file and why."""
    now = (now or datetime.now()).replace(microsecond=0)
    rec = recorder.finish(world)
    rec.trainee = {"name": trainee[0], "group": trainee[1]}
    rec.played_at = now.isoformat()
    problems = []
    path: Path | None = None
    try:
        path = replays_dir() / f"{now:%Y%m%d-%H%M%S}_{world.scenario.id}_{file_slug(trainee[0])}{SUFFIX}"
        write_replay(rec, path)
    except OutputError as e:
        problems.append(str(e))
        path = None
    result = result_of(rec, trainee=trainee[0], group=trainee[1], title=title, played_at=rec.played_at,
                       replay="" if path is None else str(path), branch_of=branch_of)
    try:
        with Records() as db:
            db.add(result)
    except (RecordsError, OutputError) as e:
        problems.append(str(e))
    return path, problems
