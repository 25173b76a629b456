"""A stand-in for the robot providers' servers, reached only through the test seam of
hub.notify.outbound: the allow-listed host names resolve (fake resolver) to a public-looking
address, the checks pass on that, and the connection to the checked address is then redirected
to a local plain-HTTP server. Nothing ever connects to the fake public address.

`fake_robot` (fixture): `.url` (a WeCom webhook), `.url_for(host, path)`, `.received` (dicts
with path, type, json), `.status` / `.reply` (the answer), `.connected` (the addresses the sender
chose: always the checked one), `.resolve` (host → list of addresses; edit to test the checks).
"""

import http.client
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from hub.notify import outbound

PUBLIC_LOOKING = "42.1.2.3"  # global unicast; never connected to (see connection below)


class _Server(ThreadingHTTPServer):
    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.received: list[dict] = []
        self.status = 200
        self.reply: dict = {"errcode": 0, "errmsg": "ok"}
        self.extra_headers: dict = {}


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append({"path": self.path, "type": self.headers["Content-Type"],
                                     "host": self.headers["Host"], "json": json.loads(body)})
        answer = json.dumps(self.server.reply).encode()
        self.send_response(self.server.status)
        for name, value in self.server.extra_headers.items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


class FakeRobot:
    def __init__(self, monkeypatch):
        self.server = _Server()
        self.connected: list[str] = []
        self.resolve: dict[str, list[str]] = {h: [PUBLIC_LOOKING]
                                              for h in outbound.DEFAULT_HOSTS}
        port = self.server.server_address[1]

        def getaddrinfo(host, port_):
            if host not in self.resolve:
                raise OSError(-2, "Name or service not known")
            return [(2, 1, 6, "", (a, port_)) for a in self.resolve[host]]

        def connection(target, address, timeout):
            assert address in self.resolve.get(target.host, ()), "connects to a checked address"
            self.connected.append(address)
            return http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

        monkeypatch.setattr(outbound, "getaddrinfo", getaddrinfo)
        monkeypatch.setattr(outbound, "connection", connection)

    @property
    def received(self) -> list[dict]:
        return self.server.received

    @property
    def status(self) -> int:
        return self.server.status

    @status.setter
    def status(self, value: int) -> None:
        self.server.status = value

    @property
    def reply(self) -> dict:
        return self.server.reply

    @reply.setter
    def reply(self, value: dict) -> None:
        self.server.reply = value

    def url_for(self, host: str = "qyapi.weixin.qq.com",
                path: str = "/cgi-bin/webhook/send?key=test-key") -> str:
        return f"https://{host}{path}"

    @property
    def url(self) -> str:
        return self.url_for()

    def texts(self) -> list[str]:
        out = []
        for r in self.received:
            body = r["json"]
            out.append(body["text"]["content"] if "text" in body else body["content"]["text"])
        return out


@pytest.fixture
def fake_robot(monkeypatch):
    robot = FakeRobot(monkeypatch)
    # shutdown() waits for the serving loop to look again: every 0.05 s, not the default 0.5
    thread = threading.Thread(target=robot.server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield robot
    robot.server.shutdown()
    robot.server.server_close()
