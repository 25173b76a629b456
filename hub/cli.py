"""`flask --app wsgi hub …`: operator commands. Each calls a service and prints the result."""

import click
from flask import current_app
from flask.cli import AppGroup

from hub.auth.models import Role, User
from hub.auth.services import MIN_PASSWORD_LENGTH, normalize_username
from hub.extensions import db
from hub.parks.models import Park, ParkKind

hub_cli = AppGroup("hub", help="Park Hub operator commands.")

ROLE_NAMES = {Role.ADMIN: "平台管理员 admin", Role.PARK_ADMIN: "园区管理员 park admin",
              Role.STAFF: "园区工作人员 staff"}


@hub_cli.command("create-admin")
@click.argument("name")
@click.option("--password", help="Password; asked for when not given.")
@click.option(
    "--park", "park_short", help="Short name of the admin's park (default: the zone office)."
)
def create_admin(name: str, password: str | None, park_short: str | None) -> None:
    """Create a platform admin account NAME."""
    username = normalize_username(name)
    if db.session.execute(db.select(User).where(User.username == username)).first():
        raise click.ClickException(f"account {username!r} exists already")
    if park_short:
        park = db.session.execute(
            db.select(Park).where(Park.short_name == park_short)
        ).scalar_one_or_none()
        if park is None:
            raise click.ClickException(f"no park with short name {park_short!r}")
    else:
        from hub.seed import ensure_park

        park = db.session.execute(
            db.select(Park).where(Park.kind == ParkKind.ZONE).order_by(Park.id)
        ).scalars().first() or ensure_park("株洲市园区办", "园区办", ParkKind.ZONE)
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise click.ClickException(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    user = User(username=username, display_name=name, park=park, role=Role.ADMIN)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    click.echo(f"admin {username} created in {park.name}")


@hub_cli.command("seed-demo")
@click.option("--password", default=None, help="Password of the demo accounts.")
def seed_demo_command(password: str | None) -> None:
    """Add the demo parks, accounts and content (safe to run again)."""
    from hub.seed import DEFAULT_DEMO_PASSWORD, seed_demo

    accounts = seed_demo(password or DEFAULT_DEMO_PASSWORD)
    rows = [(a.username, a.park, ROLE_NAMES[a.role], a.password or "(unchanged / 未更改)")
            for a in accounts]
    widths = [max(_width(r[i]) for r in [*rows, ("username", "park", "role", "password")])
              for i in range(4)]
    click.echo("Demo accounts / 演示账号  (" + current_app.config["SQLALCHEMY_DATABASE_URI"]
               .split("@")[-1] + ")")
    for row in [("username", "park", "role", "password"), *rows]:
        click.echo("  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)))


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


@hub_cli.command("extend-horizon")
def extend_horizon_command() -> None:
    """Create the occurrences of every active meeting series up to 12 months ahead."""
    from hub.meetings.services import extend_horizons, local_today
    from hub.timeutil import utcnow

    created = extend_horizons(local_today(utcnow()))
    click.echo(f"{created} meeting(s) created")
