"""Group robot transport: a park's 企业微信, 钉钉 or 飞书 webhook receives a plain text message.

- 企业微信 (WeCom) and 钉钉 (DingTalk) take {"msgtype": "text", "text": {"content": "…"}} and
  answer {"errcode": 0, "errmsg": "ok"}.
- 钉钉 robots with 加签 (a secret starting with SEC): the URL gets `timestamp` (ms) and `sign` =
  urlencode(base64(HMAC-SHA256(key=secret, msg="<timestamp>\\n<secret>"))).
- 飞书 (Feishu / Lark) takes {"msg_type": "text", "content": {"text": "…"}} and answers
  {"code": 0, "msg": "success"}; with 签名校验 the body also carries `timestamp` (s) and `sign` =
  base64(HMAC-SHA256(key="<timestamp>\\n<secret>", msg="")).

Any other status or a non-zero errcode / code is a failure (retried with backoff by the sender);
a refusal by hub.notify.outbound (host not allowed, internal address, redirect) is permanent.
"""

import base64
import hashlib
import hmac
import http.client
import json
import time
from urllib.parse import quote_plus

from flask import current_app

from hub.notify import outbound
from hub.notify.models import RobotProvider

ROBOT_TIMEOUT = outbound.TIMEOUT
MAX_CONTENT = 2000  # 企业微信 takes up to 2048 bytes of text; keep a margin


class RobotError(Exception):
    def __init__(self, message: str, *, permanent: bool = False, refused: outbound.Refused
                 | None = None):
        super().__init__(message)
        self.permanent = permanent
        self.refused = refused


def _content(text: str) -> str:
    content = text.strip()
    if len(content.encode("utf-8")) > MAX_CONTENT:
        content = content.encode("utf-8")[: MAX_CONTENT - 3].decode("utf-8", "ignore") + "…"
    return content


def payload(text: str, provider: RobotProvider = RobotProvider.WECOM) -> dict:
    if provider is RobotProvider.FEISHU:
        return {"msg_type": "text", "content": {"text": _content(text)}}
    return {"msgtype": "text", "text": {"content": _content(text)}}


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp_ms}\n{secret}".encode(),
                      hashlib.sha256).digest()
    return quote_plus(base64.b64encode(digest).decode("ascii"))


def feishu_sign(secret: str, timestamp_s: int) -> str:
    digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def signed_request(provider: RobotProvider, url: str, text: str, secret: str | None,
                   now: float | None = None) -> tuple[str, dict]:
    """The URL and body to send (signed when the robot has a secret)."""
    now = time.time() if now is None else now
    body = payload(text, provider)
    if secret and provider is RobotProvider.DINGTALK:
        stamp = int(now * 1000)
        joiner = "&" if "?" in url else "?"
        url = f"{url}{joiner}timestamp={stamp}&sign={dingtalk_sign(secret, stamp)}"
    elif secret and provider is RobotProvider.FEISHU:
        stamp = int(now)
        body = {"timestamp": str(stamp), "sign": feishu_sign(secret, stamp), **body}
    return url, body


def configured_hosts() -> tuple[str, ...]:
    return outbound.allowed_hosts(current_app.config.get("HUB_ROBOT_HOSTS"))


def post(webhook_url: str, text: str, *, provider: RobotProvider = RobotProvider.WECOM,
         secret: str | None = None, hosts=None, timeout: float = ROBOT_TIMEOUT) -> None:
    """Send `text` to the webhook; raises RobotError when it was not accepted."""
    url, body = signed_request(provider, webhook_url, text, secret)
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    try:
        answer = outbound.post_json(url, data, hosts=configured_hosts() if hosts is None
                                    else hosts, timeout=timeout)
    except outbound.Refused as exc:
        # a name that does not resolve may resolve later; anything else stays refused
        raise RobotError(str(exc), permanent=exc.reason != outbound.UNRESOLVED,
                         refused=exc) from exc
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise RobotError(f"{type(exc).__name__}: {exc}") from exc
    if not 200 <= answer.status < 300:
        raise RobotError(f"HTTP {answer.status}")
    try:
        reply = json.loads(answer.body.decode("utf-8") or "{}")
    except (UnicodeDecodeError, json.JSONDecodeError):
        return  # a 2xx without JSON: taken
    if not isinstance(reply, dict):
        return
    code = reply.get("errcode", reply.get("code", reply.get("StatusCode", 0)))
    if code not in (0, "0", None):
        message = reply.get("errmsg", reply.get("msg", reply.get("StatusMessage", "")))
        raise RobotError(f"errcode {code}: {message}")


def send(robot, text: str) -> None:
    """Send `text` through a park's stored robot (ParkRobot)."""
    post(robot.webhook_url, text, provider=robot.provider, secret=robot.secret)
