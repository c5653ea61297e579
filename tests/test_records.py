"""Training records: results stored, filtered, sorted and exported; a process killed in the middle
of writing leaves every earlier result readable; a damaged or foreign database is refused by name
and left as it was."""

from __future__ import annotations

import csv
import io
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from sispam.records import Records, RecordsError, Result, csv_text, export_csv

ROOT = Path(__file__).resolve().parents[1]


def result(trainee: str, level: str = "campaign_1_hijau", score: int = 80, at: str = "2026-11-28T10:00:00",
           group: str = "Dalmas A", outcome: str = "won") -> Result:
    return Result(trainee=trainee, group=group, level_id=level, level_title=level.replace("_", " "), played_at=at,
                  outcome=outcome, score=score, parts={"objectives": 100, "safety": score - 10}, sim_seconds=360.0,
                  violations=0, max_stage=2, replay=f"/r/{trainee}.sispam-replay.json")


def test_results_are_stored_filtered_sorted_and_kept_across_openings(tmp_path) -> None:
    path = tmp_path / "records.sqlite"
    with Records(path) as db:
        stored = [db.add(result("Budi", score=70, at="2026-11-28T09:00:00")),
                  db.add(result("Siti", score=95, at="2026-11-28T10:00:00", group="Dalmas B")),
                  db.add(result("Budi", level="campaign_2_dorong", score=55, at="2026-11-29T08:00:00", outcome="lost"))]
    assert [r.id for r in stored] == [1, 2, 3]
    with Records(path) as db:  # opened again: all there
        assert [r.trainee for r in db.results()] == ["Budi", "Siti", "Budi"]  # newest first
        assert [r.score for r in db.results(sort="score")] == [95, 70, 55]
        assert [r.score for r in db.results(sort="score", descending=False)] == [55, 70, 95]
        assert [r.level_id for r in db.results(trainee="bud")] == ["campaign_2_dorong", "campaign_1_hijau"]
        assert [r.trainee for r in db.results(group="b")] == ["Siti"]
        assert [r.trainee for r in db.results(level_id="campaign_1_hijau", trainee="siti")] == ["Siti"]
        assert [r.trainee for r in db.results(date="2026-11-28")] == ["Siti", "Budi"]
        assert [r.level_id for r in db.results(date="2026-11-29")] == ["campaign_2_dorong"]
        assert len(db.results(date="2026-11")) == 3 and db.results(date="2026-12") == []
        assert db.results(trainee="Budi")[0] == stored[2]  # every field comes back as it went in
        assert db.values("trainee") == ["Budi", "Siti"] and db.values("level_id") == ["campaign_1_hijau",
                                                                                       "campaign_2_dorong"]
        with pytest.raises(ValueError):
            db.results(sort="score; DROP TABLE results")


def test_the_csv_export_has_a_row_per_result_and_no_formula_cells(tmp_path) -> None:
    rows = [result("=HYPERLINK(\"http://x\")"), result("Siti", score=91)]
    export_csv(rows, tmp_path / "out.csv")
    table = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text())))
    assert [r["trainee"] for r in table] == ["'=HYPERLINK(\"http://x\")", "Siti"]
    assert table[1]["score"] == "91" and table[1]["score_safety"] == "81" and table[1]["level"] == "campaign_1_hijau"
    assert csv_text([]) .startswith("trainee,group,level,")


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from sispam.records import Records, Result
    db = Records(Path({path!r}))
    k = 0
    while True:
        k += 1
        r = db.add(Result(trainee=f"t{{k}}", group="", level_id="lvl", level_title="L", played_at="2026-11-28T10:00:00",
                          outcome="won", score=k % 100, parts={{"objectives": k % 100}}, sim_seconds=1.0,
                          violations=0, max_stage=1, replay="x" * 2000))
        print(r.id, flush=True)
""")


def test_killing_the_process_while_it_writes_leaves_every_earlier_result(tmp_path) -> None:
    path = tmp_path / "records.sqlite"
    with Records(path) as db:
        earlier = [db.add(result(f"earlier-{k}")) for k in range(5)]
    writer = subprocess.Popen([sys.executable, "-c", WRITER.format(root=str(ROOT), path=str(path))],
                              stdout=subprocess.PIPE, text=True)
    committed = []
    deadline = time.monotonic() + 60
    while len(committed) < 40 and time.monotonic() < deadline:
        committed.append(int(writer.stdout.readline()))
    os.kill(writer.pid, signal.SIGKILL)  # in the middle of the next write, most likely
    writer.wait(timeout=30)
    assert len(committed) >= 40
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Records(path) as db:
        ids = {r.id for r in db.results()}
        assert {r.id for r in earlier} <= ids and set(committed) <= ids  # nothing written before is lost
        assert all(r.trainee.startswith(("earlier-", "t")) for r in db.results())
        db.add(result("after"))  # and it takes new results


def test_a_damaged_or_foreign_database_is_refused_and_left_as_it_was(tmp_path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(RecordsError, match="damaged"):
        Records(junk)
    assert junk.read_bytes() == b"SQLite format 3\x00" + b"\xff" * 4000
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as raw:
        raw.execute("CREATE TABLE invoices (n INTEGER)")
    raw.close()
    with pytest.raises(RecordsError, match="not Sispam's training records"):
        Records(foreign)
    newer = tmp_path / "newer.sqlite"
    with sqlite3.connect(newer) as raw:
        raw.execute("PRAGMA user_version = 99")
    raw.close()
    with pytest.raises(RecordsError, match="newer Sispam"):
        Records(newer)


def test_a_database_in_use_elsewhere_is_reported_as_busy_not_damaged_and_can_still_be_listed(tmp_path) -> None:
    path = tmp_path / "records.sqlite"
    with Records(path) as db:
        db.add(result("Budi"))
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program in the middle of a write
    try:
        with Records(path, read_only=True) as db:
            assert [r.trainee for r in db.results()] == ["Budi"]
        with pytest.raises(RecordsError, match="in use by another program") as busy:
            with Records(path) as db:
                db.add(result("Siti"))
        assert "damaged" not in str(busy.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    with pytest.raises(RecordsError, match="no training records yet"):
        Records(tmp_path / "none.sqlite", read_only=True)
    assert not (tmp_path / "none.sqlite").exists()
