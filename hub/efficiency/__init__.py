"""亩均效益评价: per-mu efficiency evaluation rounds, figures, scoring and results."""

from flask_babel import lazy_gettext as _l

from hub.features import AuditLabels, Feature

AUDIT = AuditLabels(
    objects={
        "eff_chain": _l("Industry chain"),  # 产业链
        "eff_enterprise": _l("Enterprise"),  # 企业
        "eff_round": _l("Evaluation round"),  # 评价年度
        "eff_submission": _l("Park report"),  # 园区填报
        "eff_policy": _l("Allocation policy"),  # 资源要素配置政策
    },
    actions={
        "scheme": _l("Scoring scheme changed"),  # 调整评价方案
        "save_figures": _l("Figures saved"),  # 保存数据
    },
    fields={
        "credit_code": _l("Unified social credit code"),
        "chain_id": _l("Industry chain"),
        "county": _l("County / district"),
        "land_mu": _l("Land area (mu)"),
        "above_size": _l("Above designated size"),
        "scheme_version": _l("Scoring scheme version"),
    },
)


def declare() -> Feature:
    from hub.efficiency import demo, models, reminders, tallies, views  # noqa: F401 (tallies: hook)

    return Feature("efficiency", demo=demo.seed, models=models, blueprints=[views.bp], audit=AUDIT,
                   notification_kinds=reminders.KINDS, daily=[reminders.late_parks])
