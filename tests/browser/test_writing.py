"""In Chromium: the Markdown editor of the notice form — type, see the server's preview, use a
toolbar button, import a Word document (asked whether to append), save: the text and the
document's image arrive with the notice."""

import pytest

from hub.auth.models import Role, User
from hub.extensions import db
from hub.parks.models import Park
from tests.writing.docx_builder import notice_docx

pytestmark = pytest.mark.browser

PASSWORD = "browser-writing-pw"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_toolbar_preview_and_word_import(live_server, browser_page):
    with live_server.app.app_context():
        park = Park(name="田心高科园", short_name="田心")
        user = User(username="writer", display_name="写作者", email="w@example.test", park=park,
                    role=Role.STAFF)
        user.set_password(PASSWORD)
        db.session.add_all([park, user])
        db.session.commit()
    page = browser_page
    page.goto(live_server.url_for("/login"))
    page.fill("input[name=username]", "writer")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form[action$='/login'] button[type=submit]")
    page.goto(live_server.url_for("/notices/new"))

    editor = page.locator("[data-md-editor]")
    preview = editor.get_by_test_id("md-preview")
    body = page.locator("textarea[name=body]")
    body.fill("请各园区于**月底前**完成接入。")
    assert preview.locator("strong").inner_text() == "月底前"  # waits for the server's render

    body.press("End")
    body.press("Enter")
    editor.locator("[data-md=list]").click()
    assert "\n- " in body.input_value()
    preview.locator("ul li").wait_for()

    editor.locator("input[data-md-import]").set_input_files(
        {"name": "通知.docx", "mimeType": DOCX, "buffer": notice_docx(image=True)})
    choice = editor.locator(".md-import-choice")
    choice.wait_for(state="visible")  # the field had text: append or replace?
    choice.locator("[data-md-choice=append]").click()
    text = body.input_value()
    assert text.startswith("请各园区于**月底前**完成接入。")
    assert "# 关于开展园区安全检查的通知" in text and "| 园区 | 负责人 |" in text
    assert preview.locator("h1").inner_text() == "关于开展园区安全检查的通知"
    assert preview.locator("table td").first.inner_text() == "田心|高科园"
    assert "image1.png" in editor.get_by_test_id("md-import-status").inner_text()
    names = page.eval_on_selector("input[name=attachments]",
                                  "el => Array.from(el.files).map(f => f.name)")
    assert names == ["image1.png"]

    page.fill("input[name=title]", "安全检查通知")
    page.select_option("select[name=category_id]", label="环保")
    with page.expect_navigation():
        page.get_by_test_id("save-notice").click()
    shown = page.get_by_test_id("notice-body")
    assert shown.locator("h1").inner_text() == "关于开展园区安全检查的通知"
    assert page.get_by_role("link", name="📎 image1.png").count() == 1
    assert page.console_errors == []


def test_without_javascript_a_plain_textarea(live_server, chromium):
    with live_server.app.app_context():
        park = Park(name="田心高科园", short_name="田心")
        user = User(username="plain", display_name="无脚本", email="p@example.test", park=park,
                    role=Role.STAFF)
        user.set_password(PASSWORD)
        db.session.add_all([park, user])
        db.session.commit()
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url_for("/login"))
        page.fill("input[name=username]", "plain")
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.click("main form[action$='/login'] button[type=submit]")
        page.goto(live_server.url_for("/notices/new"))
        assert page.locator("textarea[name=body]").is_visible()
        assert not page.locator("[data-md=bold]").is_visible()
        assert not page.get_by_test_id("md-preview").is_visible()
    finally:
        context.close()
