"""meeting.holiday_facts: why a meeting's date changed, as facts rendered in the reader's language

Revision ID: i4_holiday_facts
Revises: j1_search_action_notes

A nullable JSON column (kind, holiday, ISO dates: hub.meetings.holiday_notes). Added with
ALTER TABLE (no batch: the meeting table has FTS triggers on SQLite, see i3_search_more).

Backfill: the rows with a holiday_note get their facts from the note text, which the planner
wrote in the site's language from one of four sentences (a stored meeting is never a skipped
one): "NAME（EN）：…" / "NAME (EN): …" names a holiday, its ISO dates are, in order, the rule
date, the new date and the day already held. A note that fits none stays without facts (its
stored text is shown, as before).
"""
import re
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'i4_holiday_facts'
down_revision = 'j1_search_action_notes'
branch_labels = None
depends_on = None

HOLIDAY = re.compile(r"^\s*([^（(：:]+?)\s*[（(][^）)]*[）)]\s*[：:]")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _local_date(value, tz: str) -> date:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(ZoneInfo(tz or "Asia/Shanghai")).date()


def facts_of(note: str, starts_at, tz: str) -> dict | None:
    """The facts a stored note says, or None when it says none we know."""
    match = HOLIDAY.match(note or "")
    dates = ISO_DATE.findall(note or "")
    if match is None:  # moved off a day another occurrence holds
        return {"kind": "clash_moved", "old": dates[0], "new": dates[1]} \
            if len(dates) >= 2 else None
    out = {"holiday": match.group(1)}
    if len(dates) >= 3:
        return out | {"kind": "moved_next_free", "old": dates[0], "new": dates[1],
                      "taken": dates[2]}
    if len(dates) == 2:
        return out | {"kind": "moved", "old": dates[0], "new": dates[1]}
    if not dates:
        day = _local_date(starts_at, tz).isoformat()
        return out | {"kind": "held", "old": day, "new": day}
    return None


def upgrade():
    op.add_column('meeting', sa.Column('holiday_facts', sa.JSON(), nullable=True))
    meeting = sa.table('meeting', sa.column('id', sa.Integer), sa.column('holiday_note'),
                       sa.column('starts_at'), sa.column('timezone'),
                       sa.column('holiday_facts', sa.JSON))
    bind = op.get_bind()
    rows = bind.execute(sa.select(meeting.c.id, meeting.c.holiday_note, meeting.c.starts_at,
                                  meeting.c.timezone).where(meeting.c.holiday_note != '')).all()
    for row in rows:
        data = facts_of(row.holiday_note, row.starts_at, row.timezone)
        if data is not None:
            bind.execute(meeting.update().where(meeting.c.id == row.id)
                         .values(holiday_facts=data))


def downgrade():
    op.drop_column('meeting', 'holiday_facts')
