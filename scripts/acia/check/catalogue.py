"""The catalogue of every check, and the reference page generated from it."""

from __future__ import annotations

import re

from acia import format as layout
from acia.check import rules, schema
from acia.findings import Rule, Severity
from acia.load import documents as load

ALL_RULES: list[Rule] = sorted(load.RULES + schema.RULES + rules.RULES + layout.RULES, key=lambda rule: rule.id)

# (first number, last number, section title) of the reference page.
_STAGES = (
    (0, 99, "Lecture des fichiers"),
    (100, 199, "Conformité au schéma"),
    (200, 299, "Identifiants et coordonnées"),
    (300, 310, "Candidatures et dérogations"),
    (311, 319, "Évaluations du comité"),
    (320, 399, "Décision du comité de sélection"),
    (400, 499, "Programme et calendrier"),
    (500, 599, "Suivi de l'accompagnement"),
    (600, 699, "Mise en forme des fichiers"),
)


_YAML_LINE = re.compile(r"^\s*(#|- |[\w\"\[{}\]…-]+:|…|\]|$)")


def fence(example: str) -> str:
    """Open a code block as YAML when the example is YAML, as plain text otherwise."""
    is_yaml = all(_YAML_LINE.match(line) for line in example.splitlines())
    return "```yaml" if is_yaml else "```text"


def by_id(rule_id: str) -> Rule:
    for rule in ALL_RULES:
        if rule.id == rule_id:
            return rule
    raise KeyError(rule_id)


def render_markdown() -> str:
    """The "Référence des contrôles" page; checked in and compared in the tests."""
    lines = [
        "# Référence des contrôles",
        "",
        "<!-- Page générée par « acia catalogue » à partir du code : ne pas modifier à la main. -->",
        "",
        "`acia valider` vérifie chaque fichier du programme. Chaque problème signalé porte un code",
        "(par exemple `ACIA306`) : cette page explique chaque code, avec un exemple fautif et sa correction.",
        "",
        "- **erreur** : bloque la fusion de la demande de modification (la CI échoue) ;",
        "- **avertissement** : signalé, ne bloque pas.",
        "",
    ]
    for first, last, stage in _STAGES:
        stage_rules = [rule for rule in ALL_RULES if first <= int(rule.id[4:]) <= last]
        if not stage_rules:
            continue
        lines += [f"## {stage}", ""]
        for rule in stage_rules:
            severity = "erreur" if rule.severity is Severity.ERROR else "avertissement"
            scope = "compare plusieurs fichiers" if rule.scope == "instance" else "un fichier à la fois"
            if rule.scope == layout.SCOPE:
                scope = "mise en forme du texte, vérifiée par `acia format` et le contrôle avant commit (pre-commit), pas par `acia valider`"
            lines += [
                f"### {rule.id} — {rule.title}",
                "",
                f"Gravité : **{severity}** · portée : {scope}.",
                "",
                "Exemple fautif :",
                "",
                fence(rule.example),
                rule.example,
                "```",
                "",
                "Correction :",
                "",
                fence(rule.fix),
                rule.fix,
                "```",
                "",
                f"Comment corriger : {rule.hint.replace('<', '&lt;')}",  # « <structure> » is not an HTML tag
                "",
            ]
    return "\n".join(lines).rstrip("\n") + "\n"


def as_data() -> list[dict[str, str]]:
    return [{"id": rule.id, "title": rule.title, "severity": rule.severity.value, "scope": rule.scope, "hint": rule.hint, "example": rule.example, "fix": rule.fix} for rule in ALL_RULES]


def heading(rule_id: str) -> str:
    """The heading of a rule on the « Référence des contrôles » page, whose anchor links point at."""
    return f"{rule_id} — {by_id(rule_id).title}"
