"""`rongtook` — run, serve, work, migrate, administer and demonstrate the system."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from kit.db import create_database
from kit.settings import ServiceSettings
from stack.services import SERVICES, gateway_port, service


def _resolve(target: str) -> Any:
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def _settings() -> ServiceSettings:
    from stack.launcher import embedded_settings

    os.environ.update(embedded_settings(Path.cwd() / "var"))
    return ServiceSettings()


async def _in_transaction(action: Callable[[AsyncSession], Awaitable[Any]]) -> Any:
    settings = _settings()
    db = create_database(settings.database_url, application_name="rongtook-cli", pool_size=1)
    try:
        async with db.transaction() as session:
            return await action(session)
    finally:
        await db.dispose()


# ---- commands ---------------------------------------------------------------------------------


def cmd_run(args: argparse.Namespace) -> int:
    from stack.launcher import Launcher

    return Launcher(Path.cwd()).run()


def cmd_stop(args: argparse.Namespace) -> int:
    from stack.launcher import stop

    return stop(Path.cwd())


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    spec = service(args.service)
    uvicorn.run(
        spec.app_factory,
        factory=True,
        host=args.host,
        port=args.port or spec.port,
        workers=args.workers,
        log_config=None,
        access_log=False,
        loop="uvloop",
        http="httptools",
        timeout_graceful_shutdown=10,
    )
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    spec = service(args.service)
    create_worker = _resolve(f"{spec.package}.worker:create_worker")
    create_worker().run()
    return 0


def cmd_gateway(args: argparse.Namespace) -> int:
    import uvicorn

    from stack.gateway import create_gateway

    upstreams = {
        s.name: os.environ.get(f"RONGTOOK_{s.name.upper()}_URL", f"http://127.0.0.1:{s.port}") for s in SERVICES
    }
    # Served as it is at each request: a build made while the gateway runs is picked up.
    app = create_gateway(upstreams, Path(os.environ.get("RONGTOOK_FRONTEND_DIST", "frontend/dist")))
    uvicorn.run(app, host=args.host, port=args.port, log_config=None, access_log=False, loop="uvloop")
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from kit.migrations import upgrade

    database_url = _settings().database_url
    for spec in SERVICES:
        if args.service and spec.name != args.service:
            continue
        upgrade(spec.package, database_url)
        if spec.setup:
            asyncio.run(_in_transaction(_resolve(spec.setup)))
        print(f"{spec.name}: migrated")
    return 0


def cmd_ensure_admin(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from intake.setup import ensure_root_agency
    from intake.users import service as users
    from intake.users.models import User
    from intake.users.passwords import generate_password, hash_password

    wanted = os.environ.get("RONGTOOK_ADMIN_PASSWORD")

    async def action(session: AsyncSession) -> None:
        root = await ensure_root_agency(session)
        password = wanted or generate_password()
        if await users.ensure_admin(session, root.id, password):
            if wanted:
                print("Administrator 'admin' created with the password from $RONGTOOK_ADMIN_PASSWORD.")
            else:
                print(f"Administrator 'admin' created. Its password (shown this once): {password}")
        elif wanted:
            admin = (await session.execute(select(User).where(User.username == "admin"))).scalar_one()
            admin.password_hash = hash_password(wanted)
            admin.active = True

    asyncio.run(_in_transaction(action))
    return 0


def cmd_create_user(args: argparse.Namespace) -> int:
    from intake.reference import ReferenceCache
    from intake.users import service as users
    from intake.users.schemas import UserCreate
    from kit.auth import Principal, PrincipalKind, Role

    async def action(session: AsyncSession) -> None:
        ref = await ReferenceCache().get(session)
        actor = Principal(PrincipalKind.SERVICE, "cli", None, None)
        created = await users.create(
            session,
            actor,
            ref,
            UserCreate(
                username=args.username,
                display_name=args.name or args.username,
                role=Role(args.role),
                agency=args.agency,
                password=args.password,
            ),
        )
        print(json.dumps(created.model_dump(mode="json"), ensure_ascii=False, indent=2))

    asyncio.run(_in_transaction(action))
    return 0


def cmd_reset_password(args: argparse.Namespace) -> int:
    from intake.users import service as users
    from intake.users.passwords import generate_password, hash_password

    password = args.password or generate_password()

    async def action(session: AsyncSession) -> None:
        user = await users.by_username(session, args.username)
        user.password_hash = hash_password(password)
        user.active = True

    asyncio.run(_in_transaction(action))
    print(f"New password of {args.username}: {password}")
    return 0


def cmd_demo_load(args: argparse.Namespace) -> int:
    from intake.demo.loader import load_demo

    summary = asyncio.run(
        load_demo(_settings().database_url, complaints=args.complaints, seed=args.seed, password=args.password)
    )
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    return 0


def cmd_openapi(args: argparse.Namespace) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("RONGTOOK_JWT_SECRET", "x" * 32)
    for spec in SERVICES:
        app = _resolve(spec.app_factory)()
        (out / f"{spec.name}.json").write_text(json.dumps(app.openapi(), ensure_ascii=False, indent=2) + "\n")
        print(f"wrote {out / (spec.name + '.json')}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rongtook", description="Rongtook (ร้องทุกข์) complaint management")
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser("run", help="run the whole system on its embedded default").set_defaults(func=cmd_run)
    commands.add_parser("stop", help="stop a running `rongtook run`").set_defaults(func=cmd_stop)

    serve = commands.add_parser("serve", help="run one service's HTTP API")
    serve.add_argument("service")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=0)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(func=cmd_serve)

    worker = commands.add_parser("worker", help="run one service's job worker")
    worker.add_argument("service")
    worker.set_defaults(func=cmd_worker)

    gateway = commands.add_parser("gateway", help="run the public gateway (web app + /api/<service>/)")
    gateway.add_argument("--host", default="127.0.0.1")
    gateway.add_argument("--port", type=int, default=gateway_port())
    gateway.set_defaults(func=cmd_gateway)

    migrate = commands.add_parser("migrate", help="apply every service's migrations and reference data")
    migrate.add_argument("--service")
    migrate.set_defaults(func=cmd_migrate)

    admin = commands.add_parser("admin", help="administration").add_subparsers(dest="admin", required=True)
    admin.add_parser("ensure-admin", help="create the first administrator").set_defaults(func=cmd_ensure_admin)
    create_user = admin.add_parser("create-user", help="add a user")
    create_user.add_argument("username")
    create_user.add_argument(
        "--role", required=True, choices=["front_desk", "agency_officer", "supervisor", "auditor", "administrator"]
    )
    create_user.add_argument("--agency", required=True)
    create_user.add_argument("--name")
    create_user.add_argument("--password")
    create_user.set_defaults(func=cmd_create_user)
    reset = admin.add_parser("reset-password", help="set a new password for a user")
    reset.add_argument("username")
    reset.add_argument("--password")
    reset.set_defaults(func=cmd_reset_password)

    demo = commands.add_parser("demo", help="demonstration data").add_subparsers(dest="demo", required=True)
    load = demo.add_parser("load", help="load a demo city: 50 district offices and a few thousand complaints")
    load.add_argument("--complaints", type=int, default=4000)
    load.add_argument("--seed", type=int, default=2562)
    load.add_argument("--password", default=os.environ.get("RONGTOOK_DEMO_PASSWORD", "demo-password"))
    load.set_defaults(func=cmd_demo_load)

    openapi = commands.add_parser("openapi", help="write each service's OpenAPI document")
    openapi.add_argument("--out", default="openapi")
    openapi.set_defaults(func=cmd_openapi)

    args = parser.parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
