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


# The paragraph styles of a letter's blocks (templates/documents/_tete.md.j2, _pied.md.j2): name → (left indent in cm,
# right-aligned, space before in pt, kept with the next paragraph, font size in pt or None).
LETTER_STYLES = {
    "Expéditeur": (0.0, False, 0, False, 10),
    "Destinataire": (8.5, False, 18, False, None),
    "Lieu-date": (0.0, True, 12, False, None),
    "Objet": (0.0, False, 12, False, None),
    "Formule": (0.0, False, 0, True, None),
    "Signature": (8.5, False, 12, True, None),
    "Signataire": (8.5, False, 42, False, None),
}


def _letter_styles_docx(document) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    for name, (indent, right, before, keep, size) in LETTER_STYLES.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Body Text"]
        style.quick_style = True
        paragraph = style.paragraph_format
        if indent:
            paragraph.left_indent = Cm(indent)
        if right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.space_before = Pt(before)
        paragraph.keep_with_next = keep
        paragraph.keep_together = True
        if size:
            style.font.size = Pt(size)


def _letter_styles_odt() -> str:
    styles = []
    for name, (indent, right, before, keep, size) in LETTER_STYLES.items():
        paragraph = f'fo:margin-left="{indent}cm" fo:margin-top="{before / 28.35:.2f}cm" fo:keep-together="always"'
        paragraph += ' fo:text-align="end"' if right else ""
        paragraph += ' fo:keep-with-next="always"' if keep else ""
        text = f'<style:text-properties fo:font-size="{size}pt"/>' if size else ""
        styles.append(
            f'<style:style style:name="{name}" style:display-name="{name}" style:family="paragraph" style:parent-style-name="Text_20_body">'
            f"<style:paragraph-properties {paragraph}/>{text}</style:style>"
        )
    return "".join(styles)


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
    _letter_styles_docx(document)
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
    styles = styles.replace("</office:styles>", _letter_styles_odt() + "</office:styles>", 1)
    content["styles.xml"] = styles.encode("utf-8")
    content["meta.xml"] = re.sub(rb"<meta:creation-date>[^<]*</meta:creation-date>", b"", content.get("meta.xml", b""))
    return _rezip(content, names)


def main() -> None:
    (HERE / "reference.docx").write_bytes(reference_docx())
    (HERE / "reference.odt").write_bytes(reference_odt())
    print("reference.docx et reference.odt régénérés.")


if __name__ == "__main__":
    main()
