"""Caps on what a level may ask for; a level beyond any of them is refused."""

MAX_FILE_BYTES = 2 * 1024 * 1024
"""A level file is at most 2 MB; larger files are refused before parsing."""

MAX_GROUP_COUNT = 20_000
MAX_CROWD_TOTAL = 20_000
MAX_UNIT_OFFICERS = 200
MAX_OFFICERS_TOTAL = 2_000
MAX_OBSTACLES = 2_000
MAX_SHAPE_POINTS = 500
MIN_DURATION_S = 1.0  # shorter is no exercise (1e-320 s was accepted, and ran for no step)
MAX_DURATION_S = 7_200.0
MAX_MAP_SIDE_M = 500.0
"""A map is at most 500 m on a side: a district's worth of streets, and what the navigation and
wall fields of the simulation fit in memory at a useful resolution."""

MAX_PLAN_ORDERS = 10_000
"""An order plan holds at most 10,000 orders (and, like a level, is at most 2 MB)."""
