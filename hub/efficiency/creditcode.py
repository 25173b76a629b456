"""统一社会信用代码 (unified social credit code) as GB 32100-2015 defines it.

18 characters: 1 登记管理部门代码, 1 机构类别代码, 6 登记管理机关行政区划码 (digits),
9 主体标识码 (organisation code), 1 校验码. The character set is the digits and the capital
letters except I, O, Z, S and V (31 characters, valued 0–30). The check character of positions
1–17 is C18 = 31 − (Σ Ci × Wi mod 31), with 31 written as 0, and Wi = 3^(i−1) mod 31.
"""

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUES = {ch: i for i, ch in enumerate(CHARSET)}
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def normalize(code: str) -> str:
    return (code or "").strip().upper()


def check_character(first17: str) -> str:
    """The 18th character for the first 17 (which must all be in CHARSET)."""
    total = sum(VALUES[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def problem(code: str) -> str | None:
    """None when `code` (already normalized) is a valid code, else what is wrong:
    "length", "charset", "region" or "check"."""
    if len(code) != 18:
        return "length"
    if any(ch not in VALUES for ch in code):
        return "charset"
    if not code[2:8].isdigit():
        return "region"
    if check_character(code[:17]) != code[17]:
        return "check"
    return None


def is_valid(code: str) -> bool:
    return problem(normalize(code)) is None
