"""The meeting page's agenda panel counts the open decisions of the series' earlier meetings
that are followed (跟踪上次议定事项): not done, minutes published (or none), earlier meetings,
same series."""

from datetime import date

from hub.actions.models import ActionItem, ActionStatus
from hub.agenda import services
from hub.extensions import db
from hub.meetings.models import Minutes, MinutesStatus
from tests.agenda.factories import occurrence_on

SEP8 = date(2026, 9, 8)


def _items(meeting, owner, *statuses):
    db.session.add_all([ActionItem(meeting_id=meeting.id, text=f"{meeting.id}-{n}",
                                   owner_park_id=owner.id, status=status)
                        for n, status in enumerate(statuses)])


def test_panel_counts_only_followed_open_items_of_earlier_meetings(client, login, world,
                                                                   make_series, clock):
    series = make_series(start_date=date(2026, 6, 1))
    june, july, august = (occurrence_on(series, date(2026, 6, 9)),
                          occurrence_on(series, date(2026, 7, 14)),
                          occurrence_on(series, date(2026, 8, 11)))
    meeting, october = occurrence_on(series, SEP8), occurrence_on(series, date(2026, 10, 13))
    other = occurrence_on(make_series(title="另一个系列"), date(2026, 7, 14))
    db.session.add_all([Minutes(meeting_id=july.id, status=MinutesStatus.PUBLISHED),
                        Minutes(meeting_id=august.id, status=MinutesStatus.DRAFT)])
    _items(june, world.liling, ActionStatus.IN_PROGRESS)  # no minutes: followed
    _items(july, world.jkq, ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS,
           ActionStatus.DONE)
    _items(august, world.jkq, ActionStatus.NOT_STARTED)  # minutes still a draft
    _items(october, world.jkq, ActionStatus.NOT_STARTED)  # later
    _items(other, world.jkq, ActionStatus.NOT_STARTED)  # another series
    db.session.commit()

    login(world.liling_user)
    text = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    panel = text.split('data-testid="agenda-panel"')[1].split("</section>")[0]
    assert "3 项以往议定事项待跟踪" in panel
    assert services.tracked_count(meeting) == len(services.tracked_items(meeting)) == 3
    # July sees June's item only; June has nothing earlier
    assert services.tracked_count(july) == 1 and services.tracked_count(june) == 0
    panel = client.get(f"/meetings/{june.id}").get_data(as_text=True) \
        .split('data-testid="agenda-panel"')[1].split("</section>")[0]
    assert "以往议定事项待跟踪" not in panel
