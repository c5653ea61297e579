"""Shapes as written in a level file: inline tables tagged by `kind`.

```toml
shape = { kind = "polygon", points = [[0, 0], [10, 0], [10, 5]] }
shape = { kind = "rect", min = [0, 0], max = [10, 5] }
shape = { kind = "circle", center = [5, 5], radius = 2 }
shape = { kind = "polyline", points = [[0, 0], [10, 0]], thickness = 0.3 }
```
Each model turns itself into the matching `sispam.sim.scenario` shape with `to_shape()`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from sispam.level.fieldtypes import FileModel, Number, Vec2
from sispam.level.limits import MAX_SHAPE_POINTS
from sispam.sim.scenario import Circle, Polygon, Polyline, Rect


class PolygonShape(FileModel):
    """A simple polygon, concave allowed, in either winding; it closes itself."""

    kind: Literal["polygon"] = Field(description='Shape tag: "polygon".')
    points: list[Vec2] = Field(
        min_length=3,
        max_length=MAX_SHAPE_POINTS,
        description=(
            "Corners [x, y] in metres, in order around the outline; do not repeat the first "
            f"point at the end. 3 to {MAX_SHAPE_POINTS} points; edges must not cross."
        ),
    )

    def to_shape(self) -> Polygon:
        """The scenario shape."""
        return Polygon(points=tuple(self.points))


class RectShape(FileModel):
    """An axis-aligned rectangle."""

    kind: Literal["rect"] = Field(description='Shape tag: "rect".')
    min: Vec2 = Field(description="South-west (lower-left) corner [x, y] in metres.")
    max: Vec2 = Field(description="North-east (upper-right) corner [x, y] in metres.")

    @model_validator(mode="after")
    def _corners_ordered(self) -> RectShape:
        if not (self.min[0] < self.max[0] and self.min[1] < self.max[1]):
            raise ValueError(
                f"rect min {list(self.min)} must lie south-west of max {list(self.max)} "
                "(min x < max x and min y < max y)"
            )
        return self

    def to_shape(self) -> Rect:
        """The scenario shape."""
        return Rect(min=self.min, max=self.max)


class CircleShape(FileModel):
    """A disc."""

    kind: Literal["circle"] = Field(description='Shape tag: "circle".')
    center: Vec2 = Field(description="Centre [x, y] in metres.")
    radius: Number = Field(gt=0, le=1000, description="Radius in metres, above 0, at most 1000.")

    def to_shape(self) -> Circle:
        """The scenario shape."""
        return Circle(center=self.center, radius=self.radius)


class PolylineShape(FileModel):
    """Connected straight segments with a thickness: a fence, a wall, a closed gate."""

    kind: Literal["polyline"] = Field(description='Shape tag: "polyline".')
    points: list[Vec2] = Field(
        min_length=2,
        max_length=MAX_SHAPE_POINTS,
        description=f"Points [x, y] in metres along the line, 2 to {MAX_SHAPE_POINTS}.",
    )
    thickness: Number = Field(
        gt=0, le=10, description="Thickness in metres, above 0, at most 10 (a fence is ~0.3)."
    )

    def to_shape(self) -> Polyline:
        """The scenario shape."""
        return Polyline(points=tuple(self.points), thickness=self.thickness)


AreaShapeFile = Annotated[PolygonShape | RectShape | CircleShape, Field(discriminator="kind")]
"""A shape with an inside: polygon, rect or circle."""

SolidShapeFile = Annotated[
    PolygonShape | RectShape | CircleShape | PolylineShape, Field(discriminator="kind")
]
"""Any shape an obstacle can have, including a polyline."""
