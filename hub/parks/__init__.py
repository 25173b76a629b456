"""Parks (园区): the zone's parks; every account and most records belong to one."""

from hub.features import Feature


def declare() -> Feature:
    from hub.parks import models

    return Feature("parks", models=models)
