"""GET /search: what a signed-in user sees — groups, counts, links, snippets, safe highlighting."""

import re

from flask import render_template, url_for

from hub.search import services, views
from hub.search.snippets import highlight, snippet


def hit_titles(page: str) -> list[str]:
    """The visible titles of the result entries, tags stripped."""
    titles = re.findall(r'<span class="fw-semibold search-title">(.*?)</span>', page, re.S)
    return [re.sub(r"<[^>]+>", "", t).strip() for t in titles]


def test_signed_out_users_are_sent_to_login(client):
    resp = client.get("/search?q=资金")
    assert resp.status_code == 302
    assert "/login" in resp.headers["Location"]


def test_empty_query_shows_a_prompt(client, login, staff, make_notice):
    make_notice("资金补助政策")
    login(staff("A"))
    for url in ("/search", "/search?q=", "/search?q=%20%20"):
        page = client.get(url).get_data(as_text=True)
        assert 'data-testid="search-prompt"' in page
        assert "资金补助政策" not in page


def test_no_results_shows_a_message(client, login, staff, make_notice):
    make_notice("资金补助政策")
    login(staff("A"))
    resp = client.get("/search?q=荣誉共享")
    assert resp.status_code == 200
    page = resp.get_data(as_text=True)
    assert 'data-testid="search-empty"' in page
    assert "荣誉共享" in page  # the query is echoed


def test_results_grouped_with_counts_and_links(client, login, staff, make_notice, make_case,
                                               make_listing):
    notice = make_notice("资金补助政策通知", "申报材料", park_="B")
    case = make_case(parcel_code="ZZGX-2022-017", location="栗雨街道", holder="资金紧张的公司")
    listing = make_listing("财务专员", enterprise="资金管理中心", field="金融")
    make_listing("机械工程师")
    login(staff("C"))
    resp = client.get("/search?q=资金")
    assert resp.status_code == 200
    page = resp.get_data(as_text=True)
    for kind, count in (("notice", 1), ("case", 1), ("talent", 1)):
        assert re.search(rf'data-testid="search-count-{kind}">{count}<', page)
    assert f'href="/notices/{notice.id}"' in page
    assert f'href="/cases/{case.id}"' in page
    assert f'href="/talent/{listing.id}"' in page
    assert "资金政策通知" not in page
    assert hit_titles(page) == ["资金补助政策通知", "ZZGX-2022-017 · 栗雨街道", "财务专员"]
    assert "<mark>资金</mark>补助政策通知" in page
    assert "<mark>资金</mark>管理中心" in page  # snippet of the listing
    assert ">B · " in page  # the issuing park's short name beside the date
    assert "机械工程师" not in page


def test_five_per_kind_with_a_link_to_all(client, login, staff, make_listing, make_case):
    for i in range(23):
        make_listing(f"人才引进岗位{i:02d}")
    make_case(description="人才公寓用地")
    login(staff("A"))
    page = client.get("/search?q=人才引进").get_data(as_text=True)
    assert re.search(r'data-testid="search-count-talent">23<', page)
    assert page.count('data-testid="search-hit"') == 5
    # the newest five, as on the kind's own first page
    assert hit_titles(page) == [f"人才引进岗位{i:02d}" for i in range(22, 17, -1)]
    assert 'href="/search?q=%E4%BA%BA%E6%89%8D%E5%BC%95%E8%BF%9B&amp;kind=talent"' in page

    first = client.get("/search?q=人才引进&kind=talent").get_data(as_text=True)
    second = client.get("/search?q=人才引进&kind=talent&page=2").get_data(as_text=True)
    titles = hit_titles(first) + hit_titles(second)
    assert len(hit_titles(first)) == 20
    assert hit_titles(first)[:5] == hit_titles(page)
    assert sorted(titles) == [f"人才引进岗位{i:02d}" for i in range(23)]
    assert 'data-testid="search-group-case"' not in first  # one kind only
    beyond = client.get("/search?q=人才引进&kind=talent&page=9")
    assert beyond.status_code == 200
    assert hit_titles(beyond.get_data(as_text=True)) == []


def test_hit_links_are_those_of_url_for(app, client, login, staff, make_notice, make_case,
                                        make_listing):
    notice = make_notice("资金补助政策通知")
    case = make_case(holder="资金紧张的公司")
    listing = make_listing("资金专员")
    login(staff("A"))
    page = client.get("/search?q=资金").get_data(as_text=True)
    links = re.findall(r'<a class="list-group-item[^"]*" href="([^"]+)" data-testid="search-hit"',
                       page)
    with app.test_request_context("/"):
        expected = [url_for(e, **{a: i}) for e, a, i in (
            ("notices.detail", "notice_id", notice.id), ("cases.detail", "case_id", case.id),
            ("talent.detail", "listing_id", listing.id))]
    assert links == expected
    with app.test_request_context("/", base_url="http://localhost/hub/"):
        assert views._hit_url(services.Hit("case", 7, "", "", "", None, "", False,
                                           "cases.detail", {"case_id": 7})) == "/hub/cases/7"


def test_unknown_kind_and_bad_page_do_not_fail(client, login, staff, make_listing):
    make_listing("人才引进岗位")
    login(staff("A"))
    for url in ("/search?q=人才&kind=nonsense", "/search?q=人才&page=abc",
                "/search?q=人才&kind=talent&page=-3"):
        resp = client.get(url)
        assert resp.status_code == 200
        assert hit_titles(resp.get_data(as_text=True)) == ["人才引进岗位"]


def test_page_hides_what_the_user_may_not_see(app, client, login, staff, admin, make_notice):
    make_notice("土地清理草稿", park_="B", status="draft")
    make_notice("土地清理通知", park_="B", audience=["C"])
    login(staff("A"))
    page = client.get("/search?q=土地清理").get_data(as_text=True)
    assert 'data-testid="search-empty"' in page
    assert "土地清理草稿" not in page and "土地清理通知" not in page
    admin_client = app.test_client()
    login(admin, use_client=admin_client)
    page = admin_client.get("/search?q=土地清理").get_data(as_text=True)
    assert sorted(hit_titles(page)) == ["土地清理草稿", "土地清理通知"]


def test_user_content_and_query_are_escaped(client, login, staff, make_notice, make_listing):
    make_notice('<script>alert("t")</script>资金补助', '<img src=x onerror=alert(1)> 资金补助细则')
    make_listing("资金<b>专员</b>", enterprise='"><svg onload=alert(2)>')
    login(staff("A"))
    page = client.get("/search?q=资金").get_data(as_text=True)
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "<svg onload" not in page
    assert "<b>专员" not in page
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;<mark>资金</mark>补助" in page
    page = client.get('/search?q=<script>alert(1)</script>').get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_highlight_escapes_first_then_marks():
    assert str(highlight("<b>资金</b> & 资金", ["资金"])) == (
        "&lt;b&gt;<mark>资金</mark>&lt;/b&gt; &amp; <mark>资金</mark>")
    # a term that is itself markup matches the text, never injects it
    assert str(highlight("a <mark> b", ["<mark>"])) == "a <mark>&lt;mark&gt;</mark> b"
    assert str(highlight("ZZGX-2022", ["zzgx"])) == "<mark>ZZGX</mark>-2022"


def test_snippet_centres_on_the_match():
    body = "前言" * 100 + "资金补助政策" + "结尾" * 100
    text = str(snippet([body], ["补助"]))
    assert "<mark>补助</mark>" in text
    assert text.startswith("…") and text.endswith("…")
    assert len(re.sub(r"<[^>]+>|…", "", text)) <= 80
    assert str(snippet(["## 标题\n\n**重点** [链接](http://x.test)"], ["链接"])) == (
        "标题 重点 <mark>链接</mark>")


def test_header_box_is_a_labelled_get_form(app):
    with app.test_request_context("/"):
        html = render_template("search/_box.html")
    assert re.search(r'<form[^>]*method="get"[^>]*action="/search"', html)
    assert 'name="q"' in html
    assert re.search(r'<label for="header-search-q"', html)
    assert 'id="header-search-q"' in html
    assert "placeholder=" in html


def test_capped_counts_show_a_plus(monkeypatch, client, login, staff, make_listing):
    monkeypatch.setattr(services, "MAX_MATCHES", 3)
    for i in range(5):
        make_listing(f"人才引进岗位{i}")
    login(staff("A"))
    page = client.get("/search?q=人才引进").get_data(as_text=True)
    assert re.search(r'data-testid="search-count-talent">3\+<', page)
    assert "(3+)" in page
    assert len(hit_titles(page)) == 3
    one_kind = client.get("/search?q=人才引进&kind=talent").get_data(as_text=True)
    assert re.search(r'data-testid="search-count-talent">3\+<', one_kind)


def test_the_grouped_page_counts_fewer_matches_than_the_kind_page(monkeypatch, client, login,
                                                                   staff, make_listing):
    monkeypatch.setattr(views, "GROUPED_MATCHES", 6)
    for i in range(8):
        make_listing(f"人才引进岗位{i}")
    login(staff("A"))
    page = client.get("/search?q=人才引进").get_data(as_text=True)
    assert re.search(r'data-testid="search-count-talent">6\+<', page)
    assert hit_titles(page) == [f"人才引进岗位{i}" for i in range(7, 2, -1)]
    # the kind's page counts up to cap(kind): the link does not promise a number
    assert re.search(r"search-more-talent\">\s*查看“[^”]+”中最新的结果<", page)
    one_kind = client.get("/search?q=人才引进&kind=talent").get_data(as_text=True)
    assert re.search(r'data-testid="search-count-talent">8<', one_kind)
    assert hit_titles(one_kind)[:5] == hit_titles(page)
