"""Who may do what (SPEC §8). One place, so every endpoint asks the same questions."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from intake.complaints.lifecycle import OWN_PART_EVENTS, EventType
from intake.reference import ReferenceData
from kit.auth import Principal, PrincipalKind, Role
from kit.errors import AppError, forbidden


class Scope(StrEnum):
    """What an integration's API key may do."""

    COMPLAINTS_READ = "complaints:read"
    COMPLAINTS_WRITE = "complaints:write"
    EVENTS_WRITE = "events:write"
    ATTACHMENTS_WRITE = "attachments:write"
    SURVEYS_WRITE = "surveys:write"
    CONTACT_READ = "contact:read"


_CREATORS = (Role.FRONT_DESK, Role.AGENCY_OFFICER, Role.SUPERVISOR, Role.ADMINISTRATOR)
_EVENT_WRITERS = _CREATORS
# Contact data of complainants: the people who talk to them (SPEC §8). Auditors and
# administrators do their work without it.
_CONTACT_READERS = (Role.FRONT_DESK, Role.AGENCY_OFFICER, Role.SUPERVISOR)


def not_found_complaint() -> AppError:
    return AppError(404, "complaint.not_found", "ไม่พบเรื่องร้องเรียน", "Complaint not found")


@dataclass(frozen=True)
class Access:
    principal: Principal
    ref: ReferenceData

    @property
    def sees_everything(self) -> bool:
        return self.principal.is_admin or self.principal.is_service

    def visible_agencies(self) -> frozenset[uuid.UUID] | None:
        """The agencies whose complaints the caller sees: its own and those below; None = all."""
        if self.sees_everything:
            return None
        agency_id = self.principal.agency_id
        if agency_id is None:
            return frozenset()
        agency = self.ref.agencies.get(agency_id)
        if agency is not None and agency.parent_id is None:
            return None  # the top of the tree (the central office) sees every complaint
        return self.ref.subtree(agency_id)

    def can_see(self, agency_ids: Iterable[uuid.UUID]) -> bool:
        visible = self.visible_agencies()
        return visible is None or not visible.isdisjoint(agency_ids)

    def require_visible(self, agency_ids: Iterable[uuid.UUID]) -> None:
        # 404, not 403: another agency's complaint does not exist for this caller.
        if not self.can_see(agency_ids):
            raise not_found_complaint()

    def within_own_agency(self, agency_id: uuid.UUID) -> bool:
        visible = self.visible_agencies()
        return visible is None or agency_id in visible

    def _allowed(self, roles: tuple[Role, ...], scope: Scope) -> bool:
        p = self.principal
        if p.kind is PrincipalKind.USER:
            return p.role in roles
        if p.kind is PrincipalKind.API_KEY:
            return scope in p.scopes
        return False

    def require_create_complaints(self) -> None:
        if not self._allowed(_CREATORS, Scope.COMPLAINTS_WRITE):
            raise forbidden("คุณไม่มีสิทธิ์บันทึกเรื่องร้องเรียน", "You may not create complaints")

    def require_read_complaints(self) -> None:
        p = self.principal
        if p.kind is PrincipalKind.API_KEY and not (
            Scope.COMPLAINTS_READ in p.scopes or Scope.COMPLAINTS_WRITE in p.scopes
        ):
            raise forbidden("API key นี้ไม่มีสิทธิ์อ่านเรื่องร้องเรียน", "This API key may not read complaints")

    @property
    def writes_events(self) -> bool:
        return self._allowed(_EVENT_WRITERS, Scope.EVENTS_WRITE)

    @property
    def uploads(self) -> bool:
        return self._allowed(_EVENT_WRITERS, Scope.ATTACHMENTS_WRITE)

    def require_write_events(self) -> None:
        if not self.writes_events:
            raise forbidden("คุณไม่มีสิทธิ์บันทึกความคืบหน้าของเรื่อง", "You may not record events on complaints")

    def require_upload(self) -> None:
        if not self.uploads:
            raise forbidden("คุณไม่มีสิทธิ์แนบไฟล์", "You may not attach files")

    def acts_for(self, event_type: EventType, acting_agency: uuid.UUID | None) -> bool:
        """Whether the caller may record ``event_type`` acting for ``acting_agency`` (the agency the
        state machine says it acts on): an agency's own part only by that agency or one above it."""
        return event_type not in OWN_PART_EVENTS or acting_agency is None or self.within_own_agency(acting_agency)

    def require_acts_for(self, event_type: EventType, acting_agency: uuid.UUID | None) -> None:
        if not self.acts_for(event_type, acting_agency):
            raise forbidden(
                "บันทึกได้เฉพาะเรื่องที่ส่งถึงหน่วยงานของคุณ",
                "Only the agency the complaint was forwarded to may record this",
            )

    def may_record(self, event_type: EventType, acting_agency: uuid.UUID | None) -> bool:
        """Whether the caller may record ``event_type`` acting for ``acting_agency`` through the API:
        evidence by uploading a file, ``received`` never (it is the complaint's creation)."""
        if event_type is EventType.RECEIVED:
            return False
        allowed = self.uploads if event_type is EventType.EVIDENCE_ATTACHED else self.writes_events
        return allowed and self.acts_for(event_type, acting_agency)

    def require_survey_entry(self) -> None:
        if not self._allowed(_CREATORS, Scope.SURVEYS_WRITE):
            raise forbidden("คุณไม่มีสิทธิ์บันทึกแบบสำรวจ", "You may not record survey responses")

    @property
    def reads_contact(self) -> bool:
        return self._allowed(_CONTACT_READERS, Scope.CONTACT_READ)

    def require_admin(self) -> None:
        if not self.principal.is_admin:
            raise forbidden("เฉพาะผู้ดูแลระบบเท่านั้น", "Administrators only")
