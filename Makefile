# Rongtook — the two commands a new user needs: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv/bin
export UV_PYTHON_DOWNLOADS := never

.PHONY: help setup run stop test lint typecheck bench openapi migrate demo up

help:
	@echo "make run        the whole system on its embedded default (http://127.0.0.1:8000)"
	@echo "make test       the whole test suite (starts its own PostgreSQL and Redis)"
	@echo "make stop       stop a running 'make run'"
	@echo "make lint | typecheck | bench | openapi | migrate | demo | up (the scaled stack, Docker Compose)"

setup:
	@scripts/bootstrap

run: setup
	@$(VENV)/rongtook run

stop:
	@$(VENV)/rongtook stop

test: setup
	@$(VENV)/pytest -n auto -p no:cacheprovider

lint: setup
	@$(VENV)/ruff check .
	@$(VENV)/ruff format --check .

typecheck: setup
	@$(VENV)/mypy services tests bench

bench:
	@RONGTOOK_WITH_BENCH=1 scripts/bootstrap
	@$(VENV)/python -m bench

openapi: setup
	@$(VENV)/rongtook openapi --out openapi

migrate: setup
	@$(VENV)/rongtook migrate

demo: setup
	@$(VENV)/rongtook demo load

up:
	docker compose -f deploy/compose.yml up -d --build
