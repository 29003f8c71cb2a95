"""The shapes of Open311 GeoReport v2: what a client posts and what it gets back.

The responses are built as plain data and rendered as JSON or XML (``render``); these models give
them a type and document them in OpenAPI.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

Coordinate = Annotated[float, Field(allow_inf_nan=False)]


class RequestForm(BaseModel):
    """``POST /open311/v2/requests.{format}``: the GeoReport v2 fields, form-encoded."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    service_code: Annotated[str, Field(min_length=1, max_length=40, description="a service_code from services")]
    lat: Annotated[Coordinate, Field(ge=-90, le=90)] | None = None
    long: Annotated[Coordinate, Field(ge=-180, le=180)] | None = None
    address_string: Annotated[str, Field(max_length=1000)] | None = None
    address_id: Annotated[str, Field(max_length=200, description="kept in the address text")] | None = None
    description: Annotated[str, Field(max_length=20000)] | None = None
    first_name: Annotated[str, Field(max_length=100)] | None = None
    last_name: Annotated[str, Field(max_length=100)] | None = None
    phone: Annotated[str, Field(max_length=40)] | None = None
    email: Annotated[str, Field(max_length=200)] | None = None
    device_id: Annotated[str, Field(max_length=200, description="accepted and not stored")] | None = None
    account_id: Annotated[str, Field(max_length=200, description="accepted and not stored")] | None = None
    media_url: (
        Annotated[
            str,
            Field(max_length=2000, pattern=r"^https?://\S+$", description="kept as a line of the description"),
        ]
        | None
    ) = None
    attributes: dict[str, str] = Field(
        default_factory=dict, description="attribute[code]=value fields; kept as lines of the description"
    )


class ServiceOut(BaseModel):
    service_code: str
    service_name: str
    description: str
    metadata: bool = False
    type: str = "realtime"
    keywords: str | None = None
    group: str | None = None


class ServiceDefinitionOut(BaseModel):
    service_code: str
    attributes: list[dict[str, Any]] = Field(default_factory=list)


class RequestCreatedOut(BaseModel):
    service_request_id: str = Field(description="the ticket number (เลขที่รับแจ้ง)")
    service_notice: str | None = None
    account_id: str | None = None


class ServiceRequestOut(BaseModel):
    """A complaint as a service request. Nothing about the complainant is ever in it."""

    service_request_id: str
    status: str = Field(description="open, or closed (completed, concluded, rejected or duplicate)")
    status_notes: str | None = None
    service_name: str | None = None
    service_code: str
    description: str | None = None
    agency_responsible: str | None = None
    service_notice: str | None = None
    requested_datetime: str
    updated_datetime: str
    expected_datetime: str | None = None
    address: str | None = None
    address_id: str | None = None
    zipcode: str | None = None
    lat: float | None = None
    long: float | None = None
    media_url: str | None = None


class ErrorOut(BaseModel):
    code: int = Field(description="the HTTP status")
    description: str = Field(description="Thai / English")
    error_code: str = Field(description="the stable code of the Rongtook error model")
