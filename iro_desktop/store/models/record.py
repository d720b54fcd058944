"""The conference record: lifecycle state, discussion summary, distribution list and locked versions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from iro_desktop.store.models.audience import AudienceColumns
from iro_desktop.store.models.base import Base, IdMixin, VersionedMixin, utcnow


class RecordRow(IdMixin, Base):
    __tablename__ = "records"

    conference_id: Mapped[str] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), unique=True)
    state: Mapped[str] = mapped_column(String(24), default="in_meeting")
    approved_by: Mapped[str] = mapped_column(String(120), default="")
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Why an approval in an imported file was not accepted (shown on the record until it is approved).
    approval_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    sections: Mapped[list[RecordSectionRow]] = relationship(
        cascade="all, delete-orphan", order_by="RecordSectionRow.sort_order"
    )
    recipients: Mapped[list[RecipientRow]] = relationship(
        cascade="all, delete-orphan", order_by="RecipientRow.sort_order"
    )
    versions: Mapped[list[RecordVersionRow]] = relationship(
        cascade="all, delete-orphan", order_by="RecordVersionRow.number"
    )


class RecordSectionRow(IdMixin, AudienceColumns, VersionedMixin, Base):
    __tablename__ = "record_sections"
    __table_args__ = (UniqueConstraint("record_id", "key", "agency"),)

    record_id: Mapped[str] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(24))
    agency: Mapped[str] = mapped_column(String(120), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class RecipientRow(IdMixin, Base):
    __tablename__ = "record_recipients"

    record_id: Mapped[str] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(120), default="")
    method: Mapped[str] = mapped_column(String(16), default="secure_email")
    sent_on: Mapped[date | None] = mapped_column(Date)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # Issue 18: who they are as a reader (one of the conference's people, or typed by name) and so which
    # copy they get; the second person's sign-off of their copy's check, valid for the flags it covered.
    person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), index=True)
    audience: Mapped[str] = mapped_column(String(16), default="professional", server_default="professional")
    signed_off_by: Mapped[str] = mapped_column(String(120), default="", server_default="")
    signed_off_flags: Mapped[str] = mapped_column(String(64), default="", server_default="")


class RecordVersionRow(IdMixin, Base):
    """A locked version: the first is the approval, later ones are amendments. Never changed.

    `content_hash` is the fingerprint declared by `snapshot_version` (domain.lock); the signer's Ed25519
    signature covers it with the conference, the number and who signed when (domain.lock.SignedVersion).
    """

    __tablename__ = "record_versions"
    __table_args__ = (UniqueConstraint("record_id", "number"),)

    record_id: Mapped[str] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    author: Mapped[str] = mapped_column(String(120))
    reason: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(64))
    snapshot_json: Mapped[str] = mapped_column(Text)
    snapshot_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    signer_id: Mapped[str] = mapped_column(String(36), default="", server_default="")
    signer_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    signer_public_key: Mapped[str] = mapped_column(String(64), default="", server_default="")
    signed_at: Mapped[str] = mapped_column(String(40), default="", server_default="")
    signature: Mapped[str] = mapped_column(String(128), default="", server_default="")
