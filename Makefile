# Rongtook — the two commands a new user needs: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv/bin
export UV_PYTHON_DOWNLOADS := never

.PHONY: help setup setup-python run stop test lint typecheck bench openapi migrate demo up

help:
	@echo "make run        the whole system on its embedded default (http://127.0.0.1:8000)"
	@echo "make test       the whole test suite (starts its own PostgreSQL and Redis)"
	@echo "make stop       stop a running 'make run'"
	@echo "make lint | typecheck | bench | openapi | migrate | demo | up (the scaled stack, Docker Compose)"

setup:
	@scripts/bootstrap

# What the Python-only targets need: no web app build.
setup-python:
	@scripts/bootstrap --no-web

run: setup
	@$(VENV)/rongtook run

stop:
	@$(VENV)/rongtook stop

# The web app's unit tests, then every test under tests/; the end-to-end ones (xdist group "e2e")
# share one worker, so that they share one running system.
test: setup
	@cd frontend && npx vitest run --passWithNoTests
	@$(VENV)/pytest -n auto --dist loadgroup -p no:cacheprovider

lint: setup-python
	@$(VENV)/ruff check .
	@$(VENV)/ruff format --check .

typecheck: setup-python
	@$(VENV)/mypy services tests bench

bench:
	@RONGTOOK_WITH_BENCH=1 scripts/bootstrap
	@$(VENV)/python -m bench

openapi: setup-python
	@$(VENV)/rongtook openapi --out openapi

migrate: setup-python
	@$(VENV)/rongtook migrate

demo: setup-python
	@$(VENV)/rongtook demo load

up:
	docker compose -f deploy/compose.yml up -d --build
