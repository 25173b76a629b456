"""Add an audit log to a generated database, as the app would have written it (issue 16).

    DATABASE_URL=postgresql://postgres@127.0.0.1/parkhub_COPY HUB_SCHEDULER=off \\
        .venv/bin/python bench/audit_fill.py [--per-kind 50000]

`hub generate-data` writes its rows in bulk, past the services, so its databases have no audit
log, while a real one holds an entry for every change. This adds, for the newest `--per-kind`
land cases, notices and talent listings: their "create" entry with the fields their services
log (values through hub.audit's own cleaning), the cases' status changes (from their timeline)
and the notices' "publish" entries, each at the time, by the actor and for the park the rows say.
Run it on a copy (`createdb -T parkhub_gen10 …`), not on the shared database; it refuses to run
twice. Deterministic: the same database gives the same entries.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from bench.data.bulk import Bulk
from hub import create_app
from hub.audit.models import AuditEntry
from hub.audit.services import clean_changes
from hub.extensions import db
from hub.land import services as land_services
from hub.land.models import CaseEvent, LandCase
from hub.notices import services as notice_services
from hub.notices.models import Notice, NoticeStatus
from hub.talent import services as talent_services
from hub.talent.models import TalentListing

IP = "10.20.1.17"


def _created(model, fields, actor_attr: str, per_kind: int, summary, extra=None):
    """(created_at, entry) of a "create" entry for each of the newest `per_kind` rows;
    `summary(row)`: the row's str(), as audit.record logs it."""
    table = model.__table__
    columns = [table.c[f] for f in dict.fromkeys(("id", "created_at", actor_attr, "park_id",
                                                   *fields, *(extra or ())))]
    stmt = select(*columns).order_by(table.c.id.desc()).limit(per_kind)
    for row in db.session.execute(stmt).mappings():
        changes = {f: [None, row[f]] for f in fields}
        for f in extra or ():
            changes[f] = [None, row[f]]
        yield row["created_at"], {
            "actor_id": row[actor_attr], "park_id": row["park_id"], "action": "create",
            "object_type": table.name, "object_id": row["id"], "changes": changes,
            "summary": summary(row)[:255],
        }


def _case_summary(row) -> str:
    return f"{row['parcel_code']} {row['location']}".strip()


def _title(row) -> str:
    return row["title"]


def _case_transitions(per_kind: int):
    newest = select(LandCase.id).order_by(LandCase.id.desc()).limit(per_kind).subquery()
    stmt = (select(CaseEvent.case_id, CaseEvent.actor_id, CaseEvent.created_at,
                   CaseEvent.from_status, CaseEvent.to_status, LandCase.park_id,
                   LandCase.parcel_code, LandCase.location)
            .join(LandCase, LandCase.id == CaseEvent.case_id)
            .where(CaseEvent.case_id.in_(select(newest.c.id)), CaseEvent.kind == "transition")
            .order_by(CaseEvent.id))
    for case_id, actor, when, before, after, park_id, code, where in db.session.execute(stmt):
        yield when, {"actor_id": actor, "park_id": park_id, "action": "transition",
                     "object_type": "land_case", "object_id": case_id,
                     "changes": {"status": [before, after]},
                     "summary": f"{code} {where}".strip()[:255]}


def _publications(per_kind: int):
    stmt = (select(Notice.id, Notice.published_at, Notice.published_by_id, Notice.park_id,
                   Notice.title)
            .where(Notice.published_at.is_not(None))
            .order_by(Notice.id.desc()).limit(per_kind))
    for notice_id, when, actor, park_id, title in db.session.execute(stmt):
        yield when, {"actor_id": actor, "park_id": park_id, "action": "publish",
                     "object_type": "notice", "object_id": notice_id,
                     "changes": {"status": [NoticeStatus.DRAFT, NoticeStatus.PUBLISHED],
                                 "published_at": [None, when]},
                     "summary": title[:255]}


def fill(per_kind: int) -> int:
    if db.session.execute(select(func.count()).select_from(AuditEntry)).scalar_one() > 100:
        raise SystemExit("this database has an audit log already")
    found = [
        *_created(LandCase, land_services.FIELDS, "created_by_id", per_kind, _case_summary,
                  extra=("status",)),
        *_case_transitions(per_kind),
        *_created(Notice, notice_services.EDIT_FIELDS, "author_id", per_kind, _title),
        *_publications(per_kind),
        *_created(TalentListing, talent_services.FIELDS, "created_by_id", per_kind, _title),
    ]
    found.sort(key=lambda pair: (pair[0], pair[1]["object_type"], pair[1]["object_id"]))
    bulk = Bulk()
    ids = bulk.ids(AuditEntry.__table__, len(found))
    bulk.insert(AuditEntry.__table__, (
        {"id": entry_id, "created_at": when, "ip": IP,
         **{**entry, "changes": clean_changes(entry["changes"])}}
        for entry_id, (when, entry) in zip(ids, found, strict=True)))
    bulk.fix_sequences()
    db.session.commit()
    bulk.analyze()
    return len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-kind", type=int, default=50_000)
    args = parser.parse_args()
    app = create_app()
    with app.app_context():
        print(f"{fill(args.per_kind):,} audit entries")


if __name__ == "__main__":
    main()
