"""赋权事项: handover steps with their required document / first case / reason, the matrix,
a park's list, permissions, import with a row report, export."""

import io
from datetime import date

from openpyxl import Workbook, load_workbook

from hub.attachments.models import Attachment
from hub.audit.models import AuditEntry
from hub.extensions import db
from hub.parks.models import Park
from hub.powers.models import STATUS_LABELS, HandoverStatus, PowerHandover, PowerItem, PowerMode

PARK_A, PARK_B = "田心高科园", "醴陵经开区"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_item(name="企业投资项目备案", department="市发改委", mode=PowerMode.DIRECT):
    item = PowerItem(name=name, department=department, mode=mode, legal_basis="《条例》")
    db.session.add(item)
    db.session.commit()
    return item


def handover(item_id, park_id):
    db.session.expire_all()
    return db.session.execute(db.select(PowerHandover).where(
        PowerHandover.item_id == item_id, PowerHandover.park_id == park_id)).scalar()


def test_signing_needs_the_document_then_running_needs_the_first_case(client, login, make_user):
    a = make_user(park=PARK_A)
    item = make_item()
    login(a)
    url = f"/powers/items/{item.id}/park/{a.park_id}"
    resp = client.post(url, data={"to": "signed", "on": "2026-08-10"})
    assert resp.status_code == 422
    assert "is-invalid" in resp.get_data(as_text=True)
    assert handover(item.id, a.park_id) is None
    resp = client.post(url, data={"to": "signed", "on": "2026-08-10",
                                  "document": (io.BytesIO(PDF), "交接书.pdf")},
                       content_type="multipart/form-data")
    assert resp.status_code == 302
    row = handover(item.id, a.park_id)
    assert row.status is HandoverStatus.SIGNED and row.signed_on == date(2026, 8, 10)
    assert db.session.execute(db.select(Attachment).where(
        Attachment.owner_type == "power_handover")).scalar().original_name == "交接书.pdf"
    resp = client.post(url, data={"to": "running", "on": "2026-08-01", "first_case": ""})
    assert resp.status_code == 422  # no first case, and before the signing: both said
    page = resp.get_data(as_text=True)
    assert "请填写承接后办理的首件业务。" in page and "该日期早于交接书/协议书签订日期。" in page
    assert handover(item.id, a.park_id).status is HandoverStatus.SIGNED
    resp = client.post(url, data={"to": "running", "on": "2026-09-01",
                                  "first_case": "某公司项目备案"})
    assert resp.status_code == 302
    row = handover(item.id, a.park_id)
    assert (row.status, row.running_on, row.first_case) == (
        HandoverStatus.RUNNING, date(2026, 9, 1), "某公司项目备案")
    page = client.get(url).get_data(as_text=True)
    assert "交接书.pdf" in page and "某公司项目备案" in page
    actions = db.session.execute(db.select(AuditEntry.action).where(
        AuditEntry.object_type == "power_handover")).scalars().all()
    assert actions == ["transition", "transition"]


def test_deferring_needs_a_reason(client, login, make_user):
    a = make_user(park=PARK_A)
    item = make_item()
    login(a)
    url = f"/powers/items/{item.id}/park/{a.park_id}"
    resp = client.post(url, data={"to": "deferred", "on": "2026-08-10", "reason": ""})
    assert resp.status_code == 422
    resp = client.post(url, data={"to": "deferred", "on": "2026-08-10", "reason": "承接人员未到位"})
    assert resp.status_code == 302
    assert handover(item.id, a.park_id).reason == "承接人员未到位"
    # running straight from deferred is not a step of the workflow
    assert client.post(url, data={"to": "running", "on": "2026-08-11",
                                  "first_case": "x"}).status_code == 422


def test_park_a_cannot_set_park_bs_status(client, login, make_user):
    a, b = make_user(park=PARK_A), make_user(park=PARK_B)
    item = make_item()
    login(a)
    resp = client.post(f"/powers/items/{item.id}/park/{b.park_id}",
                       data={"to": "deferred", "on": "2026-08-10", "reason": "伪造"})
    assert resp.status_code == 403
    assert handover(item.id, b.park_id) is None
    assert client.get("/powers/items/new").status_code == 403
    assert client.get("/powers/import").status_code == 403


def test_matrix_shows_status_colours_and_filters(client, login, make_user):
    a, b = make_user(park=PARK_A), make_user(park=PARK_B)
    direct = make_item()
    entrusted = make_item("建设工程规划许可", "市资规局", PowerMode.ENTRUSTED)
    db.session.add(PowerHandover(item_id=direct.id, park_id=a.park_id,
                                 status=HandoverStatus.RUNNING, signed_on=date(2026, 8, 1),
                                 running_on=date(2026, 8, 9), first_case="x"))
    db.session.commit()
    login(b)
    page = client.get("/powers/").get_data(as_text=True)
    cell = page.split(f'data-testid="m-{direct.id}-{a.park_id}"')[0].rsplit("<td", 1)[1]
    assert "table-success" in cell
    link = page.split(f'data-testid="m-{direct.id}-{a.park_id}"')[1].split("</td>")[0]
    assert f'href="/powers/items/{direct.id}/park/{a.park_id}"' in link
    assert f'>{str(STATUS_LABELS[HandoverStatus.RUNNING]).split(" (")[0]}</a>' in link
    pending = page.split(f'data-testid="m-{entrusted.id}-{b.park_id}"')[1].split("</td>")[0]
    assert f'href="/powers/items/{entrusted.id}/park/{b.park_id}"' in pending
    assert f'>{str(STATUS_LABELS[HandoverStatus.PENDING]).split(" (")[0]}</a>' in pending
    assert "建设工程规划许可" in page
    page = client.get("/powers/?mode=direct").get_data(as_text=True)
    assert "企业投资项目备案" in page and "建设工程规划许可" not in page
    page = client.get("/powers/?status=running").get_data(as_text=True)
    assert "企业投资项目备案" in page and "建设工程规划许可" not in page
    page = client.get(f"/powers/park/{a.park_id}").get_data(as_text=True)
    assert "2026-08-09" in page
    resp = client.get("/powers/?format=xlsx")
    sheet = load_workbook(io.BytesIO(resp.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("事项名称", "赋权部门", "赋权方式", "法律依据")
    assert {r[0] for r in rows[1:]} == {"企业投资项目备案", "建设工程规划许可"}
    column = rows[0].index(db.session.get(Park, a.park_id).name)
    by_item = {r[0]: r[column] for r in rows[1:]}
    assert by_item["企业投资项目备案"] == str(STATUS_LABELS[HandoverStatus.RUNNING])
    assert by_item["建设工程规划许可"] == str(STATUS_LABELS[HandoverStatus.PENDING])
    assert entrusted.handover_due is None
    # the export imports back unchanged
    client.post("/logout")
    login(make_user(park="株洲市园区办", role="admin"))
    resp = client.post("/powers/import", data={"file": (io.BytesIO(resp.data), "导出.xlsx")},
                       content_type="multipart/form-data")
    report = resp.get_data(as_text=True).split('data-testid="import-report"')[1]
    assert report.count("无变化") == 2 and "table-danger" not in report


def xlsx(rows) -> io.BytesIO:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def test_import_with_a_row_report(client, login, make_user):
    make_item()
    login(make_user(park="株洲市园区办", role="admin"))
    data = xlsx([["事项名称", "赋权部门", "赋权方式", "法律依据"],
                 ["企业投资项目备案", "市发改委", "直接赋权", "新依据"],
                 ["食品经营许可", "市市场监管局", "委托行使", ""],
                 ["", "市住建局", "委托行使", ""],
                 ["某事项", "市住建局", "随便", ""]])
    resp = client.post("/powers/import", data={"file": (data, "目录.xlsx")},
                       content_type="multipart/form-data")
    assert resp.status_code == 200
    report = resp.get_data(as_text=True).split('data-testid="import-report"')[1]
    assert report.count("table-danger") == 2
    items = {i.name: i for i in db.session.execute(db.select(PowerItem)).scalars()}
    assert set(items) == {"企业投资项目备案", "食品经营许可"}
    assert items["企业投资项目备案"].legal_basis == "新依据"
    assert items["食品经营许可"].mode is PowerMode.ENTRUSTED
    resp = client.post("/powers/import", data={"file": (io.BytesIO(b"not excel"), "x.xlsx")},
                       content_type="multipart/form-data")
    assert resp.status_code == 422 and "is-invalid" in resp.get_data(as_text=True)


def test_a_refused_document_is_shown_on_its_field_and_nothing_is_signed(client, login,
                                                                         make_user):
    a = make_user(park=PARK_A)
    item = make_item()
    login(a)
    resp = client.post(f"/powers/items/{item.id}/park/{a.park_id}",
                       data={"to": "signed", "on": "2026-08-10",
                             "document": (io.BytesIO(b"MZ\x90\x00binary"), "交接书.exe")},
                       content_type="multipart/form-data")
    assert resp.status_code == 422
    page = resp.get_data(as_text=True)
    document = page.split('id="document"', 1)[1].split("</div>", 1)[0]
    assert "交接书.exe" in document and "invalid-feedback" in document
    assert handover(item.id, a.park_id) is None


def test_a_file_that_is_not_a_catalogue_is_refused_on_the_file_field(client, login, make_user):
    login(make_user(park="株洲市园区办", role="admin"))
    resp = client.post("/powers/import", data={"file": (io.BytesIO(b"not excel"), "x.xlsx")},
                       content_type="multipart/form-data")
    assert resp.status_code == 422
    field = resp.get_data(as_text=True).split('id="file"', 1)[1].split("</div>", 1)[0]
    assert "事项名称" in field and "invalid-feedback" in field
