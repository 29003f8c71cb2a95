"""initial schema: agencies, lists, users, API keys, complaints and their events, the event
stream's numbering, attachments, surveys, audit log, idempotency keys

Revision ID: 0001
Revises:
Create Date: 2026-11-21 15:29:01.612403
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agencies",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name_th", sa.String(length=300), nullable=False),
        sa.Column("name_en", sa.String(length=300), nullable=True),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(["parent_id"], ["intake.agencies.id"], name=op.f("fk_agencies_parent_id_agencies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agencies")),
        sa.UniqueConstraint("code", name=op.f("uq_agencies_code")),
        schema="intake",
    )
    op.create_index(op.f("ix_agencies_parent_id"), "agencies", ["parent_id"], unique=False, schema="intake")
    op.create_index(op.f("ix_agencies_path"), "agencies", ["path"], unique=False, schema="intake")
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("subject_type", sa.String(length=32), nullable=False),
        sa.Column("subject_id", sa.String(length=64), nullable=True),
        sa.Column("detail", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
        schema="intake",
    )
    op.create_index(op.f("ix_audit_log_actor"), "audit_log", ["actor"], unique=False, schema="intake")
    op.create_index(op.f("ix_audit_log_at"), "audit_log", ["at"], unique=False, schema="intake")
    op.create_index(op.f("ix_audit_log_subject_id"), "audit_log", ["subject_id"], unique=False, schema="intake")
    op.create_table(
        "categories",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name_th", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_categories")),
        sa.UniqueConstraint("code", name=op.f("uq_categories_code")),
        schema="intake",
    )
    op.create_table(
        "channels",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name_th", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channels")),
        sa.UniqueConstraint("code", name=op.f("uq_channels_code")),
        schema="intake",
    )
    op.create_table(
        "complainant_groups",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name_th", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complainant_groups")),
        sa.UniqueConstraint("code", name=op.f("uq_complainant_groups_code")),
        schema="intake",
    )
    op.create_table(
        "event_log",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_event_log")),
        sa.UniqueConstraint("event_id", name=op.f("uq_event_log_event_id")),
        schema="intake",
    )
    op.create_table(
        "idempotency_keys",
        sa.Column("principal", sa.String(length=120), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.SmallInteger(), nullable=False),
        sa.Column("response", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("principal", "key", name=op.f("pk_idempotency_keys")),
        schema="intake",
    )
    op.create_index(
        op.f("ix_idempotency_keys_created_at"), "idempotency_keys", ["created_at"], unique=False, schema="intake"
    )
    op.create_table(
        "sequencer_state",
        sa.Column("id", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("cursor_tx", sa.BigInteger(), nullable=False),
        sa.Column("cursor_event_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sequencer_state")),
        schema="intake",
    )
    op.create_table(
        "survey_templates",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("version", sa.SmallInteger(), nullable=False),
        sa.Column("name_th", sa.String(length=300), nullable=False),
        sa.Column("name_en", sa.String(length=300), nullable=True),
        sa.Column("scale", sa.SmallInteger(), nullable=False),
        sa.Column("definition", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("preset", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_templates")),
        sa.UniqueConstraint("code", "version", name=op.f("uq_survey_templates_code_version")),
        schema="intake",
    )
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("secret_sha256", sa.String(length=64), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("scopes", postgresql.ARRAY(sa.String(length=40)), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["agency_id"], ["intake.agencies.id"], name=op.f("fk_api_keys_agency_id_agencies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("prefix", name=op.f("uq_api_keys_prefix")),
        schema="intake",
    )
    op.create_index(op.f("ix_api_keys_agency_id"), "api_keys", ["agency_id"], unique=False, schema="intake")
    op.create_table(
        "complaints",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("ticket_no", sa.String(length=64), nullable=False),
        sa.Column("receiving_agency_id", sa.Uuid(), nullable=False),
        sa.Column("channel_id", sa.Uuid(), nullable=False),
        sa.Column("category_id", sa.Uuid(), nullable=False),
        sa.Column("complainant_group_id", sa.Uuid(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("long", sa.Float(), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("title_key", sa.String(length=300), nullable=False),
        sa.Column("triage", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("agency_ids", postgresql.ARRAY(sa.Uuid()), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("imported", sa.Boolean(), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("duplicate_of_id", sa.Uuid(), nullable=True),
        sa.Column("public_token", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"], ["intake.categories.id"], name=op.f("fk_complaints_category_id_categories")
        ),
        sa.ForeignKeyConstraint(["channel_id"], ["intake.channels.id"], name=op.f("fk_complaints_channel_id_channels")),
        sa.ForeignKeyConstraint(
            ["complainant_group_id"],
            ["intake.complainant_groups.id"],
            name=op.f("fk_complaints_complainant_group_id_complainant_groups"),
        ),
        sa.ForeignKeyConstraint(
            ["receiving_agency_id"], ["intake.agencies.id"], name=op.f("fk_complaints_receiving_agency_id_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
        sa.UniqueConstraint("external_id", name=op.f("uq_complaints_external_id")),
        sa.UniqueConstraint("public_token", name=op.f("uq_complaints_public_token")),
        sa.UniqueConstraint("ticket_no", name=op.f("uq_complaints_ticket_no")),
        schema="intake",
    )
    op.create_index(
        "ix_complaints_agency_ids", "complaints", ["agency_ids"], unique=False, schema="intake", postgresql_using="gin"
    )
    op.create_index(
        "ix_complaints_open_point",
        "complaints",
        ["category_id", sa.literal_column("point(long, lat)"), "title_key"],
        unique=False,
        schema="intake",
        postgresql_using="gist",
        postgresql_ops={"title_key": "gist_trgm_ops"},
        postgresql_where=sa.text("status IN ('received', 'forwarded', 'in_progress') AND lat IS NOT NULL"),
    )
    op.create_index(
        "ix_complaints_open_title_no_point",
        "complaints",
        ["category_id", "title_key"],
        unique=False,
        schema="intake",
        postgresql_using="gist",
        postgresql_ops={"title_key": "gist_trgm_ops"},
        postgresql_where=sa.text("status IN ('received', 'forwarded', 'in_progress') AND lat IS NULL"),
    )
    op.create_index("ix_complaints_received_at_id", "complaints", ["received_at", "id"], unique=False, schema="intake")
    op.create_index(
        "ix_complaints_search_text_trgm",
        "complaints",
        ["search_text"],
        unique=False,
        schema="intake",
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
        postgresql_with={"fastupdate": "on", "gin_pending_list_limit": "32768"},
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["agency_id"], ["intake.agencies.id"], name=op.f("fk_users_agency_id_agencies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
        schema="intake",
    )
    op.create_index(op.f("ix_users_agency_id"), "users", ["agency_id"], unique=False, schema="intake")
    op.create_table(
        "assignments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("complaint_id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("forwarded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["agency_id"], ["intake.agencies.id"], name=op.f("fk_assignments_agency_id_agencies")),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["intake.complaints.id"], name=op.f("fk_assignments_complaint_id_complaints")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignments")),
        schema="intake",
    )
    op.create_index(op.f("ix_assignments_complaint_id"), "assignments", ["complaint_id"], unique=False, schema="intake")
    op.create_table(
        "attachments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("complaint_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=200), nullable=False),
        sa.Column("uploaded_by", sa.String(length=80), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["intake.complaints.id"], name=op.f("fk_attachments_complaint_id_complaints")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
        schema="intake",
    )
    op.create_index(op.f("ix_attachments_complaint_id"), "attachments", ["complaint_id"], unique=False, schema="intake")
    op.create_table(
        "complainants",
        sa.Column("complaint_id", sa.Uuid(), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("phone_digits", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("name_search", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["intake.complaints.id"], name=op.f("fk_complainants_complaint_id_complaints")
        ),
        sa.PrimaryKeyConstraint("complaint_id", name=op.f("pk_complainants")),
        schema="intake",
    )
    op.create_index(
        "ix_complainants_name_search_trgm",
        "complainants",
        ["name_search"],
        unique=False,
        schema="intake",
        postgresql_using="gin",
        postgresql_ops={"name_search": "gin_trgm_ops"},
    )
    op.create_index(
        op.f("ix_complainants_phone_digits"), "complainants", ["phone_digits"], unique=False, schema="intake"
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("complaint_id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("imported", sa.Boolean(), nullable=False),
        sa.Column(
            "tx", sa.BigInteger(), server_default=sa.text("(pg_current_xact_id())::text::bigint"), nullable=False
        ),
        sa.ForeignKeyConstraint(["agency_id"], ["intake.agencies.id"], name=op.f("fk_events_agency_id_agencies")),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["intake.complaints.id"], name=op.f("fk_events_complaint_id_complaints")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        schema="intake",
    )
    op.create_index(
        "ix_events_complaint_id_recorded_at", "events", ["complaint_id", "recorded_at"], unique=False, schema="intake"
    )
    op.create_index("ix_events_tx_id", "events", ["tx", "id"], unique=False, schema="intake")
    op.create_table(
        "survey_responses",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("template_id", sa.Uuid(), nullable=False),
        sa.Column("complaint_id", sa.Uuid(), nullable=True),
        sa.Column("agency_id", sa.Uuid(), nullable=True),
        sa.Column("channel_id", sa.Uuid(), nullable=True),
        sa.Column("complainant_group_id", sa.Uuid(), nullable=True),
        sa.Column("topic", sa.Text(), nullable=True),
        sa.Column("gender", sa.String(length=16), nullable=True),
        sa.Column("age_band", sa.String(length=16), nullable=True),
        sa.Column("education", sa.String(length=32), nullable=True),
        sa.Column("occupation", sa.String(length=32), nullable=True),
        sa.Column("suggestion", sa.Text(), nullable=True),
        sa.Column("extra", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("submitted_by", sa.String(length=80), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["intake.agencies.id"], name=op.f("fk_survey_responses_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["channel_id"], ["intake.channels.id"], name=op.f("fk_survey_responses_channel_id_channels")
        ),
        sa.ForeignKeyConstraint(
            ["complainant_group_id"],
            ["intake.complainant_groups.id"],
            name=op.f("fk_survey_responses_complainant_group_id_complainant_groups"),
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["intake.complaints.id"], name=op.f("fk_survey_responses_complaint_id_complaints")
        ),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["intake.survey_templates.id"],
            name=op.f("fk_survey_responses_template_id_survey_templates"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_responses")),
        schema="intake",
    )
    op.create_index(
        op.f("ix_survey_responses_agency_id"), "survey_responses", ["agency_id"], unique=False, schema="intake"
    )
    op.create_index(
        op.f("ix_survey_responses_complaint_id"), "survey_responses", ["complaint_id"], unique=False, schema="intake"
    )
    op.create_index(
        op.f("ix_survey_responses_submitted_at"), "survey_responses", ["submitted_at"], unique=False, schema="intake"
    )
    op.create_index(
        op.f("ix_survey_responses_template_id"), "survey_responses", ["template_id"], unique=False, schema="intake"
    )
    op.create_index(
        "uq_survey_responses_public_link",
        "survey_responses",
        ["complaint_id"],
        unique=True,
        schema="intake",
        postgresql_where=sa.text("source = 'public_link'"),
    )
    op.create_table(
        "survey_answers",
        sa.Column("response_id", sa.Uuid(), nullable=False),
        sa.Column("item_code", sa.String(length=40), nullable=False),
        sa.Column("dimension_code", sa.String(length=40), nullable=False),
        sa.Column("value", sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["response_id"], ["intake.survey_responses.id"], name=op.f("fk_survey_answers_response_id_survey_responses")
        ),
        sa.PrimaryKeyConstraint("response_id", "item_code", name=op.f("pk_survey_answers")),
        schema="intake",
    )

    # The stream's numbering starts empty: nothing numbered, cursor before every event.
    op.execute(
        "INSERT INTO intake.sequencer_state (id, last_seq, cursor_tx, cursor_event_id) "
        "VALUES (1, 0, 0, '00000000-0000-0000-0000-000000000000')"
    )


def downgrade() -> None:
    # Ticket-number sequences are created on first use (complaints/tickets.py): drop them too.
    op.execute(
        """
        DO $$
        DECLARE name text;
        BEGIN
            FOR name IN SELECT sequencename FROM pg_sequences
                        WHERE schemaname = 'intake' AND sequencename LIKE 'ticket\\_%'
            LOOP
                EXECUTE format('DROP SEQUENCE intake.%I', name);
            END LOOP;
        END $$
        """
    )
    op.drop_table("survey_answers", schema="intake")
    op.drop_index(
        "uq_survey_responses_public_link",
        table_name="survey_responses",
        schema="intake",
        postgresql_where=sa.text("source = 'public_link'"),
    )
    op.drop_index(op.f("ix_survey_responses_template_id"), table_name="survey_responses", schema="intake")
    op.drop_index(op.f("ix_survey_responses_submitted_at"), table_name="survey_responses", schema="intake")
    op.drop_index(op.f("ix_survey_responses_complaint_id"), table_name="survey_responses", schema="intake")
    op.drop_index(op.f("ix_survey_responses_agency_id"), table_name="survey_responses", schema="intake")
    op.drop_table("survey_responses", schema="intake")
    op.drop_index("ix_events_tx_id", table_name="events", schema="intake")
    op.drop_index("ix_events_complaint_id_recorded_at", table_name="events", schema="intake")
    op.drop_table("events", schema="intake")
    op.drop_index(op.f("ix_complainants_phone_digits"), table_name="complainants", schema="intake")
    op.drop_index(
        "ix_complainants_name_search_trgm",
        table_name="complainants",
        schema="intake",
        postgresql_using="gin",
        postgresql_ops={"name_search": "gin_trgm_ops"},
    )
    op.drop_table("complainants", schema="intake")
    op.drop_index(op.f("ix_attachments_complaint_id"), table_name="attachments", schema="intake")
    op.drop_table("attachments", schema="intake")
    op.drop_index(op.f("ix_assignments_complaint_id"), table_name="assignments", schema="intake")
    op.drop_table("assignments", schema="intake")
    op.drop_index(op.f("ix_users_agency_id"), table_name="users", schema="intake")
    op.drop_table("users", schema="intake")
    op.drop_index(
        "ix_complaints_search_text_trgm",
        table_name="complaints",
        schema="intake",
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
        postgresql_with={"fastupdate": "on", "gin_pending_list_limit": "32768"},
    )
    op.drop_index("ix_complaints_received_at_id", table_name="complaints", schema="intake")
    op.drop_index(
        "ix_complaints_open_title_no_point",
        table_name="complaints",
        schema="intake",
        postgresql_using="gist",
        postgresql_ops={"title_key": "gist_trgm_ops"},
        postgresql_where=sa.text("status IN ('received', 'forwarded', 'in_progress') AND lat IS NULL"),
    )
    op.drop_index(
        "ix_complaints_open_point",
        table_name="complaints",
        schema="intake",
        postgresql_using="gist",
        postgresql_ops={"title_key": "gist_trgm_ops"},
        postgresql_where=sa.text("status IN ('received', 'forwarded', 'in_progress') AND lat IS NOT NULL"),
    )
    op.drop_index("ix_complaints_agency_ids", table_name="complaints", schema="intake", postgresql_using="gin")
    op.drop_table("complaints", schema="intake")
    op.drop_index(op.f("ix_api_keys_agency_id"), table_name="api_keys", schema="intake")
    op.drop_table("api_keys", schema="intake")
    op.drop_table("survey_templates", schema="intake")
    op.drop_table("sequencer_state", schema="intake")
    op.drop_index(op.f("ix_idempotency_keys_created_at"), table_name="idempotency_keys", schema="intake")
    op.drop_table("idempotency_keys", schema="intake")
    op.drop_table("event_log", schema="intake")
    op.drop_table("complainant_groups", schema="intake")
    op.drop_table("channels", schema="intake")
    op.drop_table("categories", schema="intake")
    op.drop_index(op.f("ix_audit_log_subject_id"), table_name="audit_log", schema="intake")
    op.drop_index(op.f("ix_audit_log_at"), table_name="audit_log", schema="intake")
    op.drop_index(op.f("ix_audit_log_actor"), table_name="audit_log", schema="intake")
    op.drop_table("audit_log", schema="intake")
    op.drop_index(op.f("ix_agencies_path"), table_name="agencies", schema="intake")
    op.drop_index(op.f("ix_agencies_parent_id"), table_name="agencies", schema="intake")
    op.drop_table("agencies", schema="intake")
