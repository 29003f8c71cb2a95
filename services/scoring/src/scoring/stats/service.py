"""Counts for progress reports (seed 004) and statistics (seed 002)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from kit.thai import BANGKOK
from scoring.schemes import arithmetic
from scoring.stats.schemas import ProgressOut, StatsOut, StatsRow

GroupBy = Literal["category", "channel", "complainant_group", "agency", "month"]

# A complaint is done for the agency when, as of the moment asked, the last of its completions by
# the agency, conclusions and reopenings is a completion or a conclusion.
_PROGRESS = """
WITH forwarded AS (
    SELECT DISTINCT complaint_id FROM scoring.events
     WHERE type IN ('forwarded', 'transferred') AND agency = ANY(:agencies)
       AND recorded_at >= :start AND recorded_at < :end
), latest AS (
    SELECT DISTINCT ON (e.complaint_id) e.complaint_id, e.type
      FROM scoring.events e JOIN forwarded f USING (complaint_id)
     WHERE e.recorded_at <= :as_of
       AND (e.type IN ('concluded', 'reopened') OR (e.type = 'completed' AND e.agency = ANY(:agencies)))
     ORDER BY e.complaint_id, e.seq DESC
)
SELECT (SELECT count(*) FROM forwarded) AS total,
       (SELECT count(*) FROM latest WHERE type IN ('completed', 'concluded')) AS completed
"""


def _share(part: int, whole: int) -> Decimal:
    pct = arithmetic.percent(part, whole)
    return arithmetic.quantize(pct if pct is not None else arithmetic.ZERO, 2)


async def progress(
    session: AsyncSession, agency: str, agencies: list[str], start: dt.date, end: dt.date, as_of: dt.datetime
) -> ProgressOut:
    bounds = {
        "start": dt.datetime.combine(start, dt.time(), BANGKOK),
        "end": dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), BANGKOK),
    }
    row = (await session.execute(text(_PROGRESS), {"agencies": agencies, "as_of": as_of, **bounds})).mappings().one()
    total, completed = int(row["total"]), int(row["completed"])
    return ProgressOut(
        agency=agency,
        start=start,
        to=end,
        as_of=as_of,
        total=total,
        completed=completed,
        in_progress=total - completed,
        completed_percent=_share(completed, total),
        in_progress_percent=_share(total - completed, total),
    )


_KEYS = {
    "category": "c.category",
    "channel": "c.channel",
    "complainant_group": "coalesce(c.complainant_group, '-')",
    "agency": "coalesce(a.agency, '-')",
    # Fiscal month 01 = October … 12 = September.
    "month": "to_char(((extract(month FROM c.received_at AT TIME ZONE 'Asia/Bangkok')::int + 2) % 12) + 1, 'FM00')",
}


async def statistics(
    session: AsyncSession, fy: int, group_by: GroupBy, agency: str | None, agencies: list[str] | None, years: int
) -> StatsOut:
    """Complaints received per group and fiscal year, ``years`` years side by side (by agency: the
    agency it was first forwarded to)."""
    fiscal_years = list(range(fy - years + 1, fy + 1))
    where = "c.fiscal_year = ANY(:years)"
    if agencies is not None:
        where += (
            " AND (c.receiving_agency = ANY(:agencies) OR EXISTS (SELECT 1 FROM scoring.assignments x"
            " WHERE x.complaint_id = c.id AND x.agency = ANY(:agencies)))"
        )
    sql = f"""
        SELECT {_KEYS[group_by]} AS key, c.fiscal_year AS fy, count(*) AS n,
               count(*) FILTER (WHERE c.status IN ('completed', 'concluded')) AS done
          FROM scoring.complaints c
          LEFT JOIN scoring.assignments a ON a.complaint_id = c.id AND a.number = 1
         WHERE {where}
         GROUP BY 1, 2
         ORDER BY 1, 2
    """
    rows = (await session.execute(text(sql), {"years": fiscal_years, "agencies": agencies})).all()
    by_key: dict[str, StatsRow] = {}
    totals = dict.fromkeys(fiscal_years, 0)
    for key, year, n, done in rows:
        row = by_key.setdefault(
            key, StatsRow(key=key, counts=dict.fromkeys(fiscal_years, 0), completed=dict.fromkeys(fiscal_years, 0))
        )
        row.counts[year] = int(n)
        row.completed[year] = int(done)
        totals[year] += int(n)
    return StatsOut(
        fiscal_year=fy, group_by=group_by, agency=agency, years=fiscal_years, rows=list(by_key.values()), totals=totals
    )
