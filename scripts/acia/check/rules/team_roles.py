"""The project team holds every role the programme requires, with known role ids and the expected size."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA302",
    title="Équipe projet incomplète ou rôle inconnu",
    severity=Severity.ERROR,
    hint="Complétez l'équipe projet pour qu'elle tienne chaque rôle obligatoire du programme (clé « equipe_projet.roles » de data/programme.yml).",
    example="equipe_projet:\n  - role: direction\n  - role: manager",
    fix="equipe_projet:\n  - role: direction\n  - role: representant_personnel\n  - role: manager\n  - role: salarie_volontaire",
)


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.model is None:
        return
    programme = ctx.model.programme
    known = ", ".join(programme.team_roles)
    for application in ctx.model.applications:
        team = application.members
        present = set()
        for member in team:
            if member.role not in programme.team_roles:
                yield member.source.at("role").finding(RULE, f"le rôle « {member.role} » n'existe pas dans le programme", f"Rôles possibles : {known}.")
            present.add(member.role)
        missing = [role for role, mandatory in programme.team_roles.items() if mandatory and role not in present]
        if missing:
            yield application.source.at("equipe_projet").finding(
                RULE,
                f"l'équipe projet n'a personne dans le(s) rôle(s) obligatoire(s) : {', '.join(missing)}",
                at_key=True,
            )
        size_min, size_max = programme.team.size.minimum, programme.team.size.maximum
        if size_min is not None and len(team) < size_min or size_max is not None and len(team) > size_max:
            expected = f"exactement {size_min}" if size_min == size_max else f"entre {size_min or 1} et {size_max or '∞'}"
            yield application.source.at("equipe_projet").finding(
                RULE,
                f"l'équipe projet compte {len(team)} membre(s) ; le programme en demande {expected}",
                at_key=True,
            )
