from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from kit.auth import Role

Username = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$")]
Password = Annotated[str, Field(min_length=8, max_length=200)]


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


class AgencyBrief(BaseModel):
    code: str
    name_th: str
    name_en: str | None


class UserOut(BaseModel):
    id: uuid.UUID
    username: str
    display_name: str
    role: Role
    agency: AgencyBrief
    active: bool
    last_login_at: dt.datetime | None = None


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: Username
    display_name: Annotated[str, Field(min_length=1, max_length=200)]
    role: Role
    agency: str
    password: Password | None = Field(None, description="generated and returned once when omitted")


class UserCreated(UserOut):
    password: str | None = Field(None, description="the generated password, shown this once")


class UserUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    display_name: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    role: Role | None = None
    agency: str | None = None
    active: bool | None = None
    password: Password | None = None


class PasswordChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: str
    new_password: Password
