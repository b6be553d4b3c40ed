"""Parse YAML 1.2 text into plain data plus the source position of every value.

Why not ``yaml.safe_load``: PyYAML follows YAML 1.1, which turns ``no``/``on``
into booleans, ``0612345678`` into an octal-ish number and ``2023-06-30`` into a
date, and it silently keeps the last of two duplicate keys. Users of this tool
type phone numbers and FINESS codes by hand, so we compose the node graph with
libyaml (fast, C) and build the data ourselves with the YAML 1.2 core schema,
keeping every number with a leading zero as text and reporting duplicate keys,
aliases and custom tags as problems instead of guessing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

import yaml

try:  # libyaml is bundled in PyYAML wheels; the pure-Python parser is a fallback.
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on the platform's wheel
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


Path = tuple[str | int, ...]
MAX_DEPTH = 50  # far beyond any real file; keeps hostile input from exhausting the stack

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

# YAML 1.2 core schema, except that an integer may not start with 0 (so that
# "0612345678" stays the text the user typed).
_CORE_RESOLVERS: list[tuple[str, re.Pattern[str], list[str] | str]] = [
    (_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
    (_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (_INT, re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*)|0o[0-7]+|0x[0-9a-fA-F]+)$"), "-+0123456789"),
    (
        _FLOAT,
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+0123456789.",
    ),
]


class _Resolver(yaml.resolver.BaseResolver):
    """Resolver with the YAML 1.2 core schema (no timestamps, no yes/no/on/off)."""

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}


for _tag, _regexp, _first in _CORE_RESOLVERS:
    _Resolver.add_implicit_resolver(_tag, _regexp, list(_first))


class _Composer(_Parser, _Resolver):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Resolver.__init__(self)


class Position(NamedTuple):
    """1-based line and column of a value (or of a key) in the source file."""

    line: int
    column: int


@dataclass
class Problem:
    """Something in the YAML text itself that keeps us from trusting the data."""

    kind: str  # "syntaxe", "cle_dupliquee", "alias", "etiquette"
    message: str
    position: Position
    path: Path = ()


Place = tuple[int, int]  # 1-based (line, column) of a value or key: a plain tuple, there are hundreds of thousands


@dataclass
class ParsedYaml:
    data: object
    positions: Mapping[Path, Place] = field(default_factory=dict)
    key_positions: Mapping[Path, Place] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Raw source text of scalars that were not plain strings, for hints such as
    # "write it between quotes".
    raw_scalars: dict[Path, str] = field(default_factory=dict)
    # Where each value and key sits in the text, as [start, end) character
    # offsets, and which mappings are written inline (``{a: 1, b: 2}``): what
    # an in-place edit (``acia purger``) needs to touch one value and nothing else.
    spans: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_spans: dict[Path, tuple[int, int]] = field(default_factory=dict)
    flow_mappings: set[Path] = field(default_factory=set)


def _pos(mark: yaml.Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def parse(text: str, spans: bool = True) -> ParsedYaml:
    """Parse one YAML document; syntax errors come back as problems, never raised.

    ``spans`` False leaves ``spans`` and ``key_spans`` empty: only an in-place
    edit needs them (``acia purger``), not a validation.
    """
    result = ParsedYaml(data=None)
    composer = None
    try:
        composer = _Composer(text)
        node = composer.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = _pos(mark) if mark is not None else Position(1, 1)
        result.problems.append(Problem("syntaxe", _describe_syntax_error(error), position))
        return result
    except yaml.YAMLError as error:  # reader errors: control characters and the like
        position = Position(1, 1)
        if isinstance(error, yaml.reader.ReaderError):
            before = text[: error.position]
            position = Position(before.count("\n") + 1, len(before) - before.rfind("\n"))
        result.problems.append(Problem("syntaxe", "YAML invalide : caractère de contrôle interdit dans le texte", position))
        return result
    finally:
        if composer is not None and hasattr(composer, "dispose"):
            composer.dispose()
    if node is not None:
        result.data = _Builder(result, spans).build(node, ())
    return result


def _describe_syntax_error(error: yaml.MarkedYAMLError) -> str:
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    translations = {
        "mapping values are not allowed": "deux-points inattendu : une valeur contient sans doute « : » sans guillemets",
        "could not find expected ':'": "un « : » manque après une clé",
        "found character '\\t' that cannot start any token": "une tabulation est utilisée pour indenter ; utilisez des espaces",
        "found a tab character that violates indentation": "une tabulation est utilisée pour indenter ; utilisez des espaces",
        "did not find expected key": "indentation incohérente : une clé n'est pas alignée avec ses voisines",
        "did not find expected '-' indicator": "indentation incohérente dans une liste",
        "expected ',' or ']'": "un crochet « [ » n'est pas refermé",
        "expected ',' or '}'": "une accolade « { » n'est pas refermée",
        "cannot start any token": "caractère inattendu en début de valeur (une tabulation ? indentez avec des espaces ; « @ » ou « ` » : mettez le texte entre guillemets)",
        "found unexpected end of stream": "fin de fichier inattendue : un guillemet ou un crochet n'est pas refermé",
        "found undefined alias": "alias YAML inconnu",
        "expected a single document in the stream": "le fichier contient plusieurs documents YAML (séparés par « --- ») ; un seul est attendu",
        "but found another document": "le fichier contient plusieurs documents YAML (séparés par « --- ») ; un seul est attendu",
    }
    for english, french in translations.items():
        if english in problem or english in context:
            return f"YAML invalide : {french}"
    if "unacceptable character" in problem or "special characters are not allowed" in problem:
        return "YAML invalide : caractère de contrôle interdit dans le texte"
    return f"YAML invalide : {problem or context or 'erreur de syntaxe'}"


class _Builder:
    """Turn composed nodes into plain Python data, recording positions (as plain ``(line, column)`` tuples: there are many)."""

    def __init__(self, result: ParsedYaml, spans: bool = True):
        self.result = result
        self.positions: dict[Path, Place] = {}
        self.key_positions: dict[Path, Place] = {}
        result.positions, result.key_positions = self.positions, self.key_positions
        self.spans = result.spans if spans else None
        self.key_spans = result.key_spans if spans else None
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, path: Path) -> object:
        mark = node.start_mark
        self.positions[path] = (mark.line + 1, mark.column + 1)
        if self.spans is not None:
            self.spans[path] = (mark.index, node.end_mark.index)
        if id(node) in self.seen:  # an alias (*nom) points back to a node already built
            # The node's mark is the anchor's; the key that holds the alias is where the user looks.
            position = Position(*self.key_positions.get(path, _pos(mark)))
            self.result.problems.append(Problem("alias", "les ancres et alias YAML (« & » et « * ») ne sont pas acceptés : recopiez la valeur", position, path))
            return None
        if len(path) > MAX_DEPTH:
            self.result.problems.append(Problem("syntaxe", f"YAML invalide : imbrication de plus de {MAX_DEPTH} niveaux", _pos(mark), path))
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _STR:  # quoted, block or plain text: most values
                return node.value
            return self._scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, _SEQ, path)
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        self._check_tag(node, _MAP, path)
        if isinstance(node, yaml.MappingNode) and node.flow_style:
            self.result.flow_mappings.add(path)
        mapping: dict[str, object] = {}
        key_positions, key_spans = self.key_positions, self.key_spans
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.result.problems.append(Problem("syntaxe", "une clé doit être un simple mot, pas une liste ni un bloc", _pos(key_node.start_mark), path))
                continue
            key = key_node.value
            child = path + (key,)
            key_mark = key_node.start_mark
            if key in mapping:
                first = key_positions[child]
                self.result.problems.append(
                    Problem(
                        "cle_dupliquee",
                        f"la clé « {key} » apparaît deux fois (déjà à la ligne {first[0]}) ; YAML ne garderait que la dernière valeur",
                        _pos(key_mark),
                        child,
                    )
                )
                continue
            key_positions[child] = (key_mark.line + 1, key_mark.column + 1)
            if key_spans is not None:
                key_spans[child] = (key_mark.index, key_node.end_mark.index)
            mapping[key] = self.build(value_node, child)
        return mapping

    def _check_tag(self, node: yaml.Node, expected: str, path: Path) -> None:
        if node.tag != expected:
            self.result.problems.append(Problem("etiquette", f"étiquette YAML « {node.tag} » non acceptée", _pos(node.start_mark), path))

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> object:
        value, tag = node.value, node.tag
        if tag == _STR:  # quoted, block or plain text
            return value
        self.result.raw_scalars[path] = value
        try:
            if tag == _NULL:
                return None
            if tag == _BOOL:
                return value.lower() == "true"
            if tag == _INT:
                if value.startswith("0o"):
                    return int(value[2:], 8)
                if value.startswith("0x"):
                    return int(value[2:], 16)
                return int(value)
            if tag == _FLOAT:
                lowered = value.lower()
                if lowered.endswith(".inf"):
                    return -math.inf if lowered.startswith("-") else math.inf
                if lowered == ".nan":
                    return math.nan
                return float(value)
        except ValueError:
            return value
        self.result.problems.append(Problem("etiquette", f"étiquette YAML « {tag} » non acceptée", _pos(node.start_mark), path))
        return value
