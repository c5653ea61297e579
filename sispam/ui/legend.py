"""The legend of the play screen: the crowd's behaviour classes, the injured and the held, the
roles the police know (korlap, provokator, press; only those the level has) and the police
units on the map, each with the swatch it is drawn with."""

from __future__ import annotations

import numpy as np
import pygame

from sispam.sim.crowd import Behaviour, Crowd
from sispam.sim.scenario import Role
from sispam.sim.world import World
from sispam.ui import palette
from sispam.ui.i18n import text
from sispam.ui.widgets import TEXT, panel

PAD = 8
LINE_GAP = 4
SWATCH = 12
ROLE_MARKS = ((Role.KORLAP, palette.KORLAP_MARK), (Role.PROVOKATOR, palette.PROVOKATOR_MARK),
              (Role.PERS, palette.PERS_MARK))


class Legend:
    """The legend of `world` in `lang`. Its rows depend only on the level (roles and units never
    change), so they are made once."""

    def __init__(self, world: World, lang: str, size_px: int) -> None:
        self.lang = lang
        self.size_px = size_px
        # (swatch colour or None for a heading, label, mark colour in the swatch or None)
        rows: list[tuple[tuple | None, str, tuple | None]] = [(None, text("legend.crowd", lang), None)]
        rows += [(palette.BEHAVIOUR[c], text(f"legend.{c.name.lower()}", lang), None) for c in Behaviour]
        rows += [(palette.INJURED, text("legend.injured", lang), None), (palette.HELD, text("legend.held", lang), None)]
        present = set(np.unique(world.crowd.role).tolist())
        rows += [(palette.BEHAVIOUR[Behaviour.PASIF], text(f"legend.{role}", lang), mark)
                 for role, mark in ROLE_MARKS if Crowd.ROLES.index(role) in present]
        rows.append((None, text("legend.police", lang), None))
        for kind in dict.fromkeys(unit.type for unit in world.units):  # each unit type once, in level order
            rows.append((palette.UNIT[kind], text(f"unit.{kind}", lang), None))
        if world.units:  # knocked down: his unit's colour in a red ring, as on the map
            rows.append((palette.UNIT[world.units[0].type], text("legend.officer_down", lang), palette.DOWN_MARK))
        self.rows = rows

    def _images(self) -> list[tuple[tuple | None, pygame.Surface, tuple | None]]:
        return [(colour, TEXT.render(label, self.size_px), mark) for colour, label, mark in self.rows]

    def size(self) -> tuple[int, int]:
        """The legend's width and height (px)."""
        images = self._images()
        line_h = max(img.get_height() for _, img, _ in images) + LINE_GAP
        return (max(img.get_width() for _, img, _ in images) + 3 * PAD + SWATCH,
                line_h * len(images) + 2 * PAD - LINE_GAP)

    def draw(self, surf: pygame.Surface, topleft: tuple[int, int]) -> pygame.Rect:
        """The legend with its top-left corner at `topleft`; returns where it went."""
        images = self._images()
        line_h = max(img.get_height() for _, img, _ in images) + LINE_GAP
        rect = pygame.Rect(topleft, self.size())
        panel(surf, rect, palette.PANEL_SOLID)
        y = rect.top + PAD
        for colour, img, mark in images:
            x = rect.left + PAD
            if colour is not None:
                centre = (x + SWATCH // 2, y + img.get_height() // 2)
                if mark == palette.DOWN_MARK:  # as on the map: a red ring round the officer
                    pygame.draw.circle(surf, colour, centre, SWATCH // 2)
                    pygame.draw.circle(surf, mark, centre, SWATCH // 2, max(1, SWATCH // 6))
                elif mark is not None:  # as on the map: a ring and a dot of the mark
                    pygame.draw.circle(surf, palette.PERSON_OUTLINE, centre, SWATCH // 2 + 1)
                    pygame.draw.circle(surf, mark, centre, SWATCH // 2)
                    pygame.draw.circle(surf, colour, centre, SWATCH // 2 - 2)
                    pygame.draw.circle(surf, mark, centre, 2)
                else:
                    pygame.draw.circle(surf, colour, centre, SWATCH // 2)
                    pygame.draw.circle(surf, palette.PERSON_OUTLINE, centre, SWATCH // 2, 1)
                x += SWATCH + PAD
            surf.blit(img, (x, y))
            y += line_h
        return rect
