"""Follow-up folders belong to retained structures (or to the collective)."""

from __future__ import annotations

from acia.findings import Rule, Severity
from acia.model.followup import COLLECTIVE, retained

RULE = Rule(
    id="ACIA501",
    title="Dossier de suivi sans structure retenue",
    severity=Severity.ERROR,
    hint="Nommez le dossier de suivi d'après l'identifiant d'une candidature retenue dans data/selection.yml, ou « collectif » pour les temps collectifs et le comité de suivi.",
    example="data/suivi/og-2a-ornano/reunions.yml   # candidature non retenue",
    fix="data/suivi/og-2a-fondation-u-sole/reunions.yml",
    scope="instance",
)
# The collective has meetings and minutes, not deliverables, recommendations or a bilan.
COLLECTIVE_KINDS = ("reunions", "compte_rendu")


def check(ctx):
    selected = set(retained(ctx.documents))
    has_selection = bool(ctx.of_kind("selection"))
    for document in ctx.documents:
        folder = document.folder
        if not folder:
            continue
        if folder == COLLECTIVE:
            if document.kind not in COLLECTIVE_KINDS:
                yield document.finding(RULE, (), f"le collectif n'a que des réunions et des comptes rendus : « {document.rel.rsplit('/', 1)[-1]} » se range dans le dossier d'une structure", "Déplacez le fichier dans data/suivi/<identifiant de la structure>/.")
        elif not has_selection:
            yield document.finding(RULE, (), f"le dossier data/suivi/{folder}/ suit une structure, mais aucune décision du comité (data/selection.yml) n'est enregistrée", "Enregistrez d'abord la décision du comité de sélection dans data/selection.yml.")
        elif folder not in selected:
            shown = ", ".join(sorted(selected)) or "(aucune)"
            yield document.finding(RULE, (), f"le dossier data/suivi/{folder}/ ne correspond à aucune candidature retenue", f"Candidatures retenues : {shown} ; ou « collectif ».")
