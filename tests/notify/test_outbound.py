"""hub.notify.outbound: which webhooks may be called, and that the call goes to the address
that was checked. Resolvers are injected; nothing here connects outside 127.0.0.1."""

import ipaddress
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from hub.notify import outbound, robot
from hub.notify.models import RobotProvider

HOSTILE = [
    "http://127.0.0.1:8080/cgi-bin/webhook/send",
    "http://localhost:6379/",
    "http://[::1]:5432/",
    "https://10.0.0.1/",
    "https://169.254.169.254/latest/meta-data/iam/",
]


@pytest.mark.parametrize("url", HOSTILE)
def test_every_hostile_url_of_the_report_is_refused_by_its_form(url):
    with pytest.raises(outbound.Refused) as refused:
        outbound.check_url(url, outbound.allowed_hosts())
    assert refused.value.reason in (outbound.SCHEME, outbound.HOST_NOT_ALLOWED)


@pytest.mark.parametrize("url", [u.replace("http://", "https://") for u in HOSTILE])
def test_even_allow_listed_an_internal_address_is_refused_after_resolution(url):
    """An operator who puts an internal name or address on the allow-list still gets no
    request to it: the address check comes after the allow-list (real resolver: these are IP
    literals and localhost, answered without a DNS server)."""
    hosts = outbound.allowed_hosts("127.0.0.1 localhost ::1 10.0.0.1 169.254.169.254")
    target = outbound.check_url(url, hosts)
    with pytest.raises(outbound.Refused) as refused:
        outbound.resolve_checked(target.host, target.port)
    assert refused.value.reason == outbound.ADDRESS


@pytest.mark.parametrize("url, reason", [
    ("https://user:pw@qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", outbound.USERINFO),
    ("https://qyapi.weixin.qq.com@127.0.0.1/x", outbound.USERINFO),
    ("https://qyapi.weixin.qq.com.evil.example/x", outbound.HOST_NOT_ALLOWED),
    ("https://evilqyapi.weixin.qq.com/x", outbound.HOST_NOT_ALLOWED),
    ("https://qyapi.weixin.qq.com:99999/x", outbound.MALFORMED),
    ("https://qyapi.weixin.qq.com/x\r\nHost: evil", outbound.MALFORMED),
    ("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=钥匙", outbound.MALFORMED),
    ("ftp://qyapi.weixin.qq.com/x", outbound.SCHEME),
    ("//qyapi.weixin.qq.com/x", outbound.SCHEME),
    ("", outbound.MALFORMED),
])
def test_malformed_and_lookalike_urls_are_refused(url, reason):
    with pytest.raises(outbound.Refused) as refused:
        outbound.check_url(url, outbound.allowed_hosts())
    assert refused.value.reason == reason


def test_the_providers_hosts_are_allowed_and_operators_add_their_own():
    defaults = outbound.allowed_hosts("")
    for host in ("qyapi.weixin.qq.com", "oapi.dingtalk.com", "open.feishu.cn",
                 "open.larksuite.com"):
        target = outbound.check_url(f"https://{host.upper()}./robot/send?access_token=t",
                                    defaults)
        assert (target.host, target.port, target.path) == (host, 443,
                                                           "/robot/send?access_token=t")
    with pytest.raises(outbound.Refused):
        outbound.check_url("https://hooks.example.org/x", defaults)
    hosts = outbound.allowed_hosts("hooks.example.org, *.robots.example.net")
    assert outbound.check_url("https://hooks.example.org:8443/x", hosts).port == 8443
    assert outbound.check_url("https://a.robots.example.net/x", hosts).host
    for url in ("https://robots.example.net/x", "https://xrobots.example.net/x"):
        with pytest.raises(outbound.Refused):
            outbound.check_url(url, hosts)


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.255.0.9", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
    "100.64.0.1", "0.0.0.0", "224.0.0.1"  # noqa: S104, "239.255.255.250", "255.255.255.255", "240.0.0.1",
    "192.0.2.1", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1",
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "2002:7f00:1::1",
    "2002:a00:1::1", "fe80::1%eth0", "not-an-address",
])
def test_internal_addresses_are_refused(address):
    assert outbound.address_refusal(address) is not None


@pytest.mark.parametrize("address", ["8.8.8.8", "101.226.0.1", "2400:3200::1",
                                     "2001:4860:4860::8888"])
def test_public_addresses_pass(address):
    assert outbound.address_refusal(address) is None
    assert ipaddress.ip_address(address).is_global


def resolver(table: dict[str, list[str]], calls: list | None = None):
    def getaddrinfo(host, port):
        if calls is not None:
            calls.append(host)
        if host not in table:
            raise socket.gaierror(-2, "Name or service not known")
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                 (a, port)) for a in table[host]]
    return getaddrinfo


def test_a_name_with_one_internal_address_among_public_ones_is_refused(monkeypatch):
    monkeypatch.setattr(outbound, "getaddrinfo", resolver({
        "qyapi.weixin.qq.com": ["42.1.2.3", "127.0.0.1"],
        "oapi.dingtalk.com": ["42.1.2.3", "42.1.2.4"],
        "open.feishu.cn": ["::ffff:192.168.0.10"],
    }))
    with pytest.raises(outbound.Refused) as refused:
        outbound.resolve_checked("qyapi.weixin.qq.com", 443)
    assert "127.0.0.1" in refused.value.detail and refused.value.reason == outbound.ADDRESS
    assert outbound.resolve_checked("oapi.dingtalk.com", 443) == ["42.1.2.3", "42.1.2.4"]
    with pytest.raises(outbound.Refused):
        outbound.resolve_checked("open.feishu.cn", 443)
    with pytest.raises(outbound.Refused) as refused:
        outbound.resolve_checked("open.larksuite.com", 443)
    assert refused.value.reason == outbound.UNRESOLVED


def test_the_connection_goes_to_the_checked_address_without_a_second_lookup(monkeypatch,
                                                                             fake_robot):
    """DNS rebinding: the name answers a public address, then 127.0.0.1. The sender resolves
    once and connects to what it checked."""
    answers = iter([["42.1.2.3"], ["127.0.0.1"]])
    calls = []

    def rebinding(host, port):
        calls.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in next(answers)]

    monkeypatch.setattr(outbound, "getaddrinfo", rebinding)
    answer = outbound.post_json(fake_robot.url, b"{}", hosts=outbound.allowed_hosts())
    assert answer.status == 200
    assert calls == ["qyapi.weixin.qq.com"] and fake_robot.connected == ["42.1.2.3"]


def test_the_https_connection_is_made_to_the_address_and_verifies_the_host(monkeypatch):
    seen = {}

    class Context:
        verify_mode = outbound.ssl.CERT_REQUIRED
        check_hostname = True

        def wrap_socket(self, sock, server_hostname):
            seen["server_hostname"] = server_hostname
            return sock

    def create_connection(address, timeout):
        seen["address"], seen["timeout"] = address, timeout
        return object()

    real_context = outbound.tls_context()
    monkeypatch.setattr(outbound, "tls_context", lambda: Context())
    monkeypatch.setattr(outbound.socket, "create_connection", create_connection)
    target = outbound.Target("oapi.dingtalk.com", 443, "/robot/send")
    conn = outbound.connection(target, "42.1.2.3", 5.0)
    conn.connect()
    assert seen == {"address": ("42.1.2.3", 443), "timeout": 5.0,
                    "server_hostname": "oapi.dingtalk.com"}
    assert real_context.verify_mode.name == "CERT_REQUIRED" and real_context.check_hostname


def test_a_redirect_is_not_followed(fake_robot):
    fake_robot.status = 302
    fake_robot.server.extra_headers = {"Location": "http://127.0.0.1:6379/"}
    with pytest.raises(robot.RobotError) as error:
        robot.post(fake_robot.url, "hello", hosts=outbound.allowed_hosts())
    assert error.value.permanent and error.value.refused.reason == outbound.REDIRECT
    assert len(fake_robot.received) == 1  # the first request only


class _Local(BaseHTTPRequestHandler):
    hits: list = []

    def do_POST(self):
        _Local.hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_real_local_server_is_never_reached_even_when_allow_listed():
    """End to end with the real resolver and the real connection: 127.0.0.1 is refused."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Local)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Local.hits = []
    try:
        port = server.server_address[1]
        hosts = outbound.allowed_hosts("127.0.0.1 localhost")
        for url in (f"https://127.0.0.1:{port}/hook", f"https://localhost:{port}/hook",
                    f"http://127.0.0.1:{port}/hook"):
            with pytest.raises(robot.RobotError) as error:
                robot.post(url, "hello", hosts=hosts)
            assert error.value.permanent and error.value.refused is not None
        assert _Local.hits == []
    finally:
        server.shutdown()
        server.server_close()


def test_dingtalk_signed_robot_gets_timestamp_and_sign(fake_robot):
    """钉钉 加签, as the DingTalk docs describe it: sign = urlencode(base64(HMAC-SHA256(secret,
    "timestamp\\nsecret")))."""
    import base64
    import hashlib
    import hmac
    from urllib.parse import parse_qs, urlsplit

    secret = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"
    url = fake_robot.url_for("oapi.dingtalk.com", "/robot/send?access_token=tok")
    robot.post(url, "钉钉你好", provider=RobotProvider.DINGTALK, secret=secret,
               hosts=outbound.allowed_hosts())
    [got] = fake_robot.received
    query = parse_qs(urlsplit(got["path"]).query)
    assert query["access_token"] == ["tok"]
    stamp = query["timestamp"][0]
    expected = base64.b64encode(hmac.new(secret.encode(), f"{stamp}\n{secret}".encode(),
                                         hashlib.sha256).digest()).decode()
    assert query["sign"] == [expected]
    assert got["json"] == {"msgtype": "text", "text": {"content": "钉钉你好"}}


def test_feishu_robot_message_and_signature(fake_robot):
    import base64
    import hashlib
    import hmac

    url = fake_robot.url_for("open.feishu.cn", "/open-apis/bot/v2/hook/abc")
    fake_robot.reply = {"code": 0, "msg": "success", "data": {}}
    robot.post(url, "飞书你好", provider=RobotProvider.FEISHU, secret="fs-secret",
               hosts=outbound.allowed_hosts())
    body = fake_robot.received[0]["json"]
    assert body["msg_type"] == "text" and body["content"] == {"text": "飞书你好"}
    expected = base64.b64encode(hmac.new(f"{body['timestamp']}\nfs-secret".encode(), b"",
                                         hashlib.sha256).digest()).decode()
    assert body["sign"] == expected

    fake_robot.reply = {"code": 19021, "msg": "sign match fail or timestamp is not within one "
                        "hour from current time"}
    with pytest.raises(robot.RobotError, match="19021"):
        robot.post(url, "x", provider=RobotProvider.FEISHU, secret="fs-secret",
                   hosts=outbound.allowed_hosts())


def test_unsigned_wecom_message_is_unchanged(fake_robot):
    robot.post(fake_robot.url, "企业微信你好", secret="ignored-for-wecom",
               hosts=outbound.allowed_hosts())
    [got] = fake_robot.received
    assert got["path"] == "/cgi-bin/webhook/send?key=test-key"
    assert got["json"] == {"msgtype": "text", "text": {"content": "企业微信你好"}}
