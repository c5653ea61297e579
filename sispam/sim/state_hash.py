"""A fingerprint of a world's state: two runs that hash alike at a moment stand in the same
state then, to the last bit of every position, velocity, mood and random draw.

Replays record it every few seconds (`sispam.review.recording`), so that a re-simulation can
say not only that it diverged but when, and a take-over can show that it starts from exactly the
recorded moment."""

from __future__ import annotations

import hashlib
import struct

import numpy as np

from sispam.sim.world import World


def _arrays(holder: object) -> list[tuple[str, np.ndarray]]:
    """Every numpy array an object holds as an attribute, by name."""
    names = getattr(holder, "__dict__", {})
    return sorted((name, value) for name, value in names.items() if isinstance(value, np.ndarray))


def state_hash(world: World) -> str:
    """SHA-256 (hex) of the world's clock, every array of its bodies, crowd and officers, the
    gas field, the fires, the vehicles, the state of each order given and its random generator.

    Orders waiting for their time are left out: a run whose orders were all queued at its start
    (an order plan, a replay) and one whose orders were given as it went (a trainee) stand in
    the same state while those orders have not come."""
    h = hashlib.sha256()
    h.update(struct.pack("<qd", world.step_count, world.t))
    for holder in (world.bodies, world.crowd, world.officers):
        for name, array in _arrays(holder):
            h.update(name.encode())
            h.update(np.ascontiguousarray(array).tobytes())
    h.update(np.ascontiguousarray(world.gas.concentration()).tobytes())
    for fire in world.fires:
        h.update(struct.pack("<3d", *fire.pos, fire.heat_kw))
    for unit_id, vehicle in sorted(world.vehicles.by_unit.items()):
        h.update(unit_id.encode())
        h.update(np.ascontiguousarray(vehicle.pos, float).tobytes())
    for issued in world.command.log:  # those given: one still pending is not yet part of the world
        if issued.status != "pending":
            h.update(f"{issued.id}:{issued.status};".encode())
    h.update(repr(world.rng.bit_generator.state).encode())
    return h.hexdigest()
