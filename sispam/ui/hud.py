"""What the play view shows over the map: the level, the time and the situation colour (top
left), and a legend of the crowd's behaviour classes and the police units on the map (bottom
left). Panels size themselves to their text, so no text runs over its box in either language."""

from __future__ import annotations

import numpy as np
import pygame

from sispam.sim.crowd import Behaviour, Crowd
from sispam.sim.scenario import Role
from sispam.sim.world import World
from sispam.ui import palette
from sispam.ui.i18n import text
from sispam.ui.widgets import TEXT

PAD = 8
ROLE_MARKS = ((Role.KORLAP, palette.KORLAP_MARK), (Role.PROVOKATOR, palette.PROVOKATOR_MARK),
              (Role.PERS, palette.PERS_MARK))
LINE_GAP = 4
SWATCH = 12


class Hud:
    def __init__(self, lang: str, size_px: int = 20) -> None:
        self.lang = lang
        self.size_px = size_px
        self._roles: tuple[World, set[int]] | None = None  # the crowd roles of the world drawn

    def draw(self, surf: pygame.Surface, world: World) -> None:
        self._status(surf, world)
        self._legend(surf, world)

    def _panel(self, surf: pygame.Surface, rect: pygame.Rect) -> None:
        pygame.draw.rect(surf, palette.PANEL_SOLID, rect)
        pygame.draw.rect(surf, palette.PANEL_BORDER, rect, 1)

    def _status(self, surf: pygame.Surface, world: World) -> None:
        lang = self.lang
        title = getattr(world.scenario.title, lang)
        minutes, seconds = divmod(int(world.t), 60)
        colour = str(world.situation.colour)
        lines = [TEXT.render(title, self.size_px + 4),
                 TEXT.render(f"{text('time', lang)} {minutes:02d}:{seconds:02d}", self.size_px),
                 TEXT.render(f"{text('situation', lang)}: {text('situation.' + colour, lang)}", self.size_px)]
        width = max(img.get_width() for img in lines) + 2 * PAD + SWATCH + PAD
        height = sum(img.get_height() + LINE_GAP for img in lines) + 2 * PAD - LINE_GAP
        rect = pygame.Rect(PAD, PAD, min(width, surf.get_width() - 2 * PAD), height)
        self._panel(surf, rect)
        y = rect.top + PAD
        for i, img in enumerate(lines):
            x = rect.left + PAD
            if i == 2:
                pygame.draw.rect(surf, palette.SITUATION[colour], (x, y + 1, SWATCH, SWATCH))
                pygame.draw.rect(surf, palette.PANEL_BORDER, (x, y + 1, SWATCH, SWATCH), 1)
                x += SWATCH + PAD
            surf.blit(img, (x, y))
            y += img.get_height() + LINE_GAP

    def _legend(self, surf: pygame.Surface, world: World) -> None:
        self.legend(surf, world, (PAD, surf.get_height() - PAD))

    def legend(self, surf: pygame.Surface, world: World, bottom_left: tuple[int, int]) -> None:
        """The legend with its bottom-left corner at `bottom_left`."""
        lang = self.lang
        rows: list[tuple[tuple[int, int, int] | None, str]] = [(None, text("legend.crowd", lang))]
        rows += [(palette.BEHAVIOUR[c], text(f"legend.{c.name.lower()}", lang)) for c in Behaviour]
        rows += [(palette.INJURED, text("legend.injured", lang)), (palette.HELD, text("legend.held", lang))]
        marks = {}
        if self._roles is None or self._roles[0] is not world:  # roles never change: read them once
            self._roles = (world, set(np.unique(world.crowd.role).tolist()))
        present = self._roles[1]
        for role, mark in ROLE_MARKS:
            if Crowd.ROLES.index(role) in present:
                rows.append((palette.BEHAVIOUR[Behaviour.PASIF], text(f"legend.{role}", lang)))
                marks[len(rows) - 1] = mark
        rows.append((None, text("legend.police", lang)))
        seen = []
        for unit in world.units:
            if unit.type not in seen:
                seen.append(unit.type)
                rows.append((palette.UNIT[unit.type], text(f"unit.{unit.type}", lang)))
        images = [(colour, TEXT.render(label, self.size_px)) for colour, label in rows]
        line_h = max(img.get_height() for _, img in images) + LINE_GAP
        width = max(img.get_width() for _, img in images) + 3 * PAD + SWATCH
        height = line_h * len(images) + 2 * PAD - LINE_GAP
        rect = pygame.Rect(bottom_left[0], bottom_left[1] - height, width, height)
        self._panel(surf, rect)
        y = rect.top + PAD
        for i, (colour, img) in enumerate(images):
            x = rect.left + PAD
            if colour is not None:
                centre = (x + SWATCH // 2, y + img.get_height() // 2)
                pygame.draw.circle(surf, colour, centre, SWATCH // 2)
                pygame.draw.circle(surf, palette.PERSON_OUTLINE, centre, SWATCH // 2, 1)
                if i in marks:
                    pygame.draw.circle(surf, marks[i], centre, 2)
                x += SWATCH + PAD
            surf.blit(img, (x, y))
            y += line_h
