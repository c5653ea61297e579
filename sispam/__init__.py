"""Sispam: a Sispamkota crowd-control training game (simulation, levels, user interface)."""

__version__ = "0.1.0"
