"""Write a new application file: from an imported Annexe 1, or as a commented template.

Keys follow the order of the schema (the order of the form), identifiers
and dates are quoted so that YAML keeps them as text, and a file is never
overwritten: it is written to a temporary name and linked into place only
if nothing exists there yet.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import yaml

from acia import french
from acia.forms.annexe import APPLICATION
from acia.load.documents import expected_schema_comment
from acia.model.programme import Programme


# The first line of a new application file, relative to it: « ../../schemas/… » in a programme
# repository, further up for an instance without its own schemas/ (see load.documents).
def header(root: Path, identifier: str) -> str:
    return expected_schema_comment(root, "application", f"data/applications/{identifier}.yml") + "\n"


class _Dumper(yaml.SafeDumper):
    """Block style, lists indented under their key, long texts as literal blocks, numbers-as-text quoted."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str):
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    # SIRET, FINESS (also the Corsican 2A…, 2B…), phones and dates: between quotes, as the README asks.
    if re.fullmatch(r"(2[ABab]|[0-9+])[0-9 +.:T-]*", value) or value.lower() in ("oui", "non", "yes", "no", "on", "off", "true", "false", "null", "~"):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _text)


def ordered(schemas, data, node: dict | None = None, current: str = APPLICATION):
    """``data`` with the keys of every mapping in the schema's order."""
    if node is None:
        node = schemas.by_name[APPLICATION]
    node, current = schemas.resolve(node, current)
    if isinstance(data, dict):
        keys = list(node.get("properties", {}))
        result = {}
        for key in sorted(data, key=lambda name: keys.index(name) if name in keys else len(keys)):
            child, child_file = schemas.child(node, current, key)
            result[key] = ordered(schemas, data[key], child or {}, child_file)
        return result
    if isinstance(data, list):
        child, child_file = schemas.child(node, current, 0)
        return [ordered(schemas, item, child or {}, child_file) for item in data]
    return data


def application_yaml(schemas, data: dict, sources: list[str], first_line: str) -> str:
    body = yaml.dump(ordered(schemas, data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    if len(sources) == 1:
        return f"{first_line}# Importée de « {sources[0]} » par acia nouvelle candidature : relisez chaque champ avec la fiche reçue.\n{body}"
    names = french.enumerate_names([f"« {name} »" for name in sources])
    return f"{first_line}# Importée des fiches {names} par acia nouvelle candidature : relisez chaque champ avec les fiches reçues.\n{body}"


def template_yaml(schemas, programme: Programme, application_id: str, received: str | None, first_line: str) -> str:
    """Every field of the schema, each under a comment with its French title and description."""
    lines = [
        first_line.rstrip("\n"),
        "# Nouvelle candidature : remplissez chaque champ (les commentaires « # » disent quoi écrire) ;",
        "# supprimez les lignes « (facultatif) » qui ne servent pas, puis lancez « acia valider » :",
        "# il signale ce qui manque, ligne par ligne.",
    ]
    values = {"id": application_id, "date_reception": received, "canal_reception": programme.application.channel}
    root, current = schemas.resolve(schemas.by_name[APPLICATION], APPLICATION)
    _template_object(schemas, root, current, 0, lines, values, programme, top=True)
    return "\n".join(lines) + "\n"


def _comment(node: dict, required: bool, programme: Programme, key: str) -> str:
    title = node.get("title", key)
    description = node.get("description", "")
    mark = " (obligatoire)" if required else " (facultatif)"
    text = f"{title}{mark} : {description}".strip()
    values = _allowed(node, programme, key)
    if values:
        text += f" Valeurs possibles : {', '.join(values)}."
    return text


def _allowed(node: dict, programme: Programme, key: str) -> list[str]:
    if key == "axe":
        return [f"{axe.id} ({axe.title})" for axe in programme.axes]
    if key == "secteur":
        return [f"{sector.id} ({sector.label})" for sector in programme.sectors]
    if key == "financement":
        return [item.id for item in programme.fundings]
    if key == "role":
        return [role.id for role in programme.team.roles]
    if key == "secteur":
        return [f"{sector.id} ({sector.label})" for sector in programme.sectors]
    items = node.get("items", {}) if isinstance(node.get("items"), dict) else {}
    return [str(value) for value in node.get("enum", items.get("enum", []))]


def _template_object(schemas, node, current, depth, lines, values, programme, top=False) -> None:
    indent = "  " * depth
    for key, child in node.get("properties", {}).items():
        child_node, child_file = schemas.resolve(child, current)
        required = key in node.get("required", [])
        lines.append(f"{indent}# {_comment(child_node, required, programme, key)}")
        if child_node.get("type") == "object" and "properties" in child_node:
            lines.append(f"{indent}{key}:")
            _template_object(schemas, child_node, child_file, depth + 1, lines, {}, programme)
        elif child_node.get("type") == "array" and isinstance(child_node.get("items"), dict):
            items, items_file = schemas.resolve(child_node["items"], child_file)
            if items.get("type") == "object":
                lines.append(f"{indent}{key}:")
                lines.append(f"{indent}  -")
                _template_object(schemas, items, items_file, depth + 2, lines, {}, programme)
            else:
                lines.append(f"{indent}{key}: []")
        else:
            value = values.get(key) if top else None
            lines.append(f'{indent}{key}: "{value}"' if value else f"{indent}{key}:")


def write_new(path: Path, content: str) -> None:
    """Create ``path`` with ``content``; raise FileExistsError rather than replace anything."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".acia-", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(content)
        os.link(temporary, path)  # fails if the file appeared meanwhile: never overwrite
    finally:
        os.unlink(temporary)
