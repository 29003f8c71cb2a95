"""Params several report types share."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.ext.asyncio import AsyncSession

FiscalYear = Annotated[int, Field(ge=2500, le=2700, description="fiscal year, Buddhist era")]


class AgencyParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agency: str | None = Field(None, description="an agency's code; defaults to the requester's own")


class AgencyYearParams(AgencyParams):
    fy: FiscalYear


async def agency_of(session: AsyncSession, params: AgencyParams) -> str | None:
    return params.agency
