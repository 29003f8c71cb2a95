"""Satisfaction and dissatisfaction (SPEC §5.5) from intake's survey responses: each answer counted
as its own questionnaire version says, overall and by dimension, item, respondent group, channel,
month, agency and respondent profile. The satisfaction report and the ladder KPIs measured by
satisfaction take their figures from here."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from kit.agencies import Agencies
from kit.errors import AppError
from kit.http import ServiceClient
from kit.thai import fiscal_year
from scoring.months import month_th, next_month
from scoring.satisfaction import source
from scoring.satisfaction.counting import Counts, Named, Questionnaire
from scoring.satisfaction.schemas import Entry, ItemEntry, MonthEntry, SatisfactionOut

UNKNOWN = "-"  # the key of answers that do not say (no channel, no respondent group, no agency, …)
_UNKNOWN = Named(UNKNOWN, "ไม่ระบุ", "Not stated")
E = TypeVar("E", bound=Entry)


def _choices(*choices: tuple[str, str, str]) -> dict[str, Named]:
    return {code: Named(code, th, en) for code, th, en in choices}


# The respondent profile intake records (its Respondent's choices), in the questionnaire's order.
PROFILE: dict[str, dict[str, Named]] = {
    "gender": _choices(("male", "ชาย", "Male"), ("female", "หญิง", "Female"), ("other", "อื่น ๆ", "Other")),
    "age_band": _choices(
        ("under_20", "อายุต่ำกว่า 20 ปี", "Under 20"),
        ("20_39", "20 – 39 ปี", "20–39"),
        ("40_50", "40 – 50 ปี", "40–50"),
        ("51_plus", "51 ปีขึ้นไป", "51 and over"),
    ),
    "education": _choices(
        ("below_bachelor", "ต่ำกว่าปริญญาตรี", "Below bachelor's degree"),
        ("bachelor", "ปริญญาตรี", "Bachelor's degree"),
        ("above_bachelor", "สูงกว่าปริญญาตรี", "Above bachelor's degree"),
    ),
    "occupation": _choices(
        ("company_employee", "พนักงานบริษัท", "Company employee"),
        ("government", "รับราชการ/รัฐวิสาหกิจ", "Civil servant / state enterprise"),
        ("student", "นักเรียน/นักศึกษา", "Student"),
        ("other", "อื่น ๆ", "Other"),
    ),
}
_BREAKDOWNS = ("dimension", "item", "group", "channel", "month", "agency", *PROFILE)


@dataclass
class Tally:
    """The rated answers of a period, overall and by each breakdown's key."""

    questionnaires: dict[tuple[str, int], Questionnaire | None]  # (code, version) → None if intake has none
    overall: Counts = field(default_factory=Counts)
    responses: int = 0  # responses with at least one rated answer
    by: dict[str, defaultdict[str, Counts]] = field(
        default_factory=lambda: {name: defaultdict(Counts) for name in _BREAKDOWNS}
    )

    def add(self, day: dt.date, response: Mapping[str, Any]) -> None:
        questionnaire = self.questionnaires.get((response["template"], int(response["version"])))
        if questionnaire is None:
            return
        rated = list(questionnaire.rated(response["answers"]))
        self.responses += bool(rated)
        respondent = response.get("respondent") or {}
        keys = {
            "group": respondent.get("group") or UNKNOWN,
            "channel": response.get("channel") or UNKNOWN,
            "month": f"{day:%Y-%m}",
            "agency": response.get("agency") or UNKNOWN,
            **{name: respondent.get(name) or UNKNOWN for name in PROFILE},
        }
        for item, polarity in rated:
            self.overall.add(polarity)
            self.by["dimension"][questionnaire.dimension_of[item]].add(polarity)
            self.by["item"][f"{response['template']}/{item}"].add(polarity)
            for name, key in keys.items():
                self.by[name][key].add(polarity)


async def count(
    intake: ServiceClient,
    agencies: Agencies,
    agency: str,
    *,
    template: str | None,
    start: dt.date,
    end: dt.date,
) -> Tally:
    """The answers given from ``start`` to ``end`` (Bangkok days, inclusive) about ``agency`` and its
    sub-agencies; at the top of the tree, every response (also one that names no agency).
    ``template``: one questionnaire's only (422 if intake has no such questionnaire)."""
    if template is not None and await source.questionnaire(intake, template) is None:
        raise AppError(
            422,
            "survey.unknown_template",
            f"ไม่พบแบบสำรวจ '{template}'",
            f"No survey template '{template}'",
            fields={"template": template},
        )
    everything = agencies.get(agency).parent is None
    responses = await source.responses(
        intake, agency=None if everything else agency, template=template, start=start, end=end
    )
    tally = Tally(questionnaires={})
    for version in sorted({(r["template"], int(r["version"])) for _, r in responses}):
        tally.questionnaires[version] = await source.questionnaire(intake, *version)
    for day, response in responses:
        tally.add(day, response)
    return tally


def _counts(c: Counts) -> dict[str, Any]:
    return {
        "answers": c.answers,
        "positive": c.positive,
        "negative": c.negative,
        "satisfaction_percent": c.satisfaction_percent,
        "dissatisfaction_percent": c.dissatisfaction_percent,
    }


def _entries(
    tallies: Mapping[str, Counts], keys: Iterable[str], make: Callable[..., E], name: Callable[[str], Named]
) -> list[E]:
    return [
        make(key=key, label=name(key).name_th, label_en=name(key).name_en, **_counts(tallies.get(key, Counts())))
        for key in keys
    ]


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    month, months = start.replace(day=1), []
    while month <= end:
        months.append(month)
        month = next_month(month)
    return months


def _month(key: str) -> Named:
    month = dt.date.fromisoformat(key + "-01")
    return Named(key, month_th(month), f"{month:%B %Y}")


def _named(catalog: Mapping[str, Named]) -> Callable[[str], Named]:
    return lambda key: catalog.get(key) or (_UNKNOWN if key == UNKNOWN else Named(key, key, None))


async def satisfaction(
    intake: ServiceClient,
    agencies: Agencies,
    agency: str,
    *,
    template: str | None,
    start: dt.date,
    end: dt.date,
    as_of: dt.datetime,
) -> SatisfactionOut:
    tally = await count(intake, agencies, agency, template=template, start=start, end=end)
    by = tally.by

    # Dimensions and items in their questionnaires' order; a name from the latest version that has it.
    dimensions: dict[str, Named] = {}
    items: dict[str, tuple[str, Named, str]] = {}
    for (code, _), q in sorted(tally.questionnaires.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        if q is None:
            continue
        for d in q.dimensions:
            dimensions.setdefault(d.code, d)
        for i in q.items:
            items.setdefault(f"{code}/{i.code}", (code, i, q.dimension_of[i.code]))
    channels = await source.names(intake, "channels") if by["channel"] else {}
    groups = await source.names(intake, "complainant-groups") if by["group"] else {}
    agency_names = {a.code: Named(a.code, a.name_th, a.name_en) for a in agencies.by_code.values()}

    def item_entry(**fields: Any) -> ItemEntry:
        template_code, item, dimension = items[fields["key"]]
        return ItemEntry(template=template_code, item=item.code, dimension=dimension, **fields)

    def month_entry(**fields: Any) -> MonthEntry:
        return MonthEntry(fiscal_year=fiscal_year(dt.date.fromisoformat(fields["key"] + "-01")), **fields)

    def profile(name: str) -> list[Entry]:
        choices = PROFILE[name]
        keys = [k for k in choices if k in by[name]] + sorted(k for k in by[name] if k not in choices)
        return _entries(by[name], keys, Entry, _named(choices))

    return SatisfactionOut(
        agency=agency,
        start=start,
        to=end,
        as_of=as_of,
        template=template,
        responses=tally.responses,
        **_counts(tally.overall),
        by_dimension=_entries(
            by["dimension"], [k for k in dimensions if k in by["dimension"]], Entry, _named(dimensions)
        ),
        by_item=_entries(by["item"], [k for k in items if k in by["item"]], item_entry, lambda k: items[k][1]),
        by_group=_entries(by["group"], sorted(by["group"]), Entry, _named(groups)),
        by_channel=_entries(by["channel"], sorted(by["channel"]), Entry, _named(channels)),
        by_month=_entries(by["month"], [f"{m:%Y-%m}" for m in _months(start, end)], month_entry, _month),
        by_agency=_entries(by["agency"], sorted(by["agency"]), Entry, _named(agency_names)),
        by_gender=profile("gender"),
        by_age_band=profile("age_band"),
        by_education=profile("education"),
        by_occupation=profile("occupation"),
    )
