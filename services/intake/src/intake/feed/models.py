"""The event stream's order: a gap-free sequence number given to each event after it commits.

Why not a sequence column on the event? Sequence values are taken when a transaction writes,
but transactions commit in another order: a reader at cursor N would skip an event numbered
N-1 that commits after it read. Instead the sequencer numbers only events of transactions that
can no longer be in flight (transaction id below the oldest running one), in transaction order.
A number, once given, is never followed by a smaller one.
"""

from __future__ import annotations

import uuid

from sqlalchemy import BigInteger, SmallInteger, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from intake.db import Base


class EventPosition(Base):
    __tablename__ = "event_log"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)


class SequencerState(Base):
    __tablename__ = "sequencer_state"

    id: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(BigInteger)
    # The last event numbered, as (writing transaction id, event id): the numbering order.
    cursor_tx: Mapped[int] = mapped_column(BigInteger)
    cursor_event_id: Mapped[uuid.UUID] = mapped_column(Uuid)
