"""A scheduler process for tests/notify/test_multi_scheduler_pg.py (not a test module).

Ticks like `flask --app wsgi hub scheduler` does (hub.notify.scheduler.tick_once, heartbeat
included) against HUB_PROC_DATABASE, mailing to 127.0.0.1:HUB_PROC_SMTP_PORT, until the outbox
holds nothing pending or sending, or HUB_PROC_SECONDS pass. Before the first tick it writes
<HUB_PROC_DIR>/<pid>.ready and waits for the file <HUB_PROC_DIR>/<HUB_PROC_GO or "go">, so the
test decides when each starts.
HUB_LEASE_SECONDS, HUB_SEND_BATCH and HUB_SENDERS come from the environment (small leases keep
the tests short).
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from hub import create_app
from hub.extensions import db
from hub.notify import scheduler
from hub.notify.models import Delivery, DeliveryState
from tests.notify.conftest import register_test_kinds


def main() -> None:
    folder = Path(os.environ["HUB_PROC_DIR"])
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "multi-scheduler-test",
        "SQLALCHEMY_DATABASE_URI": os.environ["HUB_PROC_DATABASE"],
        "HUB_SCHEDULER": "off",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": int(os.environ["HUB_PROC_SMTP_PORT"]),
        "MAIL_DEFAULT_SENDER": "parkhub@example.test",
        "HUB_LEASE_SECONDS": float(os.environ.get("HUB_LEASE_SECONDS", "30")),
        "HUB_SEND_BATCH": int(os.environ.get("HUB_SEND_BATCH", "100")),
    })
    app.instance_path = str(folder)
    register_test_kinds()
    (folder / f"{os.getpid()}.ready").touch()
    deadline = time.monotonic() + float(os.environ.get("HUB_PROC_SECONDS", "45"))
    go = folder / os.environ.get("HUB_PROC_GO", "go")
    while not go.exists():
        if time.monotonic() > deadline:
            sys.exit("never told to go")
        time.sleep(0.02)
    with app.app_context():
        while time.monotonic() < deadline:
            scheduler.tick_once(app, "process")
            open_rows = db.session.execute(
                db.select(db.func.count(Delivery.id)).where(
                    Delivery.state.in_([DeliveryState.PENDING, DeliveryState.SENDING]))
            ).scalar_one()
            db.session.rollback()
            if open_rows == 0:
                return
            time.sleep(0.2)
    sys.exit("deadline passed with deliveries left")


if __name__ == "__main__":
    main()
