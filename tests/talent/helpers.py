"""Constants and form data of the talent tests."""

from datetime import date, timedelta

from hub.timeutil import local_today

PARK_A = "株洲高新区"
PARK_B = "醴陵经开区"


def today() -> date:
    return local_today()


def form_data(**overrides) -> dict:
    """A valid create/edit form."""
    data = {
        "kind": "demand",
        "title": "轨道交通装备电气工程师",
        "field": "轨道交通装备",
        "education": "bachelor",
        "headcount": "5",
        "enterprise": "某轨道交通装备有限公司",
        "contact_person": "李明",
        "contact_phone": "0731-28680011",
        "contact_email": "hr@example.test",
        "expires_on": (today() + timedelta(days=60)).isoformat(),
        "description": "负责牵引变流器电气设计与调试。",
    }
    data.update(overrides)
    return data


def list_table(html: str) -> str:
    """The listing table of /talent/ (not the flash messages or the filter form)."""
    start = html.index('data-testid="talent-list"')
    return html[start:html.index("</table>", start)]
