"""A lesson published on the Capitalisation page names no person."""

from __future__ import annotations

from .. import followup
from ..findings import Rule, Severity

RULE = Rule(
    id="ACIA512",
    title="Nom de personne dans un enseignement publié",
    severity=Severity.ERROR,
    hint="Les enseignements « partageable: true » sont publiés sur le site public : reformulez sans nom de personne (parlez de la fonction : « la cadre de santé »), ou passez-les en « partageable: false ».",
    example="- nature: levier\n  theme: conduite-projet\n  texte: Mme Durand a convaincu l'équipe de nuit.\n  partageable: true",
    fix="- nature: levier\n  theme: conduite-projet\n  texte: La directrice a convaincu l'équipe de nuit en venant à sa relève.\n  partageable: true",
    scope="instance",
)


def check(ctx):
    names = None
    for document in ctx.of_kind("compte_rendu"):
        for index, lesson in enumerate(document.data.get("enseignements", [])):
            if not lesson["partageable"]:
                continue
            if names is None:
                names = followup.person_names(ctx.documents)
            found = followup.names_in(lesson["texte"], names)
            if found:
                yield document.finding(RULE, ("enseignements", index, "texte"), f"l'enseignement publié nomme une personne ({', '.join(found)})")
