"""Signing in to the demo data (`hub seed-demo`) in Chromium: one way for the browser tests."""

DEMO_PASSWORD = "browser-demo-pw"


def sign_in(page, live_server, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign `username` in through the login form, from a browser without cookies."""
    page.context.clear_cookies()
    page.goto(live_server.url_for("/login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main form[action$='/login'] button[type=submit]")
    assert page.url == live_server.url_for("/"), f"{username} could not sign in"
