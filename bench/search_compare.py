"""Dump what search returns — the grouped page as hub.search.views asks for it and every kind's
pages (offsets 0, 20 and past the end) — for many terms and users, one JSON line per search, so
that two versions of the code can be compared byte for byte on the same database:

    DATABASE_URL=postgresql://postgres@127.0.0.1/parkhub_x_10 \\
        .venv/bin/python bench/search_compare.py /tmp/before.jsonl   # in the old worktree
    ... /tmp/after.jsonl                                              # in the new one
    cmp /tmp/before.jsonl /tmp/after.jsonl

Each line: ids, order, totals, "+" flags, titles, snippets, park, date, status, deleted, links.
Users: the admin, three staff accounts and two park admins of the generated data."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HUB_SCHEDULER", "off")

import sqlalchemy as sa

from hub import create_app
from hub.auth.models import Role, User
from hub.extensions import db
from hub.search import services

# common and rare, 1–4 characters, Chinese, Latin, digits, several terms, LIKE's own characters
TERMS = ["新能源", "数控技师", "泰山路", "恒鑫光电", "人才公寓 英雄榜", "龘龘", "xq", "AI 新能源",
         "补助", "量子计算", "英雄榜", "陶瓷", "新能源 补助", "专题会", "园区办 新能源", "ZZ2025",
         "园区", "会议", "督办", "推进", "落实", "人才", "土地", "企业", "AI", "ai 园区", "Park",
         "2025", "25", "的", "园", "补助 资金", "项目 推进 落实", "整改", "审批", "申报", "用地",
         "%", "a_b", "闲置", "纪要", "专项资金", "高新技术企业", "xyzzy", "协调", "会",
         # Latin terms of 1–2 characters, each case (windowed: case variants or a regular
         # expression), alone and beside other terms
         "5G", "5g", "G", "g", "x", "X", "Ai", "aI", "A4", "a4", "ZZ", "zZ", "Z 园区", "园 x",
         "G 新能源", "q5 补助", "k", "Q", "zz 园区", "Ai 园区", "q 补助", "%a", "a\\", "Park 园",
         "ZZGX 园"]
GROUPED = {"limit": 5, "max_matches": 50}  # hub.search.views: PER_GROUP, GROUPED_MATCHES


def _record(label: str, results) -> str:
    groups = [{"kind": g.kind, "total": g.total, "capped": g.capped, "hits": [
        [h.kind, h.id, str(h.title), str(h.snippet), h.park,
         h.date.isoformat() if h.date else None, h.status, h.deleted, h.endpoint, h.url_args]
        for h in g.hits]} for g in results.groups]
    return json.dumps({"case": label, "terms": results.terms, "groups": groups},
                      ensure_ascii=False, sort_keys=True)


def main() -> None:
    app = create_app({"RATELIMIT_ENABLED": False})
    with app.app_context():
        admin = db.session.scalar(sa.select(User.username).where(User.role == Role.ADMIN)
                                  .order_by(User.id).limit(1))
        staff = db.session.scalars(sa.select(User.username).where(User.role == Role.STAFF)
                                   .order_by(User.id)).all()
        park_admins = db.session.scalars(sa.select(User.username)
                                         .where(User.role == Role.PARK_ADMIN)
                                         .order_by(User.id)).all()
    names = [admin, staff[0], staff[len(staff) // 2], staff[-1], park_admins[0], park_admins[-1]]
    searches = 0
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for name in names:
            for term in TERMS:
                with app.app_context():
                    user = db.session.scalar(sa.select(User).where(User.username == name))
                    out.write(_record(f"{name}|{term}|grouped",
                                      services.search(user, term, **GROUPED)) + "\n")
                    for kind in services.KINDS:
                        for offset in (0, 20, 600):
                            out.write(_record(f"{name}|{term}|{kind}|{offset}", services.search(
                                user, term, kinds=[kind], limit=20, offset=offset)) + "\n")
                    searches += 1 + 3 * len(services.KINDS)
    print(f"{len(names)} users × {len(TERMS)} terms: {searches} searches", file=sys.stderr)


if __name__ == "__main__":
    main()
