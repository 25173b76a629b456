"""Chinese for the msgids added while converting the meetings, agenda, minutes and actions
views to the one request lifecycle (issue 12)."""

T = {
    "This meeting is not cancelled.": "此会议未被取消。",
}
