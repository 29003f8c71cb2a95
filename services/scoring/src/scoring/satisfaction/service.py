"""Satisfaction and dissatisfaction (SPEC §5.5) from intake's survey responses: each answer counted
as its own questionnaire version says, overall and by dimension, item, respondent group, channel,
month and agency."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from kit.agencies import Agencies
from kit.errors import AppError
from kit.http import ServiceClient
from kit.satisfaction import Counts, Named, Questionnaire
from kit.thai import fiscal_year
from scoring.months import month_th, next_month
from scoring.satisfaction import source
from scoring.satisfaction.schemas import Entry, ItemEntry, MonthEntry, SatisfactionOut

UNKNOWN = "-"  # the key of answers that do not say (no channel, no respondent group, no agency)
_UNKNOWN_TH = "ไม่ระบุ"
E = TypeVar("E", bound=Entry)


def _counts(c: Counts) -> dict[str, Any]:
    return {
        "answers": c.answers,
        "positive": c.positive,
        "negative": c.negative,
        "satisfaction_percent": c.satisfaction_percent,
        "dissatisfaction_percent": c.dissatisfaction_percent,
    }


def _entries(
    tallies: Mapping[str, Counts], keys: Iterable[str], make: Callable[..., E], label: Callable[[str], str]
) -> list[E]:
    return [make(key=key, label=label(key), **_counts(tallies.get(key, Counts()))) for key in keys]


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    month, months = start.replace(day=1), []
    while month <= end:
        months.append(month)
        month = next_month(month)
    return months


async def satisfaction(
    intake: ServiceClient,
    agencies: Agencies,
    agency: str,
    *,
    everything: bool,
    template: str | None,
    start: dt.date,
    end: dt.date,
    as_of: dt.datetime,
) -> SatisfactionOut:
    """``everything``: the agency is the top of the tree, so every response counts (also one that
    names no agency); otherwise the agency's and its sub-agencies' responses."""
    if template is not None and await source.questionnaire(intake, template) is None:
        raise AppError(
            422,
            "survey.unknown_template",
            f"ไม่พบแบบสำรวจ '{template}'",
            f"No survey template '{template}'",
            fields={"template": template},
        )
    responses = await source.responses(
        intake, agency=None if everything else agency, template=template, start=start, end=end
    )
    questionnaires: dict[tuple[str, int], Questionnaire | None] = {}
    for version in sorted({(r["template"], int(r["version"])) for _, r in responses}):
        questionnaires[version] = await source.questionnaire(intake, *version)

    overall = Counts()
    counted = 0
    by: dict[str, dict[str, Counts]] = {
        name: defaultdict(Counts) for name in ("dimension", "item", "group", "channel", "month", "agency")
    }
    for day, response in responses:
        questionnaire = questionnaires.get((response["template"], int(response["version"])))
        if questionnaire is None:
            continue
        rated = list(questionnaire.rated(response["answers"]))
        counted += bool(rated)
        keys = {
            "group": response["respondent"].get("group") or UNKNOWN,
            "channel": response.get("channel") or UNKNOWN,
            "month": f"{day:%Y-%m}",
            "agency": response.get("agency") or UNKNOWN,
        }
        for item, polarity in rated:
            overall.add(polarity)
            by["dimension"][questionnaire.dimension_of[item]].add(polarity)
            by["item"][f"{response['template']}/{item}"].add(polarity)
            for name, key in keys.items():
                by[name][key].add(polarity)

    # Dimensions and items in their questionnaires' order; a name from the latest version that has it.
    dimensions: dict[str, Named] = {}
    items: dict[str, tuple[str, Named, str]] = {}
    for (code, _), q in sorted(questionnaires.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        if q is None:
            continue
        for d in q.dimensions:
            dimensions.setdefault(d.code, d)
        for i in q.items:
            items.setdefault(f"{code}/{i.code}", (code, i, q.dimension_of[i.code]))
    channels = await source.names(intake, "channels") if by["channel"] else {}
    groups = await source.names(intake, "complainant-groups") if by["group"] else {}

    def named(catalog: Mapping[str, Named]) -> Callable[[str], str]:
        return lambda key: catalog[key].name_th if key in catalog else (_UNKNOWN_TH if key == UNKNOWN else key)

    def agency_name(key: str) -> str:
        found = agencies.by_code.get(key)
        return found.name_th if found else (_UNKNOWN_TH if key == UNKNOWN else key)

    def item_entry(**fields: Any) -> ItemEntry:
        template_code, item, dimension = items[fields["key"]]
        return ItemEntry(template=template_code, item=item.code, dimension=dimension, **fields)

    def month_entry(**fields: Any) -> MonthEntry:
        return MonthEntry(fiscal_year=fiscal_year(dt.date.fromisoformat(fields["key"] + "-01")), **fields)

    month_keys = [f"{m:%Y-%m}" for m in _months(start, end)]
    return SatisfactionOut(
        agency=agency,
        start=start,
        to=end,
        as_of=as_of,
        template=template,
        responses=counted,
        **_counts(overall),
        by_dimension=_entries(
            by["dimension"], [k for k in dimensions if k in by["dimension"]], Entry, named(dimensions)
        ),
        by_item=_entries(by["item"], [k for k in items if k in by["item"]], item_entry, lambda k: items[k][1].name_th),
        by_group=_entries(by["group"], sorted(by["group"]), Entry, named(groups)),
        by_channel=_entries(by["channel"], sorted(by["channel"]), Entry, named(channels)),
        by_month=_entries(by["month"], month_keys, month_entry, lambda k: month_th(dt.date.fromisoformat(k + "-01"))),
        by_agency=_entries(by["agency"], sorted(by["agency"]), Entry, agency_name),
    )
