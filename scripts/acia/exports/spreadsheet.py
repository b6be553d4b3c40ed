"""Write a table as XLSX (XlsxWriter) and ODS (odfpy), reproducibly.

Both files open on a frozen header row with numbers shown with two decimals,
which LibreOffice Calc and Excel display with a decimal comma in French.
Dates inside the files come from the data (``moment``), and the ODS archive
is rewritten with fixed entry timestamps, so two runs give identical bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

from acia import french

Cell = str | float | int | None
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def write_xlsx(path: Path, sheet: str, header: list[str], rows: list[list[Cell]], title: str, moment: datetime) -> None:
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    workbook.set_properties({"title": title, "author": "acia", "created": moment.replace(tzinfo=None)})
    worksheet = workbook.add_worksheet(sheet[:31])
    head = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E7E6E6", "border": 1})
    number = workbook.add_format({"num_format": "0.00", "valign": "top"})
    text = workbook.add_format({"text_wrap": True, "valign": "top"})
    for column, name in enumerate(header):
        worksheet.write_string(0, column, name, head)
        worksheet.set_column(column, column, _width(name, [row[column] for row in rows]))
    for row_index, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, (int, float)):
                worksheet.write_number(row_index, column, value, number)
            elif value:
                worksheet.write_string(row_index, column, value, text)
    worksheet.freeze_panes(1, 1)
    worksheet.autofilter(0, 0, len(rows), len(header) - 1)
    workbook.close()
    _atomic_write(path, buffer.getvalue())


def _width(name: str, values: list[Cell]) -> int:
    longest = max([len(name)] + [len(str(value)) for value in values if value is not None])
    return max(10, min(longest + 2, 60))


def write_ods(path: Path, sheet: str, header: list[str], rows: list[list[Cell]], title: str, moment: datetime) -> None:
    from odf import dc, meta, number, style, table, text
    from odf.opendocument import OpenDocumentSpreadsheet

    document = OpenDocumentSpreadsheet()
    document.meta.addElement(dc.Title(text=title))
    document.meta.addElement(meta.CreationDate(text=moment.replace(tzinfo=None).isoformat()))
    decimals = number.NumberStyle(name="deux-decimales", language="fr", country="FR")
    decimals.addElement(number.Number(decimalplaces="2", minintegerdigits="1"))
    document.automaticstyles.addElement(decimals)
    numeric = style.Style(name="nombre", family="table-cell", datastylename="deux-decimales")
    document.automaticstyles.addElement(numeric)
    bold = style.Style(name="entete", family="table-cell")
    bold.addElement(style.TextProperties(fontweight="bold"))
    bold.addElement(style.TableCellProperties(backgroundcolor="#e7e6e6", wrapoption="wrap"))
    document.automaticstyles.addElement(bold)
    sheet_table = table.Table(name=sheet)
    for column, name in enumerate(header):
        width = style.Style(name=f"colonne{column}", family="table-column")
        width.addElement(style.TableColumnProperties(columnwidth=f"{round(_width(name, [row[column] for row in rows]) * 0.2, 1)}cm"))
        document.automaticstyles.addElement(width)
        sheet_table.addElement(table.TableColumn(stylename=width))
    header_row = table.TableRow()
    for name in header:
        cell = table.TableCell(valuetype="string", stylename=bold)
        cell.addElement(text.P(text=name))
        header_row.addElement(cell)
    sheet_table.addElement(header_row)
    for row in rows:
        line = table.TableRow()
        for value in row:
            if isinstance(value, (int, float)):
                cell = table.TableCell(valuetype="float", value=repr(float(value)), stylename=numeric)
                cell.addElement(text.P(text=french.number(value, 2)))
            else:
                cell = table.TableCell(valuetype="string") if value else table.TableCell()
                if value:
                    cell.addElement(text.P(text=value))
            line.addElement(cell)
        sheet_table.addElement(line)
    document.spreadsheet.addElement(sheet_table)
    document.settings.addElement(_frozen_header_settings(sheet))
    buffer = io.BytesIO()
    document.write(buffer)
    _atomic_write(path, _normalised_zip(buffer.getvalue()))


def _frozen_header_settings(sheet: str):
    """LibreOffice view settings that freeze the first row and column of ``sheet``."""
    from odf import config

    def item(name: str, kind: str, value: str):
        element = config.ConfigItem(name=name, type=kind)
        element.addText(value)
        return element

    view_settings = config.ConfigItemSet(name="ooo:view-settings")
    views = config.ConfigItemMapIndexed(name="Views")
    view = config.ConfigItemMapEntry()
    view.addElement(item("ViewId", "string", "view1"))
    tables = config.ConfigItemMapNamed(name="Tables")
    entry = config.ConfigItemMapEntry(name=sheet)
    for name, value in (
        ("HorizontalSplitMode", "2"),
        ("VerticalSplitMode", "2"),
        ("HorizontalSplitPosition", "1"),
        ("VerticalSplitPosition", "1"),
        ("ActiveSplitRange", "2"),
        ("PositionRight", "1"),
        ("PositionBottom", "1"),
    ):
        entry.addElement(item(name, "short" if "Mode" in name or "Range" in name else "int", value))
    tables.addElement(entry)
    view.addElement(tables)
    views.addElement(view)
    view_settings.addElement(views)
    return view_settings


def _normalised_zip(content: bytes) -> bytes:
    """Rewrite an archive with fixed timestamps, keeping entry order and compression."""
    source = zipfile.ZipFile(io.BytesIO(content))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = info.compress_type
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return output.getvalue()


def _atomic_write(path: Path, content: bytes) -> None:
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_bytes(content)
    temporary.replace(path)
