"""KPI scorecards (SPEC §5): counts from the SLA projections, deductions from audits and monthly
reports, arithmetic from schemes/arithmetic.py, rules from the scheme version's data.

An assignment is counted in the report of the agency it was forwarded (or transferred) to, in the
fiscal year of that forward. A parent agency's scorecard with children gives one scorecard per
child (over the child's whole subtree) and a roll-up over the parent's whole subtree, with the
parent's own deductions.

Ladder KPIs measured by satisfaction or dissatisfaction take the satisfaction figures
(satisfaction/service.py) of the agency's subtree over the fiscal year, read from intake's survey
responses when the scheme has such a KPI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from kit.agencies import Agencies
from kit.http import ServiceClient
from kit.thai import BANGKOK, fiscal_year_bounds
from scoring.audits.models import Audit, AuditItem
from scoring.monthly.models import MonthlyReport
from scoring.months import fiscal_months, month_th, next_month
from scoring.reviews.models import ReviewCategories
from scoring.satisfaction import service as satisfaction
from scoring.schemes import arithmetic
from scoring.schemes.definitions import Measure, SchemeDefinition, Step
from scoring.scorecards.schemas import DeductionOut, LadderOut, ScorecardOut, StepOut
from scoring.stream.service import CURSOR

_COUNTS = """
SELECT count(*) AS counted,
       count(*) FILTER (WHERE receipt) AS receipt,
       count(*) FILTER (WHERE followup) AS followup,
       count(*) FILTER (WHERE receipt AND followup) AS receipt_and_followup,
       count(*) FILTER (WHERE (transferred_at IS NOT NULL AND followup)
                           OR (completed_at IS NOT NULL AND has_result AND followup
                               AND (NOT :evidence OR (evidence_before AND evidence_after)))) AS resolution,
       count(*) FILTER (WHERE concluded_at IS NOT NULL) AS concluded
  FROM (SELECT a.*,
               coalesce(acknowledgement_met AND first_report_met, false) AS receipt,
               CASE WHEN :february = 'last_day'
                    THEN missed_last_day = 0 AND (pending_due_last_day IS NULL OR pending_due_last_day > :as_of)
                    ELSE missed_last_working_day = 0
                         AND (pending_due_last_working_day IS NULL OR pending_due_last_working_day > :as_of)
               END AS followup
          FROM scoring.assignments a
         WHERE fiscal_year = :fy AND agency = ANY(:agencies)) AS s
"""


@dataclass
class Counts:
    counted: int = 0
    by_criterion: dict[str, int] = field(default_factory=dict)


async def counts(
    session: AsyncSession, fy: int, agencies: Sequence[str], scheme: SchemeDefinition, as_of: dt.datetime
) -> Counts:
    row = (
        (
            await session.execute(
                text(_COUNTS),
                {
                    "fy": fy,
                    "agencies": list(agencies),
                    "february": scheme.february,
                    "as_of": as_of,
                    "evidence": scheme.evidence_required,
                },
            )
        )
        .mappings()
        .one()
    )
    return Counts(int(row["counted"]), {k: int(v) for k, v in row.items() if k != "counted"})


async def monthly_report_deductions(
    session: AsyncSession, agency: str, fy: int, points: Decimal, due_day: int, as_of: dt.datetime
) -> list[DeductionOut]:
    """Each month whose report came after the due day of the next month, or not at all once that
    day has ended, deducts ``points``."""
    submitted = {
        r.month: r.submitted_at
        for r in (await session.execute(select(MonthlyReport).where(MonthlyReport.agency == agency))).scalars()
    }
    deductions = []
    for month in fiscal_months(fy):
        due_day_date = next_month(month).replace(day=due_day)
        due = dt.datetime.combine(due_day_date, dt.time(23, 59, 59), BANGKOK)
        at = submitted.get(month)
        if at is not None and at > due:
            deductions.append(
                DeductionOut(
                    rule="monthly_report_late",
                    month=month,
                    points=points,
                    reason_th=f"ส่งรายงานประจำเดือน{month_th(month)}ล่าช้า (หลังวันที่ {due_day} ของเดือนถัดไป)",
                    reason_en=f"Monthly report for {month:%B %Y} submitted after day {due_day} of the next month",
                )
            )
        elif at is None and as_of > due:
            deductions.append(
                DeductionOut(
                    rule="monthly_report_late",
                    month=month,
                    points=points,
                    reason_th=f"ไม่ได้ส่งรายงานประจำเดือน{month_th(month)}",
                    reason_en=f"No monthly report for {month:%B %Y}",
                )
            )
    return deductions


async def audit_deductions(
    session: AsyncSession, agency: str, fy: int, points: Decimal, threshold: Decimal
) -> list[DeductionOut]:
    first, last = fiscal_year_bounds(fy)
    rows = (
        await session.execute(
            select(Audit.month, AuditItem.passed)
            .join(AuditItem, AuditItem.audit_id == Audit.id)
            .where(Audit.agency == agency, Audit.month >= first, Audit.month <= last, AuditItem.passed.is_not(None))
        )
    ).all()
    by_month: dict[dt.date, list[bool]] = {}
    for month, passed in rows:
        by_month.setdefault(month, []).append(bool(passed))
    deductions = []
    for month, verdicts in sorted(by_month.items()):
        rate = arithmetic.percent(sum(verdicts), len(verdicts))
        if rate is not None and rate < threshold:
            shown = arithmetic.quantize(rate, 2)
            deductions.append(
                DeductionOut(
                    rule="audit_month_below",
                    month=month,
                    points=points,
                    reason_th=f"ผลการสุ่มตรวจเดือน{month_th(month)} ผ่านร้อยละ {shown} ต่ำกว่าร้อยละ {threshold}",
                    reason_en=f"Audit of {month:%B %Y}: {shown} % passed, below {threshold} %",
                )
            )
    return deductions


async def review_counts(session: AsyncSession, agencies: Sequence[str], fy: int) -> tuple[int, int]:
    """bma-2563 part 2: (reviewed, passed) among completed complaints of the chosen categories."""
    chosen = (
        await session.execute(
            select(ReviewCategories.agency, ReviewCategories.categories).where(
                ReviewCategories.agency.in_(agencies), ReviewCategories.fiscal_year == fy
            )
        )
    ).all()
    reviewed = passed = 0
    for agency, categories in chosen:
        row = (
            await session.execute(
                text(
                    """
                    SELECT count(*), count(*) FILTER (WHERE r.passed)
                      FROM scoring.reviews r
                      JOIN scoring.complaints c ON c.id = r.complaint_id
                      JOIN scoring.assignments a ON a.complaint_id = r.complaint_id AND a.agency = r.agency
                     WHERE r.agency = :agency AND a.fiscal_year = :fy AND c.category = ANY(:categories)
                    """
                ),
                {"agency": agency, "fy": fy, "categories": list(categories)},
            )
        ).one()
        reviewed += int(row[0])
        passed += int(row[1])
    return reviewed, passed


async def _step(
    session: AsyncSession,
    step: Step,
    c: Counts,
    agency: str,
    subtree: Sequence[str],
    fy: int,
    as_of: dt.datetime,
) -> StepOut:
    deductions: list[DeductionOut] = []
    for d in step.deductions:
        if d.rule == "monthly_report_late":
            assert d.due_day is not None
            deductions += await monthly_report_deductions(session, agency, fy, d.points, d.due_day, as_of)
        else:
            assert d.threshold_percent is not None
            deductions += await audit_deductions(session, agency, fy, d.points, d.threshold_percent)
    counted = c.counted
    if step.criterion == "monthly_reports":
        correct, pct, before = 0, None, step.points
    else:
        if step.criterion == "category_review":
            counted, correct = await review_counts(session, subtree, fy)
        else:
            correct = c.by_criterion[step.criterion]
        pct = arithmetic.percent(correct, counted)
        before = arithmetic.step_score(pct, step.points, step.full_at_percent)
    score = arithmetic.after_deductions(before, (d.points for d in deductions))
    return StepOut(
        key=step.key,
        name_th=step.name_th,
        name_en=step.name_en,
        criterion=step.criterion,
        points=step.points,
        counted=counted,
        correct=correct,
        percent=None if pct is None else arithmetic.quantize(pct),
        score_before_deductions=arithmetic.quantize(before),
        deductions=deductions,
        score=arithmetic.quantize(score),
    )


SATISFACTION_MEASURES: frozenset[Measure] = frozenset({"satisfaction_percent", "dissatisfaction_percent"})


async def _measures(
    c: Counts, scheme: SchemeDefinition, intake: ServiceClient, agencies: Agencies, agency: str, fy: int
) -> dict[str, Decimal | None]:
    """The results ladder KPIs are measured by, exact; None where there is nothing to measure (the
    KPI then scores 0 and is left out of the weighted score)."""
    measures: dict[str, Decimal | None] = {
        "concluded_percent": arithmetic.percent(c.by_criterion["concluded"], c.counted),
        "receipt_percent": arithmetic.percent(c.by_criterion["receipt"], c.counted),
        "resolution_percent": arithmetic.percent(c.by_criterion["resolution"], c.counted),
    }
    if any(kpi.measure in SATISFACTION_MEASURES for kpi in scheme.ladder):
        start, end = fiscal_year_bounds(fy)
        answers = (await satisfaction.count(intake, agencies, agency, template=None, start=start, end=end)).overall
        measures["satisfaction_percent"] = answers.satisfaction
        measures["dissatisfaction_percent"] = answers.dissatisfaction
    return measures


async def scorecard(
    session: AsyncSession,
    scheme: SchemeDefinition,
    fy: int,
    agency: str,
    agencies: Agencies,
    as_of: dt.datetime,
    *,
    rollup: bool,
    intake: ServiceClient,
) -> ScorecardOut:
    """``intake``: where the survey responses of satisfaction KPIs are read."""
    subtree = agencies.subtree(agency)
    c = await counts(session, fy, subtree, scheme, as_of)
    steps = [await _step(session, s, c, agency, subtree, fy, as_of) for s in scheme.steps]
    measures = await _measures(c, scheme, intake, agencies, agency, fy)
    ladder = []
    for kpi in scheme.ladder:
        result = measures.get(kpi.measure)
        ladder.append(
            LadderOut(
                **kpi.model_dump(exclude={"levels"}),
                levels=kpi.levels,
                result=None if result is None else arithmetic.quantize(result),
                score=arithmetic.quantize(arithmetic.ladder_score(result, kpi.levels, kpi.mode, kpi.direction)),
            )
        )
    weighted = arithmetic.weighted_score((k.weight, k.score) for k in ladder if k.result is not None)
    return ScorecardOut(
        agency=agency,
        name_th=agencies.get(agency).name_th,
        rollup=rollup,
        counted=c.counted,
        steps=steps,
        total=arithmetic.quantize(sum((s.score for s in steps), arithmetic.ZERO)),
        max_total=sum((s.points for s in scheme.steps), arithmetic.ZERO),
        ladder=ladder,
        weighted_score=None if weighted is None else arithmetic.quantize(weighted),
    )


async def applied_through(session: AsyncSession) -> int:
    seq = (await session.execute(text("SELECT seq FROM scoring.cursors WHERE name = :name"), {"name": CURSOR})).scalar()
    return int(seq or 0)


async def agencies_with_assignments(session: AsyncSession, fy: int) -> list[str]:
    rows = await session.execute(
        text("SELECT DISTINCT agency FROM scoring.assignments WHERE fiscal_year = :fy ORDER BY agency"), {"fy": fy}
    )
    return [r[0] for r in rows]
