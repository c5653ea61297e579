"""The level file models of scripted events, objectives and score weights (SPEC §5).

Events and objectives are tables tagged by `kind`, like shapes: each kind accepts only its own
keys, so a key another kind uses (a `unit` on a fire) is reported as unknown, with its line.
References (groups, units, zones, buildings) and what can never happen (a time beyond the
level, more arrests than people) are checked in `sispam.level.script_checks`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from sispam.level.fieldtypes import Bilingual, FileModel, Flag, LevelId, Number, Vec2, Whole
from sispam.level.limits import MAX_DURATION_S
from sispam.sim.scenario import Colour

Time = Annotated[Number, Field(ge=0, le=MAX_DURATION_S)]
Count = Annotated[Whole, Field(ge=1, le=1_000_000)]
MAX_HOSTAGE_TAKERS = 100


class ConditionFile(FileModel):
    """`when = { ... }`: the event fires at the first moment every given test holds."""

    after_s: Time | None = Field(default=None, description="At least this many seconds have passed.")
    situation: Colour | None = Field(
        default=None, description='The situation colour is at least this one: "hijau" < "kuning" < "merah".'
    )
    breaches_at_least: Count | None = Field(
        default=None, description="At least this many people have entered a protected zone."
    )
    arrests_at_least: Count | None = Field(
        default=None, description="At least this many people have been arrested and handed over."
    )
    injuries_at_least: Count | None = Field(
        default=None, description="At least this many people (civilians and officers) are injured."
    )
    fires_at_least: Count | None = Field(default=None, description="At least this many fires have been lit.")


class _EventBase(FileModel):
    id: LevelId = Field(description="Unique among the events.")
    at_s: Time | None = Field(
        default=None, description="Fire at this time (s, within the level); give this or `when`."
    )
    when: ConditionFile | None = Field(
        default=None, description="Fire when every test in this table holds; give this or `at_s`."
    )
    message: Bilingual | None = Field(
        default=None, description="Shown in the event feed when the event fires (both languages)."
    )


class CrowdWaveEvent(_EventBase):
    """A crowd group waiting `on_event` starts arriving."""

    kind: Literal["crowd_wave"] = Field(description='Event tag: "crowd_wave".')
    group: LevelId = Field(description="Id of a crowd group with on_event = true; its arrival_s counts from now.")


class ProvocateursEvent(_EventBase):
    """Provocateurs arrive: a crowd group waiting `on_event` starts arriving."""

    kind: Literal["provocateurs"] = Field(description='Event tag: "provocateurs".')
    group: LevelId = Field(description="Id of a crowd group with on_event = true; its arrival_s counts from now.")


class RumourEvent(_EventBase):
    """A rumour of fraud: everyone in the crowd on the map loses perceived legitimacy."""

    kind: Literal["rumour"] = Field(description='Event tag: "rumour".')
    legitimacy_drop: Annotated[Number, Field(gt=0, le=1)] = Field(
        description="Perceived legitimacy lost by everyone on the map, above 0, at most 1."
    )


class FireEvent(_EventBase):
    """Rioters set tyres alight."""

    kind: Literal["fire"] = Field(description='Event tag: "fire".')
    point: Vec2 = Field(description="Where the fire burns [x, y] (m), inside the map, not in a solid obstacle.")


class HostageAttemptEvent(_EventBase):
    """The most agitated rioters try to get into a building and take hostages."""

    kind: Literal["hostage_attempt"] = Field(description='Event tag: "hostage_attempt".')
    building: LevelId = Field(description='Id of an obstacle of kind "building".')
    people: Annotated[Whole, Field(ge=1, le=MAX_HOSTAGE_TAKERS)] = Field(
        description=f"How many rioters try, 1 to {MAX_HOSTAGE_TAKERS}."
    )


class ReinforcementsEvent(_EventBase):
    """A unit held in reserve arrives now."""

    kind: Literal["reinforcements"] = Field(description='Event tag: "reinforcements".')
    unit: LevelId = Field(description="Id of a unit with on_request = true.")


class MessageEvent(_EventBase):
    """Only a message: an intel report, a radio call, an order from above."""

    kind: Literal["message"] = Field(description='Event tag: "message".')
    message: Bilingual = Field(description="The message, in both languages.")


EventFile = Annotated[
    CrowdWaveEvent | ProvocateursEvent | RumourEvent | FireEvent | HostageAttemptEvent | ReinforcementsEvent
    | MessageEvent,
    Field(discriminator="kind"),
]


class _ObjectiveBase(FileModel):
    id: LevelId = Field(description="Unique among the objectives.")
    required: Flag = Field(
        default=True, description="The level is won only when every required objective is met."
    )
    weight: Annotated[Number, Field(gt=0, le=1000)] = Field(
        default=1.0, description="Share of this objective in the score's objectives part (above 0)."
    )
    text: Bilingual | None = Field(
        default=None, description="What the trainee reads; left out, it is generated from the kind."
    )


class ProtectZoneObjective(_ObjectiveBase):
    """Keep the crowd out of a protected zone for the whole level."""

    kind: Literal["protect_zone"] = Field(description='Objective tag: "protect_zone".')
    zone: LevelId = Field(description='Id of a zone whose role is "protected".')
    max_breaches: Annotated[Whole, Field(ge=0)] = Field(
        default=0, description="At most this many people may enter it (default 0)."
    )


class HoldUntilObjective(_ObjectiveBase):
    """Nobody enters a protected zone before a time (met at that time)."""

    kind: Literal["hold_until"] = Field(description='Objective tag: "hold_until".')
    zone: LevelId = Field(description='Id of a zone whose role is "protected".')
    until_s: Annotated[Number, Field(gt=0, le=MAX_DURATION_S)] = Field(
        description="Hold until this time (s), at most the level's duration."
    )


class InjuryLimitObjective(_ObjectiveBase):
    """Keep injuries within limits."""

    kind: Literal["injury_limit"] = Field(description='Objective tag: "injury_limit".')
    civilian_max: Annotated[Whole, Field(ge=0)] | None = Field(
        default=None, description="At most this many civilians injured."
    )
    officer_max: Annotated[Whole, Field(ge=0)] | None = Field(
        default=None, description="At most this many officers injured or knocked down."
    )

    @model_validator(mode="after")
    def _some_limit(self) -> InjuryLimitObjective:
        if self.civilian_max is None and self.officer_max is None:
            raise ValueError("give civilian_max, officer_max or both")
        return self


class NoForceViolationsObjective(_ObjectiveBase):
    """Use no more force than the crowd's behaviour allows (Perkap 1/2009)."""

    kind: Literal["no_force_violations"] = Field(description='Objective tag: "no_force_violations".')
    max_violations: Annotated[Whole, Field(ge=0)] = Field(
        default=0, description="At most this many force violations (default 0)."
    )


class ArrestProvocateursObjective(_ObjectiveBase):
    """Arrest provocateurs and hand them over."""

    kind: Literal["arrest_provocateurs"] = Field(description='Objective tag: "arrest_provocateurs".')
    at_least: Count = Field(default=1, description="At least this many provocateurs (default 1).")


class DisperseObjective(_ObjectiveBase):
    """Send the crowd home."""

    kind: Literal["disperse"] = Field(description='Objective tag: "disperse".')
    fraction: Annotated[Number, Field(gt=0, le=1)] = Field(
        description="Share of the crowd that came (less those arrested or evacuated) that has left the map."
    )
    by_s: Annotated[Number, Field(gt=0, le=MAX_DURATION_S)] | None = Field(
        default=None, description="By this time (s); left out, by the level's end."
    )


class PreventHostagesObjective(_ObjectiveBase):
    """No hostage is taken."""

    kind: Literal["prevent_hostages"] = Field(description='Objective tag: "prevent_hostages".')


class ExtinguishFiresObjective(_ObjectiveBase):
    """Every fire (lit by rioters or by a scripted event) is put out in time: Damkar's job."""

    kind: Literal["extinguish_fires"] = Field(description='Objective tag: "extinguish_fires".')
    within_s: Annotated[Number, Field(gt=0, le=MAX_DURATION_S)] | None = Field(
        default=None, description="Each fire out within this many seconds of being lit; left out, by the level's end."
    )


ObjectiveFile = Annotated[
    ProtectZoneObjective | HoldUntilObjective | InjuryLimitObjective | NoForceViolationsObjective
    | ArrestProvocateursObjective | DisperseObjective | PreventHostagesObjective | ExtinguishFiresObjective,
    Field(discriminator="kind"),
]

Weight = Annotated[Number, Field(ge=0, le=1000)]


class ScoringFile(FileModel):
    """`[scoring]`: the weights of the score's parts (0 or more, not all 0)."""

    objectives: Weight = Field(default=40.0, description="Weight of the objectives met.")
    safety: Weight = Field(default=20.0, description="Weight of safety (few injuries).")
    proportionality: Weight = Field(default=20.0, description="Weight of proportional force (Perkap 1/2009).")
    legitimacy: Weight = Field(default=10.0, description="Weight of the crowd's trust kept.")
    time: Weight = Field(default=10.0, description="Weight of the time the situation was under control.")

    @model_validator(mode="after")
    def _not_all_zero(self) -> ScoringFile:
        if not any((self.objectives, self.safety, self.proportionality, self.legitimacy, self.time)):
            raise ValueError("the weights are all 0; give at least one part a weight above 0")
        return self
