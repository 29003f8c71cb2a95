from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kit.errors import AppError, not_found
from reporting.projects.models import Project
from reporting.projects.schemas import ProjectBody, ProjectIn, ProjectOut
from reporting.records import check_version, flush_unique


def body_of(project: Project) -> ProjectBody:
    return ProjectBody.model_validate(project.body)


def to_out(project: Project) -> ProjectOut:
    return ProjectOut(
        **project.body,
        code=project.code,
        fiscal_year=project.fiscal_year,
        agency=project.agency,
        id=project.id,
        version=project.version,
        created_at=project.created_at,
        updated_at=project.updated_at,
    )


def _body(data: ProjectIn) -> dict[str, object]:
    return ProjectBody.model_validate(data.model_dump()).model_dump(mode="json")


async def get(session: AsyncSession, code: str) -> Project:
    project = (await session.execute(select(Project).where(Project.code == code))).scalar_one_or_none()
    if project is None:
        raise not_found(f"Project {code}", f"โครงการรหัส {code}", "project.not_found")
    return project


def _taken(code: str) -> AppError:
    return AppError(
        409, "project.exists", f"มีโครงการรหัส {code} แล้ว", f"Project {code} exists", fields={"code": "taken"}
    )


async def create(session: AsyncSession, data: ProjectIn, actor: str) -> Project:
    project = Project(
        code=data.code, agency=data.agency, fiscal_year=data.fiscal_year, body=_body(data), version=1, created_by=actor
    )
    session.add(project)
    await flush_unique(session, _taken(data.code))
    await session.refresh(project)
    return project


async def update(session: AsyncSession, project: Project, data: ProjectIn, version: int | None) -> Project:
    check_version(project.version, version, "project.changed", "โครงการ", "project")
    project.code = data.code
    project.agency = data.agency
    project.fiscal_year = data.fiscal_year
    project.body = _body(data)
    project.version += 1
    await flush_unique(session, _taken(data.code))
    await session.refresh(project)
    return project


async def listing(session: AsyncSession, agencies: list[str], fiscal_year: int | None) -> list[Project]:
    query = select(Project).where(Project.agency.in_(agencies)).order_by(Project.fiscal_year.desc(), Project.code)
    if fiscal_year is not None:
        query = query.where(Project.fiscal_year == fiscal_year)
    return list((await session.execute(query)).scalars())
