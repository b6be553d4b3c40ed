"""Follow-up folders belong to retained structures (or to the collective)."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.model.followup import COLLECTIVE

RULE = Rule(
    id="ACIA501",
    title="Dossier de suivi sans structure retenue",
    severity=Severity.ERROR,
    hint="Nommez le dossier de suivi d'après l'identifiant d'une candidature retenue dans data/selection.yml, ou « collectif » pour les temps collectifs et le comité de suivi.",
    example="data/suivi/og-autre/reunions.yml   # candidature non retenue",
    fix="data/suivi/og-exemple/reunions.yml",
    scope="instance",
)


def check(ctx: Context) -> Iterator[Finding]:
    files = ctx.followup_files
    selected = set(files.retained or ())
    for folder in files.folders.values():
        if folder.id == COLLECTIVE:
            # The collective has meetings and minutes, not deliverables, recommendations or a bilan.
            for source in folder.structure_sources:
                yield source.finding(
                    RULE,
                    f"le collectif n'a que des réunions et des comptes rendus : « {source.file.rsplit('/', 1)[-1]} » se range dans le dossier d'une structure",
                    "Déplacez le fichier dans data/suivi/<identifiant de la structure>/.",
                )
        elif files.retained is None:
            for source in folder.sources:
                yield source.finding(
                    RULE,
                    f"le dossier data/suivi/{folder.id}/ suit une structure, mais aucune décision du comité (data/selection.yml) n'est enregistrée",
                    "Enregistrez d'abord la décision du comité de sélection dans data/selection.yml.",
                )
        elif folder.id not in selected:
            shown = ", ".join(sorted(selected)) or "(aucune)"
            for source in folder.sources:
                yield source.finding(RULE, f"le dossier data/suivi/{folder.id}/ ne correspond à aucune candidature retenue", f"Candidatures retenues : {shown} ; ou « collectif ».")
