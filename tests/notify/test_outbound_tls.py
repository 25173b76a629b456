"""The pinned HTTPS connection for real: TLS to the checked address, the certificate verified
for the webhook's host name (SNI and Host header too). A local HTTPS server with a certificate
from a throwaway CA (made with the openssl command) stands in; the checked public-looking
address is mapped to it at the socket, the last step."""

import json
import shutil
import socket
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from hub.notify import outbound, robot

HOST = "qyapi.weixin.qq.com"
PUBLIC_LOOKING = "42.1.2.3"


def make_certificates(folder) -> tuple[str, str, str]:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is needed to make test certificates")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    def run(*args):
        subprocess.run([openssl, *args], check=True, capture_output=True, cwd=folder)

    run("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=Park Hub test CA", "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    run("req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", f"/CN={HOST}")
    (folder / "ext.cnf").write_text(f"subjectAltName=DNS:{HOST}\n")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf")
    return (str(folder / "ca.pem"), str(folder / "server.pem"), str(folder / "server.key"))


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append({"host": self.headers["Host"], "path": self.path,
                                     "json": json.loads(body)})
        answer = b'{"errcode": 0, "errmsg": "ok"}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def tls_robot(tmp_path, monkeypatch):
    ca, cert, key = make_certificates(tmp_path)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.received = []
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    real_create_connection = socket.create_connection
    dialled = []

    def create_connection(address, timeout=None, *args, **kwargs):
        dialled.append(address)
        assert address == (PUBLIC_LOOKING, 443), "only the checked address is dialled"
        return real_create_connection(("127.0.0.1", port), timeout)

    monkeypatch.setattr(outbound, "getaddrinfo", lambda host, port_: [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", (PUBLIC_LOOKING, port_))])
    monkeypatch.setattr(outbound.socket, "create_connection", create_connection)
    monkeypatch.setattr(outbound, "tls_context", lambda: ssl.create_default_context(cafile=ca))
    server.dialled = dialled
    yield server
    server.shutdown()
    server.server_close()


def test_the_message_goes_over_verified_tls_to_the_checked_address(tls_robot):
    robot.post(f"https://{HOST}/cgi-bin/webhook/send?key=k", "你好",
               hosts=outbound.allowed_hosts())
    [got] = tls_robot.received
    assert got["host"] == HOST and got["path"] == "/cgi-bin/webhook/send?key=k"
    assert got["json"]["text"]["content"] == "你好"
    assert tls_robot.dialled == [(PUBLIC_LOOKING, 443)]


def test_a_certificate_for_another_name_is_refused(tls_robot):
    """oapi.dingtalk.com 'resolves' to the same server, whose certificate is for qyapi only."""
    with pytest.raises(robot.RobotError) as error:
        robot.post("https://oapi.dingtalk.com/robot/send?access_token=t", "x",
                   hosts=outbound.allowed_hosts())
    assert "CERTIFICATE_VERIFY_FAILED" in str(error.value) or "certificate" in str(error.value)
    assert tls_robot.received == []
