#!/usr/bin/env python3
"""Time the commitment letters of N selected organismes gestionnaires in DOCX, ODT and PDF.

    .venv/bin/python benchmarks/documents.py [--n 50]

Generates N applications (Corse 2023 programme), records a committee decision
retaining all of them (the programme's limit is lifted for the measure), then
times the production of their commitment letters in the three formats, in
process, after one warm-up document. Figures, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

from validate import generate  # benchmarks/validate.py

from acia.check import check_instance, parse_now
from acia.letters import documents


def main() -> None:
    parser = argparse.ArgumentParser(description="Mesure de acia courriers")
    parser.add_argument("--n", type=int, default=50, help="nombre d'organismes gestionnaires retenus (50 par défaut)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        files = generate(root, arguments.n)
        programme = root / "data" / "programme.yml"
        programme.write_text(re.sub(r"organismes_gestionnaires: \{max: 4\}", f"organismes_gestionnaires: {{max: {arguments.n}}}", programme.read_text(encoding="utf-8")), encoding="utf-8")
        decisions = "".join(f"  - candidature: {path.stem}\n    decision: retenue\n    motif: Mesure de performance.\n" for path in files)
        (root / "data" / "selection.yml").write_text(
            f'# yaml-language-server: $schema=../schemas/selection.schema.json\ncomite:\n  date: "2023-07-11"\n  membres_presents: [aract, grades, ars]\ndecisions:\n{decisions}',
            encoding="utf-8",
        )
        context = check_instance(root, now=parse_now("2023-08-01")).context
        letters = [document for document in documents.prepare(context, root=root) if document.name == "lettre-engagement"]
        documents.write_all(root, letters[:1], documents.FORMATS)  # warm-up: imports, typst fonts
        start = time.perf_counter()
        written = documents.write_all(root, letters, documents.FORMATS)
        elapsed = time.perf_counter() - start
    print(f"lettres d'engagement : {len(letters)} organismes gestionnaires × {len(documents.FORMATS)} formats = {len(written)} fichiers")
    print(f"temps : {elapsed:.2f} s ({1000 * elapsed / len(written):.0f} ms par fichier)")


if __name__ == "__main__":
    main()
