"""The text layout of data files, behind ``acia format``: what the eye cannot see.

Trailing spaces, tabs in YAML indentation, Windows line endings, the end of
the file and YAML indentation that is not a multiple of two spaces. None of
these changes what ``acia valider`` reads (or YAML refuses the file, and
the validator says so), but they make diffs noisy and editors disagree.

Checking never modifies a file. ``fix`` applies only the corrections that
leave the data as every stage reads it (texts are compared and shown with
their spaces collapsed): removing trailing spaces, turning CRLF into LF,
adding the final newline and removing blank lines at the end. Tabs and odd
indentation are reported only: moving a line can change the structure.

In Markdown (minutes), a non-blank line that ends with two spaces or more is
a deliberate line break (the site renders it as ``<br>``), so it is kept.
"""

from __future__ import annotations

import codecs
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from acia import french, reporters
from acia.findings import Finding, Report, Rule, Severity
from acia.load.documents import KINDS

# The scope of these rules: checked by ``acia format`` (and the pre-commit
# hook), never by ``acia valider``, so they have no tests/cases/ folders.
SCOPE = "mise_en_forme"
MAX_BYTES = 5 * 1024 * 1024  # beyond this, not a file anyone types: left alone
YAML_SUFFIXES = (".yml", ".yaml")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".md.j2")
_FIX_HINT = "Ou lancez « .venv/bin/acia format --corriger FICHIER » : il ne corrige que les espaces invisibles, les fins de ligne et la fin du fichier."

TRAILING_SPACES = Rule(
    id="ACIA601",
    title="Espaces en fin de ligne",
    severity=Severity.ERROR,
    hint=f"Supprimez les espaces et tabulations invisibles après le dernier caractère de la ligne. {_FIX_HINT}",
    example="commune: Saint-Exemple␣␣\n(␣ : une espace invisible dans l'éditeur)",
    fix="commune: Saint-Exemple",
    scope=SCOPE,
)
YAML_TABS = Rule(
    id="ACIA602",
    title="Tabulation dans l'indentation d'un fichier YAML",
    severity=Severity.ERROR,
    hint="Remplacez chaque tabulation en début de ligne par des espaces, 2 par niveau (dans VS Code : « Convertir l'indentation en espaces »). Ce n'est pas corrigé automatiquement : la bonne profondeur dépend de la structure du fichier.",
    example="equipe_projet:\n→- nom: Marie Dupont\n(→ : une tabulation)",
    fix="equipe_projet:\n  - nom: Marie Dupont",
    scope=SCOPE,
)
WINDOWS_LINE_ENDINGS = Rule(
    id="ACIA603",
    title="Fins de ligne Windows (CRLF)",
    severity=Severity.ERROR,
    hint=f"Enregistrez le fichier avec des fins de ligne « LF » (dans VS Code : cliquez sur « CRLF » en bas à droite et choisissez « LF »). {_FIX_HINT}",
    example="fichier enregistré avec des fins de ligne Windows (« CRLF », \\r\\n)",
    fix="fichier enregistré avec des fins de ligne « LF » (\\n), comme tous les fichiers du dépôt",
    scope=SCOPE,
)
NO_FINAL_NEWLINE = Rule(
    id="ACIA604",
    title="Dernière ligne sans retour à la ligne",
    severity=Severity.ERROR,
    hint=f"Terminez la dernière ligne par un retour à la ligne (dans VS Code : réglage « Files: Insert Final Newline »). {_FIX_HINT}",
    example="dernière ligne du fichier sans retour à la ligne après elle",
    fix="dernière ligne du fichier suivie d'un retour à la ligne",
    scope=SCOPE,
)
TRAILING_BLANK_LINES = Rule(
    id="ACIA605",
    title="Lignes vides en fin de fichier",
    severity=Severity.ERROR,
    hint=f"Supprimez les lignes vides après la dernière ligne écrite (dans VS Code : réglage « Files: Trim Final Newlines »). {_FIX_HINT}",
    example="statut: retenue\n(ligne vide)\n(ligne vide)",
    fix="statut: retenue",
    scope=SCOPE,
)
ODD_INDENTATION = Rule(
    id="ACIA606",
    title="Indentation YAML qui n'est pas un multiple de 2 espaces",
    severity=Severity.ERROR,
    hint="Indentez chaque niveau de 2 espaces de plus que son parent, comme dans les autres fichiers du programme. Ce n'est pas corrigé automatiquement : décaler une ligne peut la rattacher à un autre élément.",
    example="equipe_projet:\n   - nom: Marie Dupont",
    fix="equipe_projet:\n  - nom: Marie Dupont",
    scope=SCOPE,
)

RULES = [TRAILING_SPACES, YAML_TABS, WINDOWS_LINE_ENDINGS, NO_FINAL_NEWLINE, TRAILING_BLANK_LINES, ODD_INDENTATION]
FIXABLE = frozenset(rule.id for rule in (TRAILING_SPACES, WINDOWS_LINE_ENDINGS, NO_FINAL_NEWLINE, TRAILING_BLANK_LINES))


@dataclass
class Layout:
    """What ``check`` found in one file, and the file as ``fix`` would write it."""

    path: Path
    findings: list[Finding] = field(default_factory=list)
    fixed: bytes | None = None  # None: nothing that can be fixed safely
    changes: list[str] = field(default_factory=list)  # French, one per kind of correction

    @property
    def remaining(self) -> list[Finding]:
        """Findings that ``fix`` leaves for the user."""
        return [finding for finding in self.findings if finding.rule not in FIXABLE]


def render(findings: list[Finding], files: int, colour: bool = False) -> str:
    """The report exactly as ``acia valider`` prints it."""
    return reporters.text(Report(findings, files), lambda rel: rel, colour)


def kind_of(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(YAML_SUFFIXES):
        return "yaml"
    if name.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    return "texte"


def data_files(root: Path) -> list[Path]:
    """The YAML and Markdown data files of the instance at ``root``."""
    found = {path for spec in KINDS.values() for path in root.glob(str(spec["pattern"])) if path.is_file()}
    return sorted(found)


def expand(names: list[str]) -> tuple[list[Path], list[str]]:
    """The files to check for the names given on the command line, and the names not found.

    A folder stands for the YAML and Markdown files it contains (hidden
    folders excepted).
    """
    files: list[Path] = []
    missing: list[str] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            for folder, subfolders, children in os.walk(path):
                subfolders[:] = sorted(sub for sub in subfolders if not sub.startswith("."))
                files += [Path(folder) / child for child in sorted(children) if kind_of(Path(child)) != "texte"]
        elif path.is_file():
            files.append(path)
        else:
            missing.append(name)
    return list(dict.fromkeys(files)), missing


def check(path: Path, shown: str, spaces_only: bool = False) -> Layout | None:
    """Check one file; ``shown`` is the path written in the findings.

    Returns None for what is not a text file to judge: unreadable, binary,
    too large, or (unless ``spaces_only``) neither YAML nor Markdown.
    """
    kind = kind_of(path)
    if kind == "texte" and not spaces_only:
        return None
    try:
        status = path.lstat()
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_BYTES:
            return None  # links, pipes and devices are never read nor rewritten (acia valider reports them)
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    if len(raw) > MAX_BYTES:
        return None
    if b"\x00" in raw:
        return None
    return _analyse(path, raw, shown, kind, spaces_only)


def fix(layout: Layout) -> None:
    """Write the safe corrections of ``layout`` to its file, atomically, keeping its permissions.

    Raises OSError when the file cannot be written.
    """
    if layout.fixed is None:
        return
    target = layout.path
    descriptor, scratch = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(layout.fixed)
        shutil.copymode(target, scratch)
        os.replace(scratch, target)
    except BaseException:
        if os.path.exists(scratch):
            os.unlink(scratch)
        raise


def _analyse(path: Path, raw: bytes, shown: str, kind: str, spaces_only: bool) -> Layout:
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    # surrogateescape: a byte that is not UTF-8 is kept as it is when the file is written back.
    text = raw[len(bom) :].decode("utf-8", "surrogateescape")
    ends_with_newline = text.endswith("\n")
    pieces = text.split("\n")
    if ends_with_newline:
        pieces.pop()
    crlf = {index for index, piece in enumerate(pieces) if piece.endswith("\r") and (index < len(pieces) - 1 or ends_with_newline)}
    lines = [piece[:-1] if index in crlf else piece for index, piece in enumerate(pieces)]
    written = [index for index, line in enumerate(lines) if line.strip()]
    # Blank lines after the last written line (checked as such, not as trailing spaces).
    tail = range(written[-1] + 1, len(lines)) if written and not spaces_only else range(0)
    yaml_lines = _yaml_region(lines, kind)

    layout = Layout(path)
    found = layout.findings
    stripped_lines: list[int] = []
    for index, line in enumerate(lines):
        if index in tail:
            continue
        kept = line.rstrip(" \t")
        trailing = line[len(kept) :]
        if not trailing:
            continue
        if kind == "markdown" and index not in yaml_lines and kept.strip() and set(trailing) == {" "} and len(trailing) >= 2:
            continue  # a Markdown line break
        stripped_lines.append(index)
        found.append(TRAILING_SPACES.finding(shown, index + 1, len(kept) + 1, "", _describe_trailing(trailing, blank=not kept.strip())))
    if not spaces_only:
        for index in sorted(yaml_lines):
            line = lines[index]
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            if "\t" in indent and line.strip():
                found.append(YAML_TABS.finding(shown, index + 1, indent.index("\t") + 1, "", "tabulation dans l'indentation : YAML n'accepte que des espaces pour indenter"))
        found += _odd_indentation(lines, yaml_lines, shown)
        if crlf:
            first = min(crlf)
            count = len(crlf)
            found.append(
                WINDOWS_LINE_ENDINGS.finding(
                    shown, first + 1, len(lines[first]) + 1, "", f"fins de ligne Windows (CRLF) sur {french.plural(count, 'ligne')} : le dépôt utilise des fins de ligne « LF »"
                )
            )
        if written and tail:
            count = len(tail)
            found.append(TRAILING_BLANK_LINES.finding(shown, tail[0] + 1, 1, "", f"{french.plural(count, 'ligne')} {french.agree(count, 'vide')} après la dernière ligne écrite"))
        elif written and not ends_with_newline:
            found.append(NO_FINAL_NEWLINE.finding(shown, len(lines), len(lines[-1]) + 1, "", "la dernière ligne n'est pas suivie d'un retour à la ligne"))
    found.sort()

    fixable = {finding.rule for finding in found} & FIXABLE
    if not fixable:
        return layout
    new_lines = [line.rstrip(" \t") if index in stripped_lines else line for index, line in enumerate(lines)]
    if spaces_only:
        body = "".join(line + ("\r\n" if index in crlf else "\n") for index, line in enumerate(new_lines))
        if not ends_with_newline and body.endswith("\n"):
            body = body[:-1]
    else:
        if tail:
            new_lines = new_lines[: tail[0]]
        body = "".join(line + "\n" for line in new_lines) if written else "\n".join(new_lines) + ("\n" if ends_with_newline else "")
    layout.fixed = bom + body.encode("utf-8", "surrogateescape")
    layout.changes = _describe_changes(stripped_lines, bool(crlf) and not spaces_only, NO_FINAL_NEWLINE.id in fixable, len(tail) if TRAILING_BLANK_LINES.id in fixable else 0)
    return layout


def _yaml_region(lines: list[str], kind: str) -> set[int]:
    """Indexes of the lines that are YAML: the whole file, or a Markdown file's header."""
    if kind == "yaml":
        return set(range(len(lines)))
    if kind == "markdown" and lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                return set(range(1, index))
    return set()


def _odd_indentation(lines: list[str], yaml_lines: set[int], shown: str) -> list[Finding]:
    """Keys and list items that start a line at a column that is not a multiple of 2.

    Only the structure is judged (from the YAML tokens): the inside of a
    multi-line text or a comment may be indented freely. In a file YAML
    cannot read, the lines before the error are judged; ``acia valider``
    explains the error itself.
    """
    if not yaml_lines:
        return []
    text = "\n".join(line if index in yaml_lines else "" for index, line in enumerate(lines[: max(yaml_lines) + 1]))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    tokens = []
    try:
        for token in yaml.scan(text, Loader=loader):
            tokens.append(token)
    except (yaml.YAMLError, UnicodeError):
        pass  # judge what comes before the error; acia valider explains the error itself
    findings = []
    depth = 0
    for token in tokens:
        if isinstance(token, (yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)):
            depth += 1
        elif isinstance(token, (yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)):
            depth -= 1
        elif depth == 0 and isinstance(token, (yaml.KeyToken, yaml.BlockEntryToken)):
            line, column = token.start_mark.line, token.start_mark.column
            if column % 2 and not lines[line][:column].strip(" "):
                findings.append(
                    ODD_INDENTATION.finding(shown, line + 1, column + 1, "", f"indentation de {french.plural(column, 'espace')} : utilisez un multiple de 2 ({column - 1} ou {column + 1})")
                )
    return findings


def _describe_trailing(trailing: str, blank: bool) -> str:
    tabs, spaces = trailing.count("\t"), trailing.count(" ")
    parts = []
    if spaces:
        parts.append(french.plural(spaces, "espace"))
    if tabs:
        parts.append(french.plural(tabs, "tabulation"))
    what = " et ".join(parts)
    return f"ligne vide qui contient {what}" if blank else f"{what} en fin de ligne"


def _describe_changes(stripped: list[int], crlf: bool, final_newline: bool, blank_lines: int) -> list[str]:
    changes = []
    if stripped:
        numbers = [str(index + 1) for index in stripped]
        where = f"ligne {numbers[0]}" if len(numbers) == 1 else f"lignes {', '.join(numbers)}" if len(numbers) <= 10 else f"{len(numbers)} lignes"
        changes.append(f"espaces en fin de ligne supprimés ({where})")
    if crlf:
        changes.append("fins de ligne Windows (CRLF) remplacées par « LF »")
    if final_newline:
        changes.append("retour à la ligne ajouté après la dernière ligne")
    if blank_lines:
        changes.append(f"{french.plural(blank_lines, 'ligne')} {french.agree(blank_lines, 'vide')} {french.agree(blank_lines, 'supprimée')} en fin de fichier")
    return changes
