from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

Gender = Literal["male", "female", "other"]
AgeBand = Literal["under_20", "20_39", "40_50", "51_plus"]
Education = Literal["below_bachelor", "bachelor", "above_bachelor"]
Occupation = Literal["company_employee", "government", "student", "other"]


class Level(BaseModel):
    value: int
    label_th: str
    label_en: str
    polarity: Literal["positive", "neutral", "negative"]


class Item(BaseModel):
    code: Annotated[str, Field(min_length=1, max_length=40)]
    text_th: str
    text_en: str | None = None


class Dimension(BaseModel):
    code: Annotated[str, Field(min_length=1, max_length=40)]
    name_th: str
    name_en: str | None = None
    items: Annotated[list[Item], Field(min_length=1)]


class Question(BaseModel):
    code: str
    type: Literal["text", "choice"]
    text_th: str
    text_en: str | None = None
    multiple: bool = False
    choices: list[dict[str, str]] = Field(default_factory=list)


class TemplateDefinition(BaseModel):
    levels: Annotated[list[Level], Field(min_length=2, max_length=7)]
    profile: list[Literal["gender", "age_band", "education", "occupation"]] = Field(default_factory=list)
    topic: bool = True
    dimensions: Annotated[list[Dimension], Field(min_length=1)]
    questions: list[Question] = Field(default_factory=list)


class TemplateCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,39}$")]
    name_th: Annotated[str, Field(min_length=1, max_length=300)]
    name_en: Annotated[str, Field(max_length=300)] | None = None
    scale: Literal[3, 5]
    definition: TemplateDefinition


class TemplateOut(BaseModel):
    id: uuid.UUID
    code: str
    version: int
    name_th: str
    name_en: str | None
    scale: int
    definition: TemplateDefinition
    preset: bool
    active: bool


class Respondent(BaseModel):
    model_config = ConfigDict(extra="forbid")

    gender: Gender | None = None
    age_band: AgeBand | None = None
    education: Education | None = None
    occupation: Occupation | None = None
    group: Annotated[str, Field(max_length=40)] | None = Field(None, description="complainant group code")


class ResponseCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    template: str
    version: int | None = Field(None, description="defaults to the latest version")
    complaint: str | None = Field(None, description="complaint id or ticket number")
    agency: str | None = Field(None, description="agency assessed (code); defaults to the complaint's or the caller's")
    channel: str | None = Field(None, description="channel code the respondent used")
    topic: Annotated[str, Field(max_length=500)] | None = None
    respondent: Respondent = Field(default_factory=Respondent)
    answers: Annotated[dict[str, int], Field(min_length=1, description="item code → level value")]
    extra: dict[str, Any] = Field(default_factory=dict, description="answers to the open questions, by code")
    suggestion: Annotated[str, Field(max_length=5000)] | None = None
    answered_at: AwareDatetime | None = Field(
        None, description="when a paper questionnaire was filled in, if keyed in later; never in the future"
    )


class PublicResponseCreate(BaseModel):
    """What a complainant sends through the receipt link (the complaint is the link's)."""

    model_config = ConfigDict(extra="forbid")

    respondent: Respondent = Field(default_factory=Respondent)
    answers: Annotated[dict[str, int], Field(min_length=1)]
    extra: dict[str, Any] = Field(default_factory=dict)
    suggestion: Annotated[str, Field(max_length=5000)] | None = None


class ResponseOut(BaseModel):
    id: uuid.UUID
    template: str
    version: int
    complaint_ticket: str | None
    agency: str | None
    channel: str | None
    topic: str | None
    respondent: Respondent
    answers: dict[str, int]
    extra: dict[str, Any]
    suggestion: str | None
    source: str
    submitted_at: dt.datetime


class ResponsePage(BaseModel):
    items: list[ResponseOut]
    next_cursor: str | None = None


class PublicSurvey(BaseModel):
    ticket_no: str
    template: TemplateOut
    answered: bool
