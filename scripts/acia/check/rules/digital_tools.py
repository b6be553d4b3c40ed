"""The digital inventory of Annexe 1 is coherent: ticked tools, their details, the yes/no answer."""

from __future__ import annotations

from acia.findings import Rule, Severity

RULE = Rule(
    id="ACIA308",
    title="État des lieux du numérique incohérent",
    severity=Severity.ERROR,
    hint="Comme sur la fiche : si « Oui », cochez au moins un outil ; précisez la solution MSS et les « Autres » outils cochés.",
    example="numerique:\n  dispose_outils: true\n  outils: [mss, autres]",
    fix="numerique:\n  dispose_outils: true\n  outils: [mss, autres]\n  mss_solution: MSSanté de l'éditeur du DUI\n  autres_outils: Logiciel de planning",
)


def check(ctx):
    for document in ctx.applications:
        digital = document.data["numerique"]
        tools = digital.get("outils", [])
        if digital["dispose_outils"] and not tools:
            yield document.finding(RULE, ("numerique", "dispose_outils"), "la structure dit disposer d'outils numériques mais aucun outil n'est coché dans « outils »")
        if not digital["dispose_outils"] and tools:
            yield document.finding(
                RULE, ("numerique", "outils"), "des outils sont cochés alors que « dispose_outils » vaut false", "Mettez « dispose_outils: true » ou videz la liste « outils »."
            )
        if "mss" in tools and "mss_solution" not in digital:
            yield document.finding(RULE, ("numerique", "outils"), "la messagerie sécurisée (mss) est cochée sans préciser la solution", "Ajoutez « mss_solution: … » (nom de la solution).")
        if "autres" in tools and "autres_outils" not in digital:
            yield document.finding(RULE, ("numerique", "outils"), "« autres » est coché sans préciser lesquels", "Ajoutez « autres_outils: … ».")
        for key, tool in (("mss_solution", "mss"), ("autres_outils", "autres")):
            if key in digital and tool not in tools:
                yield document.finding(
                    RULE, ("numerique", key), f"« {key} » est renseigné mais « {tool} » n'est pas coché dans « outils »", f"Ajoutez « {tool} » à « outils » ou supprimez « {key} »."
                )
