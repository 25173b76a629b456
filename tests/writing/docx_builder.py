"""Small Word documents built in the tests with python-docx (no binary fixtures in git)."""

import io
import struct
import zlib

import docx
from docx.shared import Inches


def png_bytes() -> bytes:
    """A valid 1×1 red PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def notice_docx(*, image: bool = False, heading: str = "关于开展园区安全检查的通知") -> bytes:
    document = docx.Document()
    document.add_heading(heading, level=1)
    document.add_paragraph("各园区：请于 *本周* 内完成 [自查]。")
    para = document.add_paragraph()
    para.add_run("务必").bold = True
    para.add_run("按时")
    para.add_run("上报").italic = True
    document.add_paragraph("检查消防通道", style="List Bullet")
    document.add_paragraph("检查配电房", style="List Bullet")
    document.add_paragraph("自查", style="List Number")
    document.add_paragraph("整改", style="List Number")
    table = document.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "园区", (0, 1): "负责人", (1, 0): "田心|高科园",
                         (1, 1): "张三"}.items():
        table.cell(r, c).text = text
    document.add_heading("二、工作要求", level=2)
    document.add_paragraph("# 这一行不是标题")
    document.add_paragraph("<script>alert(1)</script>")
    if image:
        document.add_picture(io.BytesIO(png_bytes()), width=Inches(1))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
