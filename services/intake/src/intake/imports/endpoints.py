from __future__ import annotations

from fastapi import APIRouter

from intake.complaints.context import Ctx
from intake.deps import AccessDep, JobsDep, SessionDep, StateDep
from intake.imports import service
from intake.imports.schemas import ImportRequest, ImportResult
from kit.errors import ERROR_RESPONSES

router = APIRouter(prefix="/v1/import", tags=["import"], responses=ERROR_RESPONSES)


@router.post(
    "/complaints",
    response_model=ImportResult,
    summary="Import complaints with their history from an older system (administrators)",
    description=(
        "Each item is checked like live input (state machine, time order, codes). Good items are "
        "written, bad ones reported by index and not written. Timestamps are ISO 8601 with an offset. "
        "Re-sending a batch imports nothing twice: an external_id already imported is reported."
    ),
)
async def import_complaints(
    payload: ImportRequest, session: SessionDep, state: StateDep, access: AccessDep, jobs: JobsDep
) -> ImportResult:
    return await service.import_batch(Ctx(session, state, access, jobs), payload.complaints)
