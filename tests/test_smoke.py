def test_login_page_is_chinese_by_default(client):
    resp = client.get("/login")
    assert resp.status_code == 200
    assert "登录" in resp.get_data(as_text=True) or "Sign in" in resp.get_data(as_text=True)


def test_staff_sees_dashboard_after_login(client, login, make_user):
    user = make_user(park="醴陵经开区")
    resp = login(user)
    assert resp.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "醴陵经开区" in page
