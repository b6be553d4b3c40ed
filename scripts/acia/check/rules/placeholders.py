"""Values still to complete (« À COMPLÉTER », written by acia init): reported until replaced, never blocking."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity
from acia.model import placeholders

RULE = Rule(
    id="ACIA408",
    title="Valeur à compléter",
    severity=Severity.WARNING,
    hint="Remplacez-la par la valeur de l'appel : acia init l'a écrite là où ses réponses ne disaient rien. Ce n'est qu'un avertissement, jusqu'au remplacement.",
    example='contexte: "À COMPLÉTER : contexte et enjeux de l\'appel, en quelques phrases."\ndelegue:\n  email: a-completer@example.org',
    fix="contexte: Le numérique transforme le travail dans les structures sociales et médico-sociales…\ndelegue:\n  email: dpd@ars.sante.fr",
)


def check(ctx: Context) -> Iterator[Finding]:
    for document in ctx.documents:
        for path, value in placeholders.found_in(document):
            shown = value if len(value) <= 80 else value[:79] + "…"
            yield document.finding(RULE, path, f"valeur à compléter : « {shown} »")
