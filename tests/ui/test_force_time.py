"""The force ladder's times: when an order touched people, and when it was given if that was
earlier (an appeal given at 0:10 reaches the crowd at 0:28; the feed showed it at 0:10)."""

from __future__ import annotations

from sispam.ui.describe import force_time

REPORT = {"orders": [{"id": 0, "t": 10.2, "unit": "negosiator-1", "order": "appeal"},
                     {"id": 1, "t": 83.0, "unit": "negosiator-1", "order": "negotiate"}]}


def test_an_entry_touching_people_after_its_order_says_when_it_was_given():
    assert force_time(REPORT, {"t": 28.0, "order_id": 0}, "en") == "0:28 (ordered 0:10)"
    assert force_time(REPORT, {"t": 28.0, "order_id": 0}, "id") == "0:28 (diperintahkan 0:10)"


def test_an_entry_touching_people_when_given_or_without_its_order_gives_one_time():
    assert force_time(REPORT, {"t": 83.4, "order_id": 1}, "en") == "1:23"
    assert force_time(REPORT, {"t": 28.0, "order_id": 7}, "en") == "0:28"
    assert force_time({}, {"t": 28.0}, "en") == "0:28"
