"""Render the selection matrix and proposal: terminal text, CSV and JSON files.

Everything here is a pure function of the ``Proposal``; files are written in a
fixed order with fixed formatting so that two runs give identical bytes.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .model import Programme
from .selection import Candidate, Proposal, decimal_fr

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


def scored_criteria(programme: Programme) -> list[dict]:
    return [criterion for criterion in programme.raw.get("criteres_priorisation", []) if criterion["mode"] != "ensemble"]


def as_json(proposal: Proposal) -> str:
    data = proposal.as_dict()
    order = [candidate.id for candidate in ranking(proposal)]
    data["classement"] = sorted(data["classement"], key=lambda row: order.index(row["id"]))
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def as_csv(proposal: Proposal, programme: Programme) -> str:
    """Semicolon-separated, decimal comma: what LibreOffice Calc and Excel expect in French."""
    criteria = scored_criteria(programme)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(
        ["Candidature", "Organisme gestionnaire", "Axe", "Secteurs", "Éligible"]
        + [f"{criterion['id']} ({criterion['mode']})" for criterion in criteria]
        + ["Score total", "Proposition", "Motif"]
    )
    for candidate in ranking(proposal):
        points = {score.id: decimal_fr(score.points) for score in candidate.scores}
        motif = proposal.explanations[candidate.id]
        writer.writerow(
            [candidate.id, candidate.name, candidate.axe, ", ".join(sorted(candidate.sectors)), "oui" if candidate.eligible else "non"]
            + [points.get(criterion["id"], "") for criterion in criteria]
            + [decimal_fr(candidate.total), status(proposal, candidate), motif]
        )
    return buffer.getvalue()


def as_text(proposal: Proposal, programme: Programme) -> str:
    rows = ranking(proposal)
    eligible = sum(1 for candidate in rows if candidate.eligible)
    lines = [
        f"Matrice de sélection — {programme.title}",
        f"{len(rows)} candidature{'s' if len(rows) > 1 else ''}, dont {eligible} éligible{'s' if eligible > 1 else ''}.",
        "Contraintes : " + (" ; ".join(proposal.constraints.describe()) or "aucune") + ".",
        "",
    ]
    lines += [f"ATTENTION : {alert}" for alert in proposal.alerts]
    if proposal.alerts:
        lines.append("")
    width = max([len(candidate.id) for candidate in rows] + [len("Candidature")])
    lines.append(f"{'Candidature':<{width}}  {'Axe':<14}  {'Score':>6}  Proposition")
    for candidate in rows:
        lines.append(f"{candidate.id:<{width}}  {candidate.axe:<14}  {decimal_fr(candidate.total):>6}  {status(proposal, candidate)}")
    lines += ["", "Proposition : " + (", ".join(proposal.selected) or "aucune candidature"), "Liste d'attente : " + (", ".join(proposal.waiting) or "vide"), "", "Motifs :"]
    lines += [f"- {candidate.id} — {proposal.explanations[candidate.id]}" for candidate in rows]
    return "\n".join(lines) + "\n"


def write_outputs(root: Path, proposal: Proposal, programme: Programme) -> list[Path]:
    """Write the matrix files under <root>/build/selection/ and return their paths."""
    folder = root / OUTPUT_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    outputs = {
        "matrice.csv": ("\ufeff" + as_csv(proposal, programme)).encode("utf-8"),
        "proposition.json": as_json(proposal).encode("utf-8"),
    }
    written = []
    for name, content in outputs.items():
        path = folder / name
        temporary = path.with_suffix(path.suffix + ".tmp")
        temporary.write_bytes(content)
        temporary.replace(path)  # never leave a half-written file
        written.append(path)
    return written
