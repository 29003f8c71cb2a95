from kit.migrations import run_env
from reporting.db import SCHEMA
from reporting.tables import metadata

run_env(metadata, SCHEMA)
