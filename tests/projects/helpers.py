from datetime import date
from decimal import Decimal

from hub.extensions import db
from hub.projects import services
from hub.projects.models import Project

PARK_A = "田心高科园"
PARK_B = "醴陵经开区"


def form_data(**overrides) -> dict:
    data = {"name": "轨道交通配套项目", "investor": "某轨道交通装备有限公司",
            "industry_chain": "轨道交通", "total_investment": "12000",
            "signed_on": "2026-08-05", "started_on": "", "completed_on": "", "producing_on": "",
            "contracted_capital": "10000", "paid_in_capital": "2000",
            "production_deadline": "2027-06-30", "committed_tax": "", "committed_output": "",
            "actual_tax": "", "actual_output": "", "notes": "保留我写的备注"}
    data.update(overrides)
    return data


def make_project(user, **overrides) -> Project:
    data = {"park_id": user.park_id, "name": "项目", "investor": "投资方", "industry_chain": "",
            "total_investment": Decimal("6000"), "signed_on": date(2026, 8, 3),
            "started_on": None, "completed_on": None, "producing_on": None,
            "contracted_capital": Decimal("0"), "paid_in_capital": Decimal("0"),
            "production_deadline": None, "committed_tax": Decimal("0"),
            "committed_output": Decimal("0"), "actual_tax": Decimal("0"),
            "actual_output": Decimal("0"), "notes": ""}
    data.update(overrides)
    project = services.create(user, data, today=date(2026, 12, 31))
    db.session.commit()
    return project


def projects() -> list[Project]:
    db.session.expire_all()
    return list(db.session.execute(db.select(Project)).scalars())
