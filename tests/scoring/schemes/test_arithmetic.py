"""Scoring arithmetic in exact decimals (SPEC §5): step scores and the 95 % boundary, deductions,
five-level ladders in both directions and both modes, weights, rounding, the audit sample; and the
scheme files shipped with the service."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from pydantic import ValidationError

from scoring.schemes.arithmetic import (
    after_deductions,
    draw_sample,
    ladder_score,
    percent,
    quantize,
    sample_size,
    step_score,
    weighted_score,
)
from scoring.schemes.definitions import LadderKpi, SchemeDefinition
from scoring.schemes.service import shipped

D = Decimal
FULL_AT = D(95)
RISING = [D(60), D(65), D(70), D(75), D(80)]
FALLING = [D(25), D(20), D(15), D(10), D(5)]  # dissatisfaction: lower is better


# -- percent -------------------------------------------------------------------------------------


def test_percent_is_exact_and_none_when_nothing_counted() -> None:
    assert percent(0, 0) is None
    assert percent(0, 7) == D(0)
    assert percent(19, 20) == D(95)
    assert percent(1, 8) == D("12.5")
    assert percent(3, 3) == D(100)


# -- step scores (§5.1) --------------------------------------------------------------------------


@pytest.mark.parametrize("points", [D(1), D(2), D(20)])
def test_step_score_full_points_at_and_above_95(points: Decimal) -> None:
    assert step_score(D(95), points, FULL_AT) == points
    assert step_score(D("95.00"), points, FULL_AT) == points
    assert step_score(D("99.5"), points, FULL_AT) == points
    assert step_score(D(100), points, FULL_AT) == points


@pytest.mark.parametrize("points", [D(1), D(2), D(20)])
def test_step_score_just_below_95_is_proportional_and_exact(points: Decimal) -> None:
    score = step_score(D("94.99"), points, FULL_AT)
    assert score == D("94.99") * points / D(95)
    assert score < points
    assert isinstance(score, Decimal)


def test_step_score_examples() -> None:
    # 2 points, 76 % → 76 × 2 / 95 = 1.6 exactly.
    assert step_score(D(76), D(2), FULL_AT) == D("1.6")
    # 1 point, 47.5 % → 0.5.
    assert step_score(D("47.5"), D(1), FULL_AT) == D("0.5")
    assert step_score(D(0), D(2), FULL_AT) == D(0)
    # Another threshold (bma-2563's part 1: full at 90 %).
    assert step_score(D(90), D(20), D(90)) == D(20)
    assert step_score(D(45), D(20), D(90)) == D(10)


def test_step_score_nothing_counted_scores_zero() -> None:
    assert step_score(None, D(2), FULL_AT) == D(0)
    assert step_score(percent(0, 0), D(2), FULL_AT) == D(0)


# -- deductions ------------------------------------------------------------------------------------


def test_deductions_are_subtracted() -> None:
    assert after_deductions(D(2), [D("0.05"), D("0.05"), D("0.1")]) == D("1.8")
    assert after_deductions(D("1.6"), []) == D("1.6")


def test_deductions_exceeding_the_score_floor_at_zero() -> None:
    score = step_score(D(19), D(2), FULL_AT)  # 0.4
    assert score == D("0.4")
    assert after_deductions(score, [D("0.1")] * 5) == D(0)
    assert after_deductions(score, [D("0.1")] * 6) == D(0)
    assert after_deductions(D(0), [D("0.05")]) == D(0)


# -- ladders (§5.4) --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "step", "linear"),
    [
        (D(59), D(0), D(0)),
        (D("59.99"), D(0), D(0)),
        (D(60), D(1), D(1)),
        (D(65), D(2), D(2)),
        (D("67.5"), D(2), D("2.5")),
        (D(71), D(3), D("3.2")),
        (D(75), D(4), D(4)),
        (D("79.99"), D(4), D("4.998")),
        (D(80), D(5), D(5)),
        (D(85), D(5), D(5)),
        (D(100), D(5), D(5)),
        (D(0), D(0), D(0)),
    ],
)
def test_ladder_higher_is_better(value: Decimal, step: Decimal, linear: Decimal) -> None:
    assert ladder_score(value, RISING, "step", "higher_is_better") == step
    assert ladder_score(value, RISING, "linear", "higher_is_better") == linear


@pytest.mark.parametrize(
    ("value", "step", "linear"),
    [
        (D(30), D(0), D(0)),
        (D("25.01"), D(0), D(0)),
        (D(25), D(1), D(1)),
        (D("22.5"), D(1), D("1.5")),
        (D(20), D(2), D(2)),
        (D("12.5"), D(3), D("3.5")),
        (D(11), D(3), D("3.8")),
        (D(10), D(4), D(4)),
        (D(6), D(4), D("4.8")),
        (D(5), D(5), D(5)),
        (D(0), D(5), D(5)),
    ],
)
def test_ladder_lower_is_better(value: Decimal, step: Decimal, linear: Decimal) -> None:
    assert ladder_score(value, FALLING, "step", "lower_is_better") == step
    assert ladder_score(value, FALLING, "linear", "lower_is_better") == linear


@pytest.mark.parametrize("mode", ["step", "linear"])
@pytest.mark.parametrize(("levels", "direction"), [(RISING, "higher_is_better"), (FALLING, "lower_is_better")])
def test_ladder_nothing_measured_scores_zero(mode: str, levels: list[Decimal], direction: str) -> None:
    assert ladder_score(None, levels, mode, direction) == D(0)


def test_ladder_linear_is_exact_between_uneven_levels() -> None:
    # form-7.2's concluded KPI: 83, 85, 87, 89, 91 — 86 is half way from level 2 to level 3.
    levels = [D(83), D(85), D(87), D(89), D(91)]
    assert ladder_score(D(86), levels, "linear", "higher_is_better") == D("2.5")
    assert ladder_score(D(86), levels, "step", "higher_is_better") == D(2)
    # A third of the way: exact in decimals to the context's precision, not a float.
    uneven = [D(0), D(3), D(6), D(9), D(12)]
    assert ladder_score(D(1), uneven, "linear", "higher_is_better") == D(1) + D(1) / D(3)


# -- weights ---------------------------------------------------------------------------------------


def test_weighted_score() -> None:
    # form-7.2's weights: concluded 2, the rest 1.
    pairs = [(D(2), D("2.5")), (D(1), D(4)), (D(1), D("3.5")), (D(1), D(5))]
    assert weighted_score(pairs) == (D(5) + D(4) + D("3.5") + D(5)) / D(5)
    assert weighted_score(pairs) == D("3.5")
    assert weighted_score([(D(1), D(3))]) == D(3)
    assert weighted_score(iter([(D(3), D(1)), (D(1), D(5))])) == D(2)


def test_weighted_score_without_weight_is_none() -> None:
    assert weighted_score([]) is None
    assert weighted_score([(D(0), D(5))]) is None


# -- rounding --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (D("60.365"), 2, D("60.37")),
        (D("60.364999"), 2, D("60.36")),
        (D("0.00005"), 4, D("0.0001")),
        (D("0.00004999"), 4, D("0.0000")),
        (D("2.5"), 0, D(3)),
        (D("3.5"), 0, D(4)),
        (D("-0.125"), 2, D("-0.13")),
        (D(2) / D(3), 4, D("0.6667")),
        (D(1), 4, D("1.0000")),
    ],
)
def test_quantize_rounds_half_up(value: Decimal, places: int, expected: Decimal) -> None:
    result = quantize(value, places)
    assert result == expected
    assert result.as_tuple().exponent == -places


def test_quantize_defaults_to_four_places() -> None:
    assert str(quantize(D("1.99978947368"))) == "1.9998"


# -- the audit sample (§5.1 step 2) ----------------------------------------------------------------


@pytest.mark.parametrize(("population", "size"), [(0, 0), (1, 1), (9, 1), (10, 1), (11, 2), (20, 2), (131, 14)])
def test_sample_size_is_ten_percent_rounded_up(population: int, size: int) -> None:
    assert sample_size(population) == size
    assert isinstance(sample_size(population), int)


def test_sample_size_other_rate() -> None:
    assert sample_size(10, D("0.25")) == 3
    assert sample_size(0, D("0.25")) == 0


POPULATION = [uuid.UUID(int=n * 7919 + 1) for n in range(131)]


def test_draw_sample_is_a_subset_of_the_right_size() -> None:
    size = sample_size(len(POPULATION))
    sample = draw_sample(POPULATION, seed=42, size=size)
    assert len(sample) == size == 14
    assert len(set(sample)) == size
    assert set(sample) <= set(POPULATION)
    assert sample == sorted(sample, key=str)


def test_draw_sample_is_reproducible_whatever_the_input_order() -> None:
    first = draw_sample(POPULATION, seed=2567, size=14)
    assert draw_sample(list(reversed(POPULATION)), seed=2567, size=14) == first
    shuffled = sorted(POPULATION, key=lambda u: u.int % 97)
    assert shuffled != POPULATION
    assert draw_sample(shuffled, seed=2567, size=14) == first
    assert draw_sample(tuple(POPULATION), seed=2567, size=14) == first


def test_draw_sample_depends_on_the_seed() -> None:
    samples = {tuple(draw_sample(POPULATION, seed=seed, size=14)) for seed in range(5)}
    assert len(samples) == 5
    assert draw_sample(POPULATION, seed=1, size=14) != draw_sample(POPULATION, seed=2, size=14)


def test_draw_sample_small_populations() -> None:
    assert draw_sample([], seed=1, size=0) == []
    assert draw_sample([], seed=1, size=3) == []
    three = ["c", "a", "b"]
    assert draw_sample(three, seed=1, size=10) == ["a", "b", "c"]
    assert draw_sample(three, seed=1, size=1)[0] in three


# -- the shipped scheme files ----------------------------------------------------------------------


def _by_code() -> dict[str, SchemeDefinition]:
    return {definition.code: definition for definition in shipped()}


def test_shipped_schemes() -> None:
    schemes = _by_code()
    assert set(schemes) == {"bma-2557", "bma-2563", "opm-concluded", "form-7.2"}
    assert len(shipped()) == 4


def test_bma_2557_steps() -> None:
    bma = _by_code()["bma-2557"]
    assert [s.points for s in bma.steps] == [D(1), D(2), D(2)]
    assert sum((s.points for s in bma.steps), D(0)) == D(5)
    assert all(s.full_at_percent == D(95) for s in bma.steps)
    assert bma.february == "last_day"


def test_form_7_2_ladders_are_valid() -> None:
    form = _by_code()["form-7.2"]
    assert not form.steps
    assert {k.direction for k in form.ladder} == {"higher_is_better", "lower_is_better"}
    dissatisfaction = next(k for k in form.ladder if k.direction == "lower_is_better")
    assert dissatisfaction.levels == FALLING
    assert ladder_score(D("12.5"), dissatisfaction.levels, dissatisfaction.mode, dissatisfaction.direction) == D("3.5")


def _kpi(levels: list[str], direction: str) -> LadderKpi:
    return LadderKpi.model_validate(
        {
            "key": "kpi",
            "dimension": "7.2",
            "name_th": "ตัวชี้วัด",
            "name_en": "KPI",
            "measure": "satisfaction_percent",
            "target": "80",
            "weight": "1",
            "mode": "linear",
            "direction": direction,
            "levels": levels,
        }
    )


def test_ladder_kpi_accepts_monotonic_levels() -> None:
    assert _kpi(["60", "65", "70", "75", "80"], "higher_is_better").levels == RISING
    assert _kpi(["25", "20", "15", "10", "5"], "lower_is_better").levels == FALLING


@pytest.mark.parametrize(
    ("levels", "direction"),
    [
        (["60", "65", "63", "75", "80"], "higher_is_better"),
        (["60", "65", "65", "75", "80"], "higher_is_better"),
        (["25", "20", "15", "10", "5"], "higher_is_better"),
        (["5", "10", "15", "20", "25"], "lower_is_better"),
        (["25", "20", "20", "10", "5"], "lower_is_better"),
    ],
)
def test_ladder_kpi_refuses_non_monotonic_levels(levels: list[str], direction: str) -> None:
    with pytest.raises(ValidationError, match="levels must rise"):
        _kpi(levels, direction)


def test_ladder_kpi_needs_five_levels() -> None:
    with pytest.raises(ValidationError):
        _kpi(["60", "65", "70", "75"], "higher_is_better")
