from intake.db import SCHEMA
from intake.tables import metadata
from kit.migrations import run_env

run_env(metadata, SCHEMA, extensions=("pg_trgm", "btree_gist"))
