"""Helpers shared by the notices tests."""

from hub.extensions import db
from hub.notices.models import NoticeCategory


def category(name: str = "资金补助") -> NoticeCategory:
    return db.session.execute(
        db.select(NoticeCategory).where(NoticeCategory.name == name)).scalar_one()


def form_data(**overrides) -> dict:
    data = {"title": "新通知", "category_id": str(category().id), "body": "正文内容",
            "all_parks": "y"}
    data.update(overrides)
    return data
