from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import ValidationError

from intake.deps import CtxDep
from intake.imports import service
from intake.imports.schemas import MAX_BATCH, ImportRequest, ImportResult
from kit.errors import ERROR_RESPONSES, validation_error
from kit.runtime import TransactionalRoute
from kit.web import JSONBody

router = APIRouter(route_class=TransactionalRoute, prefix="/v1/import", tags=["import"], responses=ERROR_RESPONSES)


# The body is parsed here, not by FastAPI: its schema is added to the document by create_app.
_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["complaints"],
                    "properties": {
                        "complaints": {
                            "type": "array",
                            "maxItems": MAX_BATCH,
                            "items": {"$ref": "#/components/schemas/ImportComplaint"},
                        }
                    },
                }
            }
        },
    }
}


@router.post(
    "/complaints",
    response_model=ImportResult,
    summary="Import complaints with their history from an older system (administrators)",
    description=(
        "Each item is checked like live input (state machine, time order, codes). Good items are "
        "written, bad ones reported by index and not written. Timestamps are ISO 8601 with an offset. "
        "Re-sending a batch imports nothing twice: an external_id already imported is reported. "
        "Body: ImportRequest (up to 10,000 complaints)."
    ),
    openapi_extra=_BODY,
)
async def import_complaints(request: Request, ctx: CtxDep) -> JSONBody:
    # Batches run to megabytes: parsed by pydantic's own JSON reader rather than json.loads
    # and then validated again, item by item, in the service (each item's errors are its own).
    ctx.access.require_admin()
    try:
        payload = ImportRequest.model_validate_json(await request.body())
    except ValidationError as exc:
        raise validation_error(list(exc.errors())) from exc
    return JSONBody.of(await service.import_batch(ctx, payload.complaints))
