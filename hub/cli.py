"""`flask --app wsgi hub …`: operator commands. Each calls a service and prints the result."""

import click
from flask import current_app
from flask.cli import AppGroup

from hub.admin import services as admin
from hub.auth.models import Role
from hub.auth.services import MIN_PASSWORD_LENGTH, normalize_username
from hub.extensions import db
from hub.timeutil import local_today

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
    """Create a platform admin account NAME (audited like the admin pages, with no actor)."""
    if admin.username_taken(name):
        raise click.ClickException(f"account {normalize_username(name)!r} exists already")
    try:
        park = admin.home_park_of_new_admin(None, park_short)
    except admin.AdminError as e:
        raise click.ClickException(f"no park with short name {park_short!r}") from e
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise click.ClickException(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    user, _ = admin.create_account(None, {"username": name, "display_name": name,
                                          "park_id": park.id, "role": Role.ADMIN}, password)
    db.session.commit()
    click.echo(f"admin {user.username} created in {park.name}")


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
    """Re-plan meetings if holiday data changed, then create the occurrences of every active
    meeting series up to 12 months ahead (what the scheduler's daily job does)."""
    from hub.holidays import replan
    from hub.meetings.services import extend_horizons
    from hub.timeutil import utcnow

    moved = replan.daily(local_today(utcnow()))
    created = extend_horizons(local_today(utcnow()))
    click.echo(f"{len(moved)} meeting(s) re-planned for holidays, {created} meeting(s) created")


@hub_cli.command("generate-data")
@click.option("--scale", default=1, show_default=True, type=click.IntRange(1, 100),
              help="1 ≈ 10k notices, 5k cases, 10k talent listings, 20k action items.")
@click.option("--seed", default=2026, show_default=True, help="Same seed, same data.")
@click.option("--password", default=None, help="Password of every generated account.")
def generate_data_command(scale: int, seed: int, password: str | None) -> None:
    """Add deterministic synthetic load data (refuses when generated data is present)."""
    from bench.data.generate import DEFAULT_PASSWORD, AlreadyGenerated, generate  # repo root

    password = password or DEFAULT_PASSWORD
    click.echo(f"Generating scale {scale} (seed {seed}) into "
               + current_app.config["SQLALCHEMY_DATABASE_URI"].split("@")[-1])
    try:
        world = generate(scale=scale, seed=seed, password=password)
    except AlreadyGenerated as e:
        raise click.ClickException(f"{e}; use a fresh database") from e
    click.echo(f"Accounts (password {password}):")
    for username, park, role in world.accounts:
        click.echo(f"  {username:<16} {role:<10} {park}")


@hub_cli.command("recount-tallies")
def recount_tallies_command() -> None:
    """Recount the dashboard's and lists' running tallies from the source tables, and give each
    action item its meeting's series again (after loading data with triggers off, or to repair
    drift); prints how many keys and items it corrected."""
    from hub.actions.services import repair_series_copies
    from hub.dashboard.recount import recount

    result = recount()
    items = repair_series_copies()
    db.session.commit()
    click.echo(f"tally recounted: {result.keys} keys, {result.changed} corrected; "
               f"series of {items} action items corrected")


@hub_cli.command("scheduler")
def scheduler_command() -> None:
    """Run the reminder scheduler in this process (production); stops on SIGTERM / Ctrl-C."""
    from hub.notify import scheduler

    scheduler.run_blocking(current_app._get_current_object())


@hub_cli.command("send-due")
def send_due_command() -> None:
    """Send what is due now: one scheduler tick (for cron and tests)."""
    from hub.notify import scheduler

    result = scheduler.tick_once(current_app._get_current_object(), "cli")
    if result is None:
        click.echo("tick failed; see the log and the scheduler page", err=True)
        return
    click.echo(f"produced {result.produced}, sent {result.sent}, failed {result.failed}, "
               f"skipped {result.skipped}")
