"""The score, worked out by hand, and the plausibility flags."""

from decimal import Decimal as D

import pytest

from hub.efficiency import creditcode
from hub.efficiency.scoring import Indicator, Scheme, flags, grade_of, indicator_values, score

TWO = Scheme(
    indicators=(
        Indicator("tax_per_mu", "万元/亩", True, D(60), D(10)),
        Indicator("energy_per_output", "吨标煤/万元", False, D(40), D("0.5")),
    ),
    thresholds={"A": D(90), "B": D(70), "C": D(50)},
    cap=D("1.2"),
)


def test_hand_worked_example():
    # tax 8 万元/亩 against 10: 60 × 0.8 = 48; energy 0.4 against 0.5 (lower is better):
    # 40 × 0.5/0.4 = 40 × 1.25, capped at 1.2 → 48. Total 96 → A.
    result = score({"tax_per_mu": D(8), "energy_per_output": D("0.4")}, TWO)
    assert [p.score for p in result.parts] == [D("48.00"), D("48.00")]
    assert result.parts[1].ratio == D("1.2000")
    assert result.total == D("96.00")
    assert result.grade == "A"


def test_cap_on_higher_is_better_and_missing_values():
    # 30 against 10 → ratio 3, capped 1.2 → 72; the other indicator missing → 0. 72 → B.
    result = score({"tax_per_mu": D(30), "energy_per_output": None}, TWO)
    assert [p.score for p in result.parts] == [D("72.00"), D("0.00")]
    assert result.grade == "B"


def test_lower_is_better_at_zero_gets_the_cap():
    result = score({"tax_per_mu": D(0), "energy_per_output": D(0)}, TWO)
    assert result.total == D("48.00")  # 40 × 1.2
    assert result.grade == "D"


def test_rounding_half_up_to_cents():
    # 60 × 1/3 = 19.999… → 20.00; 40 × 0.5/1.5 = 13.333… → 13.33
    result = score({"tax_per_mu": D(10) / 3, "energy_per_output": D("1.5")}, TWO)
    assert [p.score for p in result.parts] == [D("20.00"), D("13.33")]
    assert result.total == D("33.33")


@pytest.mark.parametrize("total,grade", [(D(90), "A"), (D("89.99"), "B"), (D(70), "B"),
                                         (D(50), "C"), (D("49.99"), "D"), (D(0), "D")])
def test_grade_thresholds_are_inclusive(total, grade):
    assert grade_of(total, {"A": 90, "B": 70, "C": 50}) == grade


def test_indicator_values_from_figures():
    v = indicator_values({"tax": D(300), "revenue": D(6000), "energy": D(1200),
                          "emission": D(12), "rd": D(180), "employees": 200, "land_mu": D(50)})
    assert v["tax_per_mu"] == D(6)
    assert v["revenue_per_mu"] == D(120)
    assert v["revenue_per_energy"] == D(5)
    assert v["revenue_per_emission"] == D(500)
    assert v["rd_intensity"] == D(3)
    assert v["labour_productivity"] == D(30)


def test_indicator_values_with_zero_land_are_missing_not_infinite():
    v = indicator_values({"tax": D(300), "revenue": D(6000), "land_mu": D(0)})
    assert v["tax_per_mu"] is None and v["revenue_per_mu"] is None


def test_flags():
    fig = {"tax": D(500), "revenue": D(400), "land_mu": D(0), "energy": D(-1), "rd": D(10)}
    got = set(flags(fig, None, D(3)))
    assert got == {("land_mu", "zero_land"), ("tax", "tax_gt_revenue"), ("energy", "negative")}


def test_year_on_year_jump_flag_both_ways_and_factor_configurable():
    before = {"revenue": D(1000), "tax": D(100)}
    assert ("revenue", "jump") in flags({"revenue": D(3001), "tax": D(100)}, before, D(3))
    assert ("revenue", "jump") not in flags({"revenue": D(3000), "tax": D(100)}, before, D(3))
    assert ("tax", "jump") in flags({"revenue": D(1000), "tax": D(33)}, before, D(3))
    assert flags({"revenue": D(3001), "tax": D(100)}, before, D(5)) == []


# --- 统一社会信用代码 --------------------------------------------------------------------------
VALID = ["91350100M000100Y43",  # the example printed in GB 32100-2015
         "914403001922038216",  # 华为技术有限公司
         "9144030071526726XG",  # 深圳市腾讯计算机系统有限公司
         "91110108551385082Q"]  # 小米科技有限责任公司


@pytest.mark.parametrize("code", VALID)
def test_known_valid_codes(code):
    assert creditcode.is_valid(code)
    assert creditcode.check_character(code[:17]) == code[17]


def test_lowercase_and_spaces_are_normalized():
    assert creditcode.is_valid(" 9144030071526726xg ")


@pytest.mark.parametrize("code,problem", [
    ("91350100M000100Y4", "length"),
    ("91350100M000100Y433", "length"),
    ("91350100M000100Y4I", "charset"),  # I is not in the set
    ("913501O0M000100Y43", "charset"),
    ("9135A100M000100Y43", "region"),
    ("91350100M000100Y44", "check"),
    ("914403001922038217", "check"),
])
def test_invalid_codes(code, problem):
    assert creditcode.problem(code) == problem
