"""The digital inventory of Annexe 1 is coherent: ticked tools, their details, the yes/no answer."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA308",
    title="État des lieux du numérique incohérent",
    severity=Severity.ERROR,
    hint="Comme sur la fiche : si « Oui », cochez au moins un outil ; précisez la solution MSS et les « Autres » outils cochés.",
    example="numerique:\n  dispose_outils: true\n  outils: [mss, autres]",
    fix="numerique:\n  dispose_outils: true\n  outils: [mss, autres]\n  mss_solution: MSSanté de l'éditeur du DUI\n  autres_outils: Logiciel de planning",
)


def check(ctx: Context) -> Iterator[Finding]:
    # Checked even when the programme is unusable (ctx.model is then None).
    applications = ctx.records.applications
    for application in applications:
        digital = application.digital
        tools = digital.tools
        source = digital.source
        if digital.has_tools and not tools:
            yield source.at("dispose_outils").finding(RULE, "la structure dit disposer d'outils numériques mais aucun outil n'est coché dans « outils »")
        if not digital.has_tools and tools:
            yield source.at("outils").finding(RULE, "des outils sont cochés alors que « dispose_outils » vaut false", "Mettez « dispose_outils: true » ou videz la liste « outils ».")
        if "mss" in tools and not digital.mss_solution:
            yield source.at("outils").finding(RULE, "la messagerie sécurisée (mss) est cochée sans préciser la solution", "Ajoutez « mss_solution: … » (nom de la solution).")
        if "autres" in tools and not digital.other_tools:
            yield source.at("outils").finding(RULE, "« autres » est coché sans préciser lesquels", "Ajoutez « autres_outils: … ».")
        for key, given, tool in (("mss_solution", digital.mss_solution, "mss"), ("autres_outils", digital.other_tools, "autres")):
            if given and tool not in tools:
                yield source.at(key).finding(RULE, f"« {key} » est renseigné mais « {tool} » n'est pas coché dans « outils »", f"Ajoutez « {tool} » à « outils » ou supprimez « {key} ».")
