from kit.migrations import run_env
from scoring.db import SCHEMA
from scoring.tables import metadata

run_env(metadata, SCHEMA)
