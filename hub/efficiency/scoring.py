"""The 亩均效益 score as a pure function: figures + scheme in, score, grade and its make-up out.

No database, no request: the views, the demo data and the tests call the same code.

Per indicator: ratio = value / benchmark (higher is better) or benchmark / value (lower is
better), capped at `cap`; score = weight × ratio. A missing or incomputable value (e.g. revenue per
unit of energy for an enterprise that reported no energy use) scores 0 for a higher-is-better
indicator and the full capped score for a lower-is-better one whose value is 0. Total = Σ scores;
grade A when total ≥ thresholds["A"], B when ≥ thresholds["B"], C when ≥ thresholds["C"], else D.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

TWO = Decimal("0.01")
FOUR = Decimal("0.0001")
GRADES = ("A", "B", "C", "D")

# the figures a park reports for an enterprise (万元, 吨标煤, 吨, 万元, 人, 亩)
FIGURE_FIELDS = ("tax", "revenue", "energy", "emission", "rd", "employees", "land_mu")


@dataclass(frozen=True)
class Indicator:
    code: str
    unit: str
    higher_is_better: bool
    weight: Decimal
    benchmark: Decimal


@dataclass(frozen=True)
class Scheme:
    indicators: tuple[Indicator, ...]
    thresholds: dict  # {"A": Decimal, "B": Decimal, "C": Decimal}
    cap: Decimal = Decimal("1.2")


@dataclass
class Part:
    code: str
    value: Decimal | None
    benchmark: Decimal
    ratio: Decimal
    weight: Decimal
    score: Decimal


@dataclass
class Result:
    total: Decimal
    grade: str
    parts: list[Part] = field(default_factory=list)


def _div(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    if a is None or b is None or b == 0:
        return None
    return Decimal(a) / Decimal(b)


def indicator_values(fig: dict) -> dict[str, Decimal | None]:
    """The default indicators from one enterprise's figures (a dict of FIGURE_FIELDS)."""
    revenue = fig.get("revenue")
    land = fig.get("land_mu")
    rd = _div(fig.get("rd"), revenue)
    return {
        "tax_per_mu": _div(fig.get("tax"), land),  # 亩均税收 万元/亩
        "revenue_per_mu": _div(revenue, land),  # 亩均营业收入 万元/亩
        "revenue_per_energy": _div(revenue, fig.get("energy")),  # 万元/吨标煤
        "revenue_per_emission": _div(revenue, fig.get("emission")),  # 万元/吨
        "rd_intensity": rd * 100 if rd is not None else None,  # %
        "labour_productivity": _div(revenue, fig.get("employees")),  # 万元/人
    }


def ratio(value: Decimal | None, benchmark: Decimal, higher_is_better: bool,
          cap: Decimal) -> Decimal:
    if benchmark <= 0:
        return Decimal(0)
    if value is None:
        return Decimal(0)
    if higher_is_better:
        r = Decimal(value) / benchmark
    elif value <= 0:
        r = cap
    else:
        r = benchmark / Decimal(value)
    return max(Decimal(0), min(r, cap))


def grade_of(total: Decimal, thresholds: dict) -> str:
    for g in ("A", "B", "C"):
        if total >= Decimal(thresholds[g]):
            return g
    return "D"


def score(values: dict[str, Decimal | None], scheme: Scheme) -> Result:
    """Score indicator values (see indicator_values) under `scheme`."""
    parts = []
    for ind in scheme.indicators:
        value = values.get(ind.code)
        r = ratio(value, ind.benchmark, ind.higher_is_better, scheme.cap)
        s = (ind.weight * r).quantize(TWO, ROUND_HALF_UP)
        shown = Decimal(value).quantize(FOUR, ROUND_HALF_UP) if value is not None else None
        parts.append(Part(ind.code, shown, ind.benchmark, r.quantize(FOUR, ROUND_HALF_UP),
                          ind.weight, s))
    total = sum((p.score for p in parts), Decimal(0))
    return Result(total, grade_of(total, scheme.thresholds), parts)


# --- plausibility flags (warnings shown before submission, not refusals) ----------------------
def flags(fig: dict, previous: dict | None, jump_factor: Decimal) -> list[tuple[str, str]]:
    """(field, code) for figures that look wrong: "negative", "zero_land", "tax_gt_revenue",
    "jump"
    (a figure more than `jump_factor` times, or less than 1/jump_factor of, last year's).
    The grid refuses negative numbers at parsing already; imports and old rows are checked here.
    """
    out: list[tuple[str, str]] = [(name, "negative") for name in FIGURE_FIELDS
                                  if fig.get(name) is not None and fig[name] < 0]
    land = fig.get("land_mu")
    if land is not None and land == 0:
        out.append(("land_mu", "zero_land"))
    tax, revenue = fig.get("tax"), fig.get("revenue")
    if tax is not None and revenue is not None and tax > revenue:
        out.append(("tax", "tax_gt_revenue"))
    if previous and jump_factor and jump_factor > 1:
        for name in ("tax", "revenue", "energy", "emission", "rd", "employees"):
            now, before = fig.get(name), previous.get(name)
            if now is None or before is None or before <= 0 or now < 0:
                continue
            if now > before * jump_factor or now * jump_factor < before:
                out.append((name, "jump"))
    return out
