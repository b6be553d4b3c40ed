"""Render the selection matrix and proposal: terminal text, CSV and JSON files.

Everything here is a pure function of the ``Proposal``; files are written in a
fixed order with fixed formatting so that two runs give identical bytes. The
spreadsheets and the chart (seconds at a thousand applications) are kept in
``build/.cache/selection/`` under the hash of what they are drawn from
(``acia.cache``): a rebuild with the same scores writes the same bytes at once.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from acia import cache, french
from acia.exports import chart, spreadsheet
from acia.model.programme import Programme, SelectionCriterion
from acia.model.selection import Candidate, Proposal, names_of

OUTPUT_FOLDER = Path("build") / "selection"


def ranking(proposal: Proposal) -> list[Candidate]:
    """Rows in reading order: proposed, then the waiting list, then the ineligible."""
    by_id = {candidate.id: candidate for candidate in proposal.candidates}
    proposed = sorted((by_id[i] for i in proposal.selected), key=lambda c: (-c.total, c.received, c.id))
    waiting = [by_id[i] for i in proposal.waiting]
    ineligible = sorted((c for c in proposal.candidates if not c.eligible), key=lambda c: c.id)
    return proposed + waiting + ineligible


def status(proposal: Proposal, candidate: Candidate) -> str:
    if not candidate.eligible:
        return "inéligible"
    if candidate.id in proposal.selected:
        return "proposée"
    return f"liste d'attente n° {proposal.waiting.index(candidate.id) + 1}"


def scored_criteria(programme: Programme) -> list[SelectionCriterion]:
    return [criterion for criterion in programme.criteria if criterion.mode != "ensemble"]


def as_json(proposal: Proposal) -> str:
    data = proposal.as_dict()
    order = [candidate.id for candidate in ranking(proposal)]
    data["classement"] = sorted(data["classement"], key=lambda row: order.index(row["id"]))
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# How a criterion is scored, in a column header: « Implication des salariés (noté, poids 1) ».
MODE_HEADINGS = {"automatique": "calculé", "manuel": "noté", "ensemble": "sur la sélection"}


def table(proposal: Proposal, programme: Programme) -> tuple[list[str], list[list]]:
    """Header and rows of the matrix: one row per application, one column per criterion.

    A person reads it: columns are headed by the criteria's short labels, the axe
    and the sectors by their labels. The first column keeps the application's
    identifier, the name of its files in data/, next to the organisme's name.

    Criterion cells hold the points the application earns (weight × value);
    numbers are floats rounded to 4 places, text cells are strings.
    """
    criteria = scored_criteria(programme)
    header = (
        ["Candidature", "Organisme gestionnaire", "Axe", "Secteurs", "Éligible"]
        + [f"{criterion.short_label} ({MODE_HEADINGS[criterion.mode]}, poids {french.number(criterion.weight)})" for criterion in criteria]
        + ["Score total (sur 100)", "Proposition", "Motif"]
    )
    rows = []
    for candidate in ranking(proposal):
        points = {score.id: round(float(score.points), 4) for score in candidate.scores}
        rows.append(
            [candidate.id, candidate.name, candidate.axe_title, ", ".join(sorted(programme.sector_label(sector) for sector in candidate.sectors)), "oui" if candidate.eligible else "non"]
            + [points.get(criterion.id) for criterion in criteria]
            + [round(float(candidate.total), 4), status(proposal, candidate), proposal.explanations[candidate.id]]
        )
    return header, rows


# A text cell starting with one of these is read as a formula by spreadsheets (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_text(value: str) -> str:
    """A text cell a spreadsheet cannot read as a formula: an apostrophe before a formula start (OWASP)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _csv_cell(value: object) -> object:
    """Numbers stay numbers (decimal comma); text from the data is made inert."""
    if value is None:
        return ""
    if isinstance(value, float):
        return french.number(value, 2)
    if isinstance(value, str):
        # The csv module quotes a field holding "\n" but not a lone "\r", which would split the row.
        return inert_text(value).replace("\r\n", "\n").replace("\r", "\n")
    return value


def as_csv(proposal: Proposal, programme: Programme) -> str:
    """Semicolon-separated, decimal comma: what LibreOffice Calc and Excel expect in French.

    CSV has no cell types: a text starting with ``= + - @``, a tab or a
    carriage return is prefixed with an apostrophe, so that opening the file
    never evaluates a formula from the data. (ODS and XLSX write text cells as
    strings, never formulas: see ``spreadsheet``.)
    """
    header, rows = table(proposal, programme)
    return rows_as_csv(header, rows)


def rows_as_csv(header: list[str], rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow([_csv_cell(name) for name in header])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue()


def as_text(proposal: Proposal, programme: Programme) -> str:
    rows = ranking(proposal)
    eligible = sum(1 for candidate in rows if candidate.eligible)
    lines = [
        f"Matrice de sélection — {programme.title}",
        f"{french.plural(len(rows), 'candidature')}, dont {eligible} {french.agree(eligible, 'éligible')}.",
        "Contraintes : " + (" ; ".join(proposal.limits.describe()) or "aucune") + ".",
    ]
    if proposal.relaxed:
        lines.append("Contraintes appliquées à la proposition : " + (" ; ".join(proposal.constraints.describe()) or "aucune") + ".")
    if proposal.coverage_summary():
        lines.append(proposal.coverage_summary())
    lines.append("")
    lines += [f"ATTENTION : {alert}" for alert in proposal.alerts]
    if proposal.alerts:
        lines.append("")
    # The OG's name for the reader, the file's identifier for data/selection.yml (« candidature: … »).
    names = names_of(proposal.candidates)
    width = max([len(names[candidate.id]) for candidate in rows] + [len("Candidature")])
    file_width = max([len(candidate.id) for candidate in rows] + [len("Fichier")])
    axe_width = max([len(candidate.axe_title) for candidate in rows] + [len("Axe")])
    lines.append(f"{'Candidature':<{width}}  {'Fichier':<{file_width}}  {'Axe':<{axe_width}}  {'Score':>6}  Proposition")
    for candidate in rows:
        lines.append(f"{names[candidate.id]:<{width}}  {candidate.id:<{file_width}}  {candidate.axe_title:<{axe_width}}  {french.number(candidate.total, 2):>6}  {status(proposal, candidate)}")
    lines += [
        "",
        "Proposition : " + (", ".join(names[identifier] for identifier in proposal.selected) or "aucune candidature"),
        "Liste d'attente : " + (", ".join(names[identifier] for identifier in proposal.waiting) or "vide"),
        "",
        "Motifs :",
    ]
    lines += [f"- {names[candidate.id]} ({candidate.id}) — {proposal.explanations[candidate.id]}" for candidate in rows]
    return "\n".join(lines) + "\n"


def write_outputs(root: Path, proposal: Proposal, programme: Programme, kept: cache.ContentCache | None = None) -> list[Path]:
    """Write the matrix files under <root>/build/selection/ and return their paths.

    Each file is written to a temporary name then renamed: never half-written.
    Dates inside the spreadsheets are the programme's deadline, not "now".
    ``kept`` (by default ``root/build/.cache/selection``) keeps the spreadsheets and the chart.
    """
    kept = kept if kept is not None else cache.ContentCache.of(root, "selection")
    folder = root / OUTPUT_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in (("matrice.csv", ("\ufeff" + as_csv(proposal, programme)).encode("utf-8")), ("proposition.json", as_json(proposal).encode("utf-8"))):
        temporary = folder / f"{name}.tmp"
        temporary.write_bytes(content)
        temporary.replace(folder / name)
    header, rows = table(proposal, programme)
    title = f"Matrice de sélection — {programme.title}"
    sheet = ("Matrice", header, rows, title, programme.deadline)
    _kept_or_made(kept, folder / "matrice.xlsx", ("xlsx", version("XlsxWriter"), repr(sheet)), lambda path: spreadsheet.write_xlsx(path, *sheet))
    _kept_or_made(kept, folder / "matrice.ods", ("ods", version("odfpy"), repr(sheet)), lambda path: spreadsheet.write_ods(path, *sheet))
    ranked = ranking(proposal)
    bars = (
        [candidate.name for candidate in ranked],
        [round(float(candidate.total), 4) for candidate in ranked],
        [status(proposal, candidate).split(" n°")[0] for candidate in ranked],
        f"Scores des candidatures — {programme.title}" + _unscored(proposal, programme),
    )
    _kept_or_made(kept, folder / "scores.svg", ("svg", version("matplotlib"), repr(bars)), lambda path: chart.write_svg(path, chart.scores_svg(*bars)))
    return [folder / name for name in ("matrice.csv", "matrice.ods", "matrice.xlsx", "proposition.json", "scores.svg")]


def _kept_or_made(kept: cache.ContentCache, path: Path, inputs: tuple[str, ...], make: Callable[[Path], None]) -> None:
    """Write ``path`` from the cache when the same inputs (and the same code: the exports' modules) made it before, else make it and keep it."""
    key = cache.fingerprint(*inputs, Path(__file__), Path(spreadsheet.__file__), Path(chart.__file__))
    content = kept.get(key, path.suffix)
    if content is None:
        make(path)
        kept.put(key, path.suffix, path.read_bytes())
        return
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(content)
    temporary.replace(path)


def _unscored(proposal: Proposal, programme: Programme) -> str:
    """What the chart's title says when every bar is empty: why, rather than a ranking of zeros."""
    if proposal.scored:
        return ""
    return " (aucun score encore : les évaluations du comité manquent)" if programme.criteria else " (le programme ne note pas les candidatures)"
