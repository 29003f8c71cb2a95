"""API keys: when each was last used

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 20:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("api_keys", sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True), schema="intake")


def downgrade() -> None:
    op.drop_column("api_keys", "last_used_at", schema="intake")
