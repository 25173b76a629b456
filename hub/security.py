"""Response headers every page carries."""

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


_LOWER = [(name.lower(), name, value) for name, value in HEADERS.items()]


def add_headers(response):
    """HEADERS, and no-store for HTML, where a view did not set its own: the names present
    read once (Headers.setdefault scans every header per call: 7 scans a response)."""
    headers = response.headers
    present = {name.lower() for name, _value in headers}  # (name, value) pairs
    missing = [(name, value) for lower, name, value in _LOWER if lower not in present]
    if response.mimetype == "text/html" and "cache-control" not in present:
        missing.append(("Cache-Control", "no-store"))
    headers.extend(missing)
    return response


def init_app(app) -> None:
    app.after_request(add_headers)
