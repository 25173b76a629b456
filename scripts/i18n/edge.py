"""Chinese for the msgids of the edge branch (issue 11: input at the edge)."""

T = {
    "Enter a date between 1900 and 2999.": "请输入1900年至2999年之间的日期。",
    "The number is too large.": "数值过大。",
}
