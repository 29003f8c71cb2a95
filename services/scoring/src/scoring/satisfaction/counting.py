"""How SPEC §5.5 counts satisfaction and dissatisfaction, the one place it is counted.

An answer rates one item of a questionnaire on one of its levels; the level says whether the answer
is positive, neutral or negative. Satisfaction % = positive answers × 100 / all answers,
dissatisfaction % = negative answers × 100 / all answers: exact (what ladder KPIs are scored on),
shown to 2 places (ROUND_HALF_UP). Questionnaires are intake's survey templates
(``GET /v1/surveys/templates/{code}``): ``definition`` is read here as intake shows it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from scoring.schemes import arithmetic

Polarity = Literal["positive", "neutral", "negative"]


def shown(value: Decimal | None) -> Decimal | None:
    """A percentage as the satisfaction figures show it: 2 places, ROUND_HALF_UP."""
    return None if value is None else arithmetic.quantize(value, 2)


@dataclass(frozen=True)
class Named:
    code: str
    name_th: str
    name_en: str | None


@dataclass(frozen=True)
class Questionnaire:
    """What one version of a questionnaire says about its answers."""

    polarity: Mapping[int, Polarity]  # level value → polarity
    dimensions: tuple[Named, ...]  # in the questionnaire's order
    items: tuple[Named, ...]  # in the questionnaire's order
    dimension_of: Mapping[str, str]  # item code → dimension code

    @classmethod
    def of(cls, definition: Mapping[str, Any]) -> Questionnaire:
        dimensions = [(Named(d["code"], d["name_th"], d.get("name_en")), d["items"]) for d in definition["dimensions"]]
        return cls(
            polarity={level["value"]: level["polarity"] for level in definition["levels"]},
            dimensions=tuple(dimension for dimension, _ in dimensions),
            items=tuple(Named(i["code"], i["text_th"], i.get("text_en")) for _, items in dimensions for i in items),
            dimension_of={i["code"]: dimension.code for dimension, items in dimensions for i in items},
        )

    def rated(self, answers: Mapping[str, int]) -> Iterator[tuple[str, Polarity]]:
        """(item code, polarity) of each answer that rates one of this questionnaire's items on one
        of its levels; anything else is not an answer to count."""
        for code, value in answers.items():
            polarity = self.polarity.get(value)
            if polarity is not None and code in self.dimension_of:
                yield code, polarity


@dataclass
class Counts:
    answers: int = 0
    positive: int = 0
    negative: int = 0

    def add(self, polarity: Polarity) -> None:
        self.answers += 1
        self.positive += polarity == "positive"
        self.negative += polarity == "negative"

    @property
    def satisfaction(self) -> Decimal | None:
        """positive × 100 / answers, exact; None without answers."""
        return arithmetic.percent(self.positive, self.answers)

    @property
    def dissatisfaction(self) -> Decimal | None:
        """negative × 100 / answers, exact; None without answers."""
        return arithmetic.percent(self.negative, self.answers)

    @property
    def satisfaction_percent(self) -> Decimal | None:
        return shown(self.satisfaction)

    @property
    def dissatisfaction_percent(self) -> Decimal | None:
        return shown(self.dissatisfaction)
