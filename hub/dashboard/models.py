"""Running tallies of per-park figures (the dashboard's, the case list's totals and the talent
list's count), kept by database triggers: the one tally table.

One row per (topic, park, day, status): how many rows of the source table have that key, and
the sum of an amount over them. The triggers of migrations k1_dashboard_tally,
k2_notice_read_tally and k6_list_tally add a row's contribution on INSERT, take it away on
DELETE, and do both on an UPDATE of a counted column, inside the writing statement's
transaction. So the tallies follow every write, whether it comes from a service, a fixture, the
data generator or SQL typed by hand; the application never writes this table.
hub.dashboard.tally and hub.lists.tally read it; tests/dashboard/test_tally.py and
tests/lists/test_list_tally.py compare it with the aggregates recounted from the source tables
after changes through the services and through plain INSERT/UPDATE/DELETE.

Topics (the rules are in the migration; a change of a rule is a new migration). Dates are
counted twice, by month (day = the month's first day) and by day, so that "before today" reads
the months before this one and this month's days, a few hundred rows whatever the data:

- "action_month": action items by owner park; status "open" (every status but done) with day =
  the month of the due date, or "done"; done and undated open items have day = NO_DAY.
- "action_day": open action items with a due date, by owner park and due date.
- "case": land cases not deleted, by park and status (day = NO_DAY), hundredths = 亩 × 100.
- "case_due_month" / "case_due_day": land cases not deleted, not disposed, with a deadline,
  by park and the deadline's month / the deadline.
- "notice_to" (migration k2_notice_read_tally): live notices (published, not deleted) by UTC
  publication day; park 0 for those sent to all parks, else each audience park.
- "notice_read": per park and publication day, the live notices addressed to the park that
  someone of the park has read.
- "nlist_park" / "nlist_to" / "nlist_self" (migration k8_notice_list_tally): the notice
  list's visible notices per park and UTC day of the list's order key; hub.notices.deep reads
  them.
- "action_status" (migration l1_action_status_tally): every action item, followed or not, by
  owner park and status (the column's value), day = NO_DAY; hub.actions.ledger reads it.
- "talent_month" / "talent_day" (migration k6_list_tally): talent listings not deleted, by park,
  status and the month of the expiry date / the expiry date; each listing also under park 0
  (all parks). hub.lists.tally reads them.
- "resource" (migration l4_resource_tally): by park, day = NO_DAY, status "notice_" and the
  status of notices not deleted, "notice_deleted", "case_deleted", "talent_deleted" (deleted
  notices, land cases, talent listings); hub.resources.services reads it with "case",
  "case_due_*" and "talent_*".

Whether an action item is followed (its minutes published) is not in the tally: it changes for
all of a meeting's items at once. The readers subtract the items of unpublished minutes live.
Rows whose count fell to 0 stay (as many as distinct keys ever used).
"""

from datetime import date

from sqlalchemy import BigInteger, Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hub.extensions import db

NO_DAY = date(9999, 12, 31)  # "no date": undated items, topics without a day
OPEN, DONE = "open", "done"  # Tally.status of followed action items (see the topics above)


class Tally(db.Model):
    __tablename__ = "dashboard_tally"
    # one park's days of a topic as one index range (hub.notices.deep reads every day)
    __table_args__ = (Index("ix_dashboard_tally_park", "topic", "park_id", "day",
                            postgresql_include=["n"]),)

    # primary key in this order: one topic's days are one index range
    topic: Mapped[str] = mapped_column(String(16), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    park_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(32), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)
    hundredths: Mapped[int] = mapped_column(BigInteger)  # the amount × 100 (亩 of cases)
