"""Group robot transport: a park's 企业微信 or 钉钉 webhook receives a plain text message.

Both accept the same body: {"msgtype": "text", "text": {"content": "…"}}. They answer 200 with
{"errcode": 0, "errmsg": "ok"} when the message was taken; any other status or a non-zero errcode
is a failure (retried with backoff by the sender).
"""

import json
import urllib.error
import urllib.request

ROBOT_TIMEOUT = 5  # seconds
MAX_CONTENT = 2000  # 企业微信 takes up to 2048 bytes of text; keep a margin


class RobotError(Exception):
    pass


def payload(text: str) -> dict:
    content = text.strip()
    if len(content.encode("utf-8")) > MAX_CONTENT:
        content = content.encode("utf-8")[: MAX_CONTENT - 3].decode("utf-8", "ignore") + "…"
    return {"msgtype": "text", "text": {"content": content}}


def post(webhook_url: str, text: str, *, timeout: float = ROBOT_TIMEOUT) -> None:
    """Send `text` to the webhook; raises RobotError when it was not accepted."""
    if not webhook_url.lower().startswith(("https://", "http://")):
        raise RobotError("the webhook URL must start with http:// or https://")
    body = json.dumps(payload(text), ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        webhook_url, data=body, method="POST",
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            status = response.status
            raw = response.read(65536)
    except urllib.error.HTTPError as exc:
        raise RobotError(f"HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise RobotError(f"{type(exc).__name__}: {reason}") from exc
    if not 200 <= status < 300:
        raise RobotError(f"HTTP {status}")
    try:
        answer = json.loads(raw.decode("utf-8") or "{}")
    except (UnicodeDecodeError, json.JSONDecodeError):
        return  # a 2xx without JSON: taken
    if isinstance(answer, dict) and answer.get("errcode", 0) not in (0, "0"):
        raise RobotError(f"errcode {answer.get('errcode')}: {answer.get('errmsg', '')}")
