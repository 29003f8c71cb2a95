"""The intake service: complaints and their events, surveys, attachments (ARCHITECTURE: intake)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from intake.actors.endpoints import router as actors_router
from intake.agencies.endpoints import router as agencies_router
from intake.apikeys.endpoints import router as apikeys_router
from intake.attachments.endpoints import router as attachments_router
from intake.attachments.storage import LocalStorage
from intake.catalog.endpoints import routers as catalog_routers
from intake.client_config.endpoints import router as client_config_router
from intake.complaints.endpoints import router as complaints_router
from intake.complaints.tickets import TicketNumbers
from intake.config import IntakeSettings
from intake.deps import IntakeState
from intake.feed.endpoints import router as feed_router
from intake.imports.endpoints import router as imports_router
from intake.imports.schemas import ImportComplaint
from intake.open311.endpoints import router as open311_router
from intake.reference import ReferenceCache
from intake.surveys.endpoints import router as surveys_router
from intake.surveys.public import router as public_router
from intake.users.endpoints import router as users_router
from kit.logging import configure_logging
from kit.runtime import open_runtime
from kit.web import build_app

DESCRIPTION = """
รับเรื่องร้องเรียน ร้องทุกข์ และติดตามสถานะ — complaints, their append-only events, survey
responses and attachments. Errors are `{"error": {"code", "message_th", "message_en", "fields"}}`.
Users send `Authorization: Bearer <token>` (from `POST /v1/auth/token`); integrations send
`X-API-Key`. POSTs accept an `Idempotency-Key` header.
"""


def create_app(settings: IntakeSettings | None = None) -> FastAPI:
    settings = settings or IntakeSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging("intake", settings.log_level, settings.log_json)
        async with open_runtime(settings) as runtime:
            app.state.runtime = runtime
            app.state.intake = IntakeState(
                settings=settings,
                runtime=runtime,
                reference=ReferenceCache(),
                storage=LocalStorage(settings.attachments_dir),
                tickets=TicketNumbers(settings.database_url),
                jwt_secret=settings.require_secret(),
            )
            yield

    return build_app(
        service="intake",
        title="Rongtook intake",
        description=DESCRIPTION,
        lifespan=lifespan,
        # In the order requests arrive most often: routes are matched one after another.
        routers=[
            complaints_router,
            users_router,
            agencies_router,
            *catalog_routers,
            client_config_router,
            attachments_router,
            imports_router,
            surveys_router,
            public_router,
            apikeys_router,
            actors_router,
            open311_router,
            feed_router,
        ],
        body_schemas=(ImportComplaint,),
    )
