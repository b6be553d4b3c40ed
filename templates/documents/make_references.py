#!/usr/bin/env python3
"""Regenerate reference.docx and reference.odt: pandoc's defaults, made sober and French.

    .venv/bin/python templates/documents/make_references.py

A4 pages with 2.5 cm margins, Arial (Liberation Sans where Arial is absent),
French as the document language (hyphenation, spell-checking). The files are
checked in; a test regenerates them and checks that nothing differs.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _pandoc_default(name: str) -> bytes:
    import pypandoc

    return subprocess.run([pypandoc.get_pandoc_path(), "--print-default-data-file", name], capture_output=True, check=True).stdout


def _rezip(content: dict[str, bytes], order: list[str]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content[name])
    return output.getvalue()


def reference_docx() -> bytes:
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = docx.Document(io.BytesIO(_pandoc_default("reference.docx")))
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)
    for style_name in ("Normal", "Body Text", "First Paragraph", "Compact"):
        try:
            style = document.styles[style_name]
        except KeyError:
            continue
        style.font.name = "Arial"
        style.font.size = Pt(11)
        properties = style.element.get_or_add_rPr()
        language = properties.find(qn("w:lang"))
        if language is None:
            language = properties.makeelement(qn("w:lang"), {})
            properties.append(language)
        language.set(qn("w:val"), "fr-FR")
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    names = [info.filename for info in source.infolist()]
    content = {name: source.read(name) for name in names}
    core = content.get("docProps/core.xml", b"")
    content["docProps/core.xml"] = re.sub(rb"<dcterms:(created|modified)([^>]*)>[^<]*</dcterms:\1>", rb"<dcterms:\1\2>2023-01-01T00:00:00Z</dcterms:\1>", core)
    return _rezip(content, names)


def reference_odt() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_pandoc_default("reference.odt")))
    names = [info.filename for info in source.infolist()]
    content = {name: source.read(name) for name in names}
    styles = content["styles.xml"].decode("utf-8")
    page = {"fo:page-width": "21cm", "fo:page-height": "29.7cm", "fo:margin-top": "2.5cm", "fo:margin-bottom": "2.5cm", "fo:margin-left": "2.5cm", "fo:margin-right": "2.5cm"}
    for attribute, value in page.items():  # US Letter, 1 inch margins → A4, 2.5 cm
        styles = re.sub(rf'{attribute}="[^"]*"', f'{attribute}="{value}"', styles)
    styles = styles.replace('fo:language="en"', 'fo:language="fr"').replace('fo:country="US"', 'fo:country="FR"')
    styles = styles.replace('style:font-name="Times New Roman"', 'style:font-name="Arial"')
    content["styles.xml"] = styles.encode("utf-8")
    content["meta.xml"] = re.sub(rb"<meta:creation-date>[^<]*</meta:creation-date>", b"", content.get("meta.xml", b""))
    return _rezip(content, names)


def main() -> None:
    (HERE / "reference.docx").write_bytes(reference_docx())
    (HERE / "reference.odt").write_bytes(reference_odt())
    print("reference.docx et reference.odt régénérés.")


if __name__ == "__main__":
    main()
