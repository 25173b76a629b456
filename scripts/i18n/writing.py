"""Chinese for the msgids of branch writing (issue 13 item 6: Markdown toolbar, preview and
导入 Word 文档)."""

T = {
    # toolbar (templates/_markdown.html)
    "Formatting": "格式",
    "Bold": "加粗",
    "Heading": "标题",
    "Numbered list": "编号列表",
    "Link": "链接",
    "Table": "表格",
    "Quote": "引用",
    "Preview": "预览",
    "Import Word document": "导入 Word 文档",
    "bold text": "加粗文字",
    "item": "条目",
    "link text": "链接文字",
    "quoted text": "引用文字",
    "Column": "列",
    "The preview shows here as you type.": "输入内容后，预览显示在这里。",
    "The preview is not available right now; your text is unaffected.":
        "暂时无法预览，已输入的文字不受影响。",
    "This field already has text. What should the imported document do?":
        "此处已有文字，导入的文档如何处理？",
    "Append below the text": "追加到现有文字之后",
    "Replace the text": "替换现有文字",
    "Converting the document…": "正在转换文档…",
    "The document was imported into the text. Check it before saving.":
        "文档已导入正文，请核对后再保存。",
    "The document could not be imported.": "文档未能导入。",
    # hub/writing
    "The text is too long to preview.": "文字过长，无法预览。",
    "Images of the document (%(names)s) will be attached when you save.":
        "文档中的图片（%(names)s）将在保存时作为附件保存。",
    "%(n)d image(s) could not be kept; the text marks where they were.":
        "%(n)d 张图片未能保留，正文中已标明其位置。",
    "[Image %(name)s: attached to this record]": "[图片 %(name)s：见附件]",
    "[Image not kept (only PNG and JPEG images are kept): %(alt)s]":
        "[图片未保留（仅保留 PNG 和 JPEG 图片）：%(alt)s]",
    "[Image not kept (only PNG and JPEG images are kept)]":
        "[图片未保留（仅保留 PNG 和 JPEG 图片）]",
    "[Image not kept: this text cannot hold images]": "[图片未保留：此处不能保存图片]",
    "Choose a Word document (.docx) to import.": "请选择要导入的 Word 文档（.docx）。",
    "This file is not a Word document (.docx). In Word or WPS use “Save as” → “Word document "
    "(*.docx)” and import that file.":
        "该文件不是 Word 文档（.docx）。"
        "请在 Word 或 WPS 中“另存为”→“Word 文档（*.docx）”后再导入。",
    "The document is too large to import (at most 10 MB).": "文档过大，无法导入（最大 10 MB）。",
    "The document could not be read. Open it in Word or WPS, save it again as .docx and import "
    "it once more.": "无法读取该文档。请在 Word 或 WPS 中打开，重新另存为 .docx 后再导入。",
    "The document's text is too long for this field.": "文档文字过长，超出此处的长度限制。",
}
