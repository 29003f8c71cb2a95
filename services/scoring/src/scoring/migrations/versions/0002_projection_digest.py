"""complaints: the digest of the projection last written, so that a recompute skips unchanged ones

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 23:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("complaints", sa.Column("projection_digest", sa.LargeBinary(), nullable=True), schema="scoring")


def downgrade() -> None:
    op.drop_column("complaints", "projection_digest", schema="scoring")
