"""Chinese text of the msgids added by branch eff2 (CSV import, chart tables and exports)."""

T = {
    ".xlsx or .csv file": ".xlsx 或 .csv 文件",
    "Upload an .xlsx workbook or a .csv file.": "请上传 .xlsx 工作簿或 .csv 文件。",
    "The file is not a readable CSV file (comma-separated, UTF-8 or GBK).":
        "不是可读取的 CSV 文件（应为逗号分隔，UTF-8 或 GBK 编码）。",
    "Import enterprises from .xlsx or CSV": "从 .xlsx 或 CSV 导入企业",
    "First row: the headers of the export (企业名称, 统一社会信用代码, 产业链, 县市区, "
    "用地面积（亩）, 规上企业). A known credit code updates that enterprise. "
    "Nothing is saved if any row is wrong. CSV: comma-separated, UTF-8 or GBK (as Excel saves it).":
        "第一行为导出文件的表头（企业名称、统一社会信用代码、产业链、县市区、用地面积（亩）、"
        "规上企业）。已有的信用代码将更新该企业。任一行有误则全部不保存。"
        "CSV 文件须为逗号分隔，UTF-8 或 GBK 编码（Excel 另存为 CSV 即可）。",
    "Tax per mu %(year)s": "%(year)s年亩均税收",
    "Change (%)": "变化（%）",
    "Export this table (.xlsx)": "导出此表（.xlsx）",
    "Export all tables (.xlsx, one sheet each)": "导出全部表格（.xlsx，每表一个工作表）",
}
