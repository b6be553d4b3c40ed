"""A notified motif never names another applicant: a letter goes to one structure and speaks of it alone."""

from __future__ import annotations

import re
from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA324",
    title="Motif notifié qui nomme une autre candidature",
    severity=Severity.ERROR,
    hint="Le motif notifié (« motif_notifie ») est écrit dans la notification envoyée à la structure : expliquez la décision sans nommer d'autre candidature ni structure (« une structure du même secteur était mieux classée ») ; gardez le détail dans « motif », qui reste interne.",
    example="- candidature: og-exemple\n  decision: liste_attente\n  motif_notifie: L'Association Voisine a été retenue à votre place.",
    fix="- candidature: og-exemple\n  decision: liste_attente\n  motif: L'Association Voisine, du même secteur, est mieux classée.\n  motif_notifie: Une structure du même secteur a été mieux classée ; vous êtes sur la liste d'attente.",
    scope="instance",
)


_TRAILING_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*$")


def _names(ctx: Context, application_id: str) -> dict[str, str]:
    """The names by which another application could be recognised: its OG's and its établissements', by application id."""
    found: dict[str, str] = {}
    for application in ctx.records.applications:
        if application.id == application_id:
            continue
        for name in (application.og.name, *(etablissement.name for etablissement in application.etablissements)):
            # « Fondation Castagniccia Solidarité (fictive) » is also recognised without its closing parenthesis.
            for form in {name.strip(), _TRAILING_PARENTHESIS.sub("", name).strip()}:
                if len(form) >= 4:
                    found[form] = application.og.name
    return found


def check(ctx: Context) -> Iterator[Finding]:
    selection = ctx.records.selection
    if selection is None:
        return
    own = {application.id: application for application in ctx.records.applications}
    for decision in selection.decisions:
        text = decision.notified_motif
        if not text:
            continue
        own_names = {name.lower() for name in ((own[decision.application].og.name, *(item.name for item in own[decision.application].etablissements)) if decision.application in own else ())}
        named = sorted({og for name, og in _names(ctx, decision.application).items() if name.lower() not in own_names and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags=re.IGNORECASE)})
        if named:
            yield decision.source.at("motif_notifie").finding(RULE, f"le motif notifié nomme une autre candidature ({', '.join(named)}) : il sera lu par la structure destinataire")
