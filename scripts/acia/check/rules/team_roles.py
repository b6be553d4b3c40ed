"""Each project team holds every role the programme requires, with known role ids and the expected size."""

from __future__ import annotations

from collections.abc import Iterator

from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA302",
    title="Équipe projet incomplète ou rôle inconnu",
    severity=Severity.ERROR,
    hint="Complétez chaque équipe projet pour qu'elle tienne chaque rôle obligatoire du programme (clé « equipe_projet.roles » de data/programme.yml).",
    example="etablissements:\n  - raison_sociale: EHPAD A\n    equipe_projet:\n      - role: direction\n      - role: manager",
    fix="etablissements:\n  - raison_sociale: EHPAD A\n    equipe_projet:\n      - role: direction\n      - role: representant_personnel\n      - role: manager\n      - role: salarie_volontaire",
)


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.model is None:
        return
    programme = ctx.model.programme
    known = ", ".join(programme.team_roles)
    size_min, size_max = programme.team.size.minimum, programme.team.size.maximum
    for application in ctx.model.applications:
        for team in application.teams:
            for member in team.members:
                if member.role not in programme.team_roles:
                    yield member.source.at("role").finding(RULE, f"le rôle « {member.role} » n'existe pas dans le programme", f"Rôles possibles : {known}.")
            missing = [role for role, mandatory in programme.team_roles.items() if mandatory and role not in team.roles]
            if missing:
                yield team.source.finding(RULE, f"{team.label} n'a personne dans le(s) rôle(s) obligatoire(s) : {', '.join(missing)}", at_key=True)
            count = len(team.members)
            if size_min is not None and count < size_min or size_max is not None and count > size_max:
                expected = f"exactement {size_min}" if size_min == size_max else f"entre {size_min or 1} et {size_max or '∞'}"
                yield team.source.finding(RULE, f"{team.label} compte {count} membre(s) ; le programme en demande {expected}", at_key=True)
