"""Demo data (`flask --app wsgi hub seed-demo`): idempotent, keyed by short names and usernames.

Parks are those the source document names: the zone office, 株洲高新区 with 田心高科园,
and the other parks of the city. Later features add their demo content here.
"""

from dataclasses import dataclass

from hub.auth.models import Role, User
from hub.extensions import db
from hub.parks.models import Park, ParkKind
from hub.parks.queries import by_short_name

DEFAULT_DEMO_PASSWORD = "parkhub-demo"  # noqa: S105 - demo data, printed on purpose

# (code for usernames, name, short name, kind, contact person, phone)
DEMO_PARKS = [
    ("zone", "株洲市园区办", "园区办", ParkKind.ZONE, "杨帆", "0731-28681000"),
    ("gxq", "株洲高新区", "高新区", ParkKind.NATIONAL, "李明", "0731-28680001"),
    ("tianxin", "田心高科园", "田心", ParkKind.NATIONAL, "王芳", "0731-28680002"),
    ("jkq", "株洲经开区", "经开区", ParkKind.PROVINCIAL, "赵强", "0731-28680003"),
    ("liling", "醴陵经开区", "醴陵", ParkKind.PROVINCIAL, "刘洋", "0731-28680004"),
    ("chaling", "茶陵经开区", "茶陵", ParkKind.PROVINCIAL, "陈静", "0731-28680005"),
    ("lukou", "渌口经开区", "渌口", ParkKind.PROVINCIAL, "周伟", "0731-28680006"),
]

SURNAMES = "张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["建国", "丽华", "志强", "海燕", "文博", "晓东", "雪梅", "国栋", "春燕", "立新",
         "婷婷", "子涵", "俊杰", "欣怡", "浩然", "思远", "佳琪", "宇航", "梦琪", "振华", "秀英"]


@dataclass
class SeededAccount:
    username: str
    park: str
    role: Role
    password: str | None  # None: the account existed with another password, left as it was


def _person(index: int) -> str:
    return SURNAMES[index % len(SURNAMES)] + GIVEN[index % len(GIVEN)]


def ensure_park(name, short_name, kind, contact_person="", contact_phone="") -> Park:
    park = by_short_name(short_name)
    if park is None:
        park = Park(name=name, short_name=short_name, kind=kind,
                    contact_person=contact_person, contact_phone=contact_phone)
        db.session.add(park)
        db.session.flush()
    return park


def ensure_account(username, display_name, park, role, password) -> SeededAccount:
    user = db.session.execute(
        db.select(User).where(User.username == username)
    ).scalar_one_or_none()
    if user is None:
        user = User(username=username, display_name=display_name, park=park, role=role,
                    email=f"{username}@parkhub.example.com")
        user.set_password(password)
        db.session.add(user)
        shown = password
    else:
        shown = password if user.check_password(password) else None
    return SeededAccount(username, park.name, role, shown)


def seed_demo(password: str = DEFAULT_DEMO_PASSWORD) -> list[SeededAccount]:
    accounts: list[SeededAccount] = []
    person = 0
    for code, name, short, kind, contact, phone in DEMO_PARKS:
        park = ensure_park(name, short, kind, contact, phone)
        if code == "zone":
            accounts.append(ensure_account("admin", "园区办管理员", park, Role.ADMIN, password))
        accounts.append(
            ensure_account(f"{code}_admin", _person(person), park, Role.PARK_ADMIN, password)
        )
        person += 1
        for n in (1, 2):
            accounts.append(
                ensure_account(f"{code}_staff{n}", _person(person), park, Role.STAFF, password)
            )
            person += 1
    db.session.commit()
    seed_features()
    return accounts


def seed_features() -> None:
    """Each feature's declared demo seed (idempotent, commits), in installation order."""
    from flask import current_app

    from hub.features import installed

    for feature in installed(current_app):
        if feature.demo is not None:
            feature.demo()
