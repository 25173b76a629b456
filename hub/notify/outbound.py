"""Outbound HTTPS requests to group robot webhooks, and nothing else.

A webhook is only ever called when
- its scheme is https and it carries no user:password@;
- its host is on the allow-list: the providers' hosts (DEFAULT_HOSTS) plus those an operator adds
  in HUB_ROBOT_HOSTS (comma or space separated; an entry `*.example.com` admits the subdomains of
  example.com);
- every address its host resolves to is a public (global unicast) address: loopback, private,
  link-local, shared (100.64/10), multicast, reserved and unspecified addresses are refused, also
  when written as an IP literal or hidden in an IPv4-mapped, 6to4 or Teredo IPv6 address.

The connection then goes to one of the addresses that were checked (no second lookup that could
answer differently), with the host name used for SNI, certificate verification and the Host
header. Redirects are never followed (http.client does not; a 3xx is a refusal) and every
socket operation times out after TIMEOUT seconds.

`check_url` (syntax and allow-list) and `resolve_checked` (addresses) are used both when a park
admin saves a webhook and right before each send. Tests replace `getaddrinfo` (the resolver) and,
to reach a local stand-in server after the checks passed, `connection`.
"""

import http.client
import ipaddress
import re
import socket
import ssl
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

DEFAULT_HOSTS = (
    "qyapi.weixin.qq.com",  # 企业微信 (WeCom)
    "oapi.dingtalk.com",  # 钉钉 (DingTalk)
    "open.feishu.cn",  # 飞书 (Feishu)
    "open.larksuite.com",  # Lark, Feishu's international edition
)
TIMEOUT = 5.0  # seconds, for connecting, the TLS handshake and each read
MAX_ANSWER = 65536  # bytes of the answer read

# the reasons a URL or an address is refused (the form shows a sentence for each)
SCHEME, USERINFO, MALFORMED, HOST_NOT_ALLOWED, UNRESOLVED, ADDRESS, REDIRECT = (
    "scheme", "userinfo", "malformed", "host_not_allowed", "unresolved", "address", "redirect")


class Refused(Exception):
    """The URL or one of its addresses is not allowed; nothing was sent."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"refused ({reason}){': ' + detail if detail else ''}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Target:
    host: str  # lower case, no trailing dot
    port: int
    path: str  # path and query, as sent in the request line


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes


# --- the allow-list ---------------------------------------------------------------------------
def allowed_hosts(extra: str | Iterable[str] | None = None) -> tuple[str, ...]:
    """DEFAULT_HOSTS plus the operator's entries (HUB_ROBOT_HOSTS: a string or a list)."""
    if isinstance(extra, str):
        extra = re.split(r"[\s,;]+", extra)
    added = tuple(h.strip().lower().rstrip(".") for h in (extra or ()) if h and h.strip())
    return DEFAULT_HOSTS + tuple(h for h in added if h not in DEFAULT_HOSTS)


def host_allowed(host: str, hosts: Iterable[str]) -> bool:
    for entry in hosts:
        if entry.startswith("*."):
            if host.endswith(entry[1:]) and len(host) > len(entry) - 1:
                return True
        elif host == entry:
            return True
    return False


def check_url(url: str, hosts: Iterable[str]) -> Target:
    """The URL's target when its form and host are allowed; raises Refused otherwise."""
    url = (url or "").strip()
    if not url or any(c.isspace() or not 32 < ord(c) < 127 for c in url):
        raise Refused(MALFORMED)  # also non-ASCII: the providers' URLs are plain ASCII
    try:
        parts = urlsplit(url)
        port = parts.port or 443
    except ValueError as exc:  # a bad port or IPv6 literal
        raise Refused(MALFORMED, str(exc)) from exc
    if parts.scheme.lower() != "https":
        raise Refused(SCHEME, parts.scheme)
    if "@" in parts.netloc:
        raise Refused(USERINFO)
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        raise Refused(MALFORMED, "no host")
    if not host_allowed(host, hosts):
        raise Refused(HOST_NOT_ALLOWED, host)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(host=host, port=port, path=path)


# --- addresses --------------------------------------------------------------------------------
def address_refusal(address: str | ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why this address may not be called (a short English word), or None for a public one."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "not an address"
    if ip.version == 6:
        if ip.scope_id:
            return "scoped"
        teredo = ip.teredo
        for inner in (ip.ipv4_mapped, ip.sixtofour, teredo[1] if teredo else None):
            if inner is not None and (why := address_refusal(inner)):
                return why
    for attribute, why in (("is_unspecified", "unspecified"), ("is_loopback", "loopback"),
                           ("is_link_local", "link-local"), ("is_multicast", "multicast"),
                           ("is_private", "private"), ("is_reserved", "reserved")):
        if getattr(ip, attribute):
            return why
    if not ip.is_global:  # e.g. the shared address space 100.64.0.0/10
        return "not global"
    return None


def getaddrinfo(host: str, port: int) -> list[tuple]:
    """The resolver (socket.getaddrinfo for TCP); tests replace it."""
    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)


def resolve_checked(host: str, port: int) -> list[str]:
    """Every address of `host`, each checked; raises Refused when the name does not resolve or
    any one address is not public (a name that answers with one internal address is refused
    whole: a second lookup could pick that one)."""
    try:
        infos = getaddrinfo(host, port)
    except (OSError, UnicodeError) as exc:
        raise Refused(UNRESOLVED, f"{host}: {exc}") from exc
    addresses: list[str] = []
    for info in infos:
        address = str(info[4][0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise Refused(UNRESOLVED, host)
    for address in addresses:
        if why := address_refusal(address):
            raise Refused(ADDRESS, f"{host} → {address} ({why})")
    return addresses


def check(url: str, hosts: Iterable[str]) -> tuple[Target, list[str]]:
    target = check_url(url, hosts)
    return target, resolve_checked(target.host, target.port)


# --- the connection ---------------------------------------------------------------------------
@cache
def tls_context() -> ssl.SSLContext:
    return ssl.create_default_context()


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to `address` (already checked) while verifying the certificate of `host`."""

    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout, context=tls_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def connection(target: Target, address: str, timeout: float) -> http.client.HTTPConnection:
    """The connection to a checked address; tests replace it to reach a local stand-in."""
    return PinnedHTTPSConnection(target.host, target.port, address, timeout)


def post_json(url: str, body: bytes, *, hosts: Iterable[str],
              timeout: float = TIMEOUT) -> Answer:
    """POST `body` (JSON) to `url` after the checks. Raises Refused (nothing sent), OSError or
    http.client.HTTPException (transport), or Refused(REDIRECT) for a 3xx answer."""
    target, addresses = check(url, hosts)
    last_error: OSError | None = None
    for address in addresses:
        conn = connection(target, address, timeout)
        try:
            conn.connect()
        except OSError as exc:  # try the next checked address
            conn.close()
            last_error = exc
            continue
        try:
            conn.request("POST", target.path, body=body, headers={
                "Content-Type": "application/json; charset=utf-8",
                "User-Agent": "ParkHub-robot"})
            response = conn.getresponse()
            answer = Answer(response.status, response.read(MAX_ANSWER))
        finally:
            conn.close()
        if 300 <= answer.status < 400:
            raise Refused(REDIRECT, f"HTTP {answer.status}")
        return answer
    assert last_error is not None
    raise last_error
