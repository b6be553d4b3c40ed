"""Find the files of a programme instance and read them into ``Document`` values.

Reading never raises for bad input: unreadable bytes, an empty file, broken
YAML or a folder where a file should be all become findings, so one bad file
never hides the report on the others.
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from acia import safe_files
from acia.findings import Finding, Rule, Severity, format_path
from acia.load import parsed
from acia.load.yamlsource import Path as DataPath
from acia.load.yamlsource import Place
from acia.paths import schemas_dir

MAX_BYTES = 1024 * 1024
SCHEMA_COMMENT_PREFIX = "# yaml-language-server: $schema="  # an application is a few KB; 1 MB means a wrong file

# Where each kind of file lives in an instance, and its schema.
KINDS: dict[str, dict[str, object]] = {
    "programme": {"pattern": "data/programme.yml", "schema": "programme.schema.json", "required": True},
    "derogations": {"pattern": "data/derogations.yml", "schema": "derogations.schema.json", "required": False},
    "application": {"pattern": "data/applications/*.yml", "schema": "application.schema.json", "required": False},
    "evaluation": {"pattern": "data/evaluations/*.yml", "schema": "evaluation.schema.json", "required": False},
    "selection": {"pattern": "data/selection.yml", "schema": "selection.schema.json", "required": False},
    # Follow-up of each selected structure (data/suivi/<application id>/) and of the collective (data/suivi/collectif/).
    "reunions": {"pattern": "data/suivi/*/reunions.yml", "schema": "reunions.schema.json", "required": False},
    "livrables": {"pattern": "data/suivi/*/livrables.yml", "schema": "livrables.schema.json", "required": False},
    "recommandations": {"pattern": "data/suivi/*/recommandations.yml", "schema": "recommandations.schema.json", "required": False},
    "bilan": {"pattern": "data/suivi/*/bilan.yml", "schema": "bilan.schema.json", "required": False},
    # Minutes: Markdown whose YAML header (front matter) follows the schema.
    "compte_rendu": {"pattern": "data/suivi/*/comptes-rendus/*.md", "schema": "compte-rendu.schema.json", "required": False, "front_matter": True},
}
# Folders whose every file must be one of the kinds above; the follow-up
# folders (data/suivi/<dossier>/ and their comptes-rendus/) are found at run time.
DATA_FOLDERS = ("data", "data/applications", "data/evaluations")
FOLLOW_UP = "data/suivi"
MINUTES_FOLDER = "comptes-rendus"
# Deliverable files (any format) live here and are not data: never parsed.
DELIVERABLES_FOLDER = "livrables"

UNREADABLE = Rule(
    id="ACIA001",
    title="Fichier illisible",
    severity=Severity.ERROR,
    hint="Enregistrez le fichier comme texte brut encodé en UTF-8 (dans un éditeur de texte, pas un traitement de texte).",
    example="data/applications/og-exemple.yml enregistré depuis Word (octets binaires), ou un dossier nommé og-exemple.yml",
    fix="Un fichier texte UTF-8 qui commence par « # yaml-language-server: … » puis « id: og-exemple »",
)
EMPTY = Rule(
    id="ACIA002",
    title="Fichier vide",
    severity=Severity.ERROR,
    hint="Remplissez le fichier (voir un fichier voisin comme modèle) ou supprimez-le.",
    example="# yaml-language-server: $schema=../../schemas/application.schema.json\n(rien d'autre)",
    fix="id: og-exemple\naxe: axe-1\n…",
)
SYNTAX = Rule(
    id="ACIA003",
    title="Syntaxe YAML invalide",
    severity=Severity.ERROR,
    hint="Vérifiez l'indentation (des espaces, jamais de tabulation), les « : » après chaque clé et les guillemets autour des textes qui contiennent « : » ou « # ».",
    example="motivations: Objectif : mieux travailler\nfinancement: [assurance_maladie",
    fix='motivations: "Objectif : mieux travailler"\nfinancement: [assurance_maladie]',
)
DUPLICATE_KEY = Rule(
    id="ACIA004",
    title="Clé en double",
    severity=Severity.ERROR,
    hint="Gardez une seule fois la clé, avec la bonne valeur : YAML ignorerait silencieusement la première.",
    example="axe: axe-1\n…\naxe: axe-2",
    fix="axe: axe-2",
)
TOO_LARGE = Rule(
    id="ACIA005",
    title="Fichier trop volumineux",
    severity=Severity.ERROR,
    hint="Un fichier de données fait quelques kilo-octets : vérifiez qu'il s'agit du bon fichier (pas une pièce jointe ni un export).",
    example="data/applications/og-exemple.yml de 5 Mo",
    fix="Le fichier YAML de la candidature seule (quelques Ko)",
)
MISNAMED = Rule(
    id="ACIA006",
    title="Fichier ignoré : nom ou extension inattendus",
    severity=Severity.ERROR,
    hint="Renommez le fichier avec l'extension « .yml » en minuscules, sinon il n'est pas lu du tout.",
    example="data/applications/og-exemple.yaml",
    fix="data/applications/og-exemple.yml",
)
UNKNOWN_FILE = Rule(
    id="ACIA007",
    title="Fichier non reconnu dans data/",
    severity=Severity.WARNING,
    hint="Les pièces jointes (PDF, Word) ne vont pas dans data/ : rangez-les hors du dépôt ou dans docs/.",
    example="data/applications/fiche-recue.docx",
    fix="Saisir la fiche dans data/applications/og-exemple.yml et garder le .docx hors de data/",
)
SCHEMA_COMMENT = Rule(
    id="ACIA008",
    title="Commentaire « $schema » manquant ou incorrect",
    severity=Severity.WARNING,
    hint="Mettez en première ligne le commentaire qui relie le fichier à son schéma : l'éditeur propose alors les champs et signale les erreurs pendant la saisie.",
    example="id: og-exemple",
    fix="# yaml-language-server: $schema=../../schemas/application.schema.json\nid: og-exemple",
)
MISSING_FILE = Rule(
    id="ACIA009",
    title="Fichier obligatoire manquant",
    severity=Severity.ERROR,
    hint="Chaque programme a un fichier data/programme.yml : copiez celui d'une édition précédente et adaptez-le.",
    example="data/ sans programme.yml",
    fix="data/programme.yml",
)

SYMLINK = Rule(
    id="ACIA010",
    title="Lien symbolique refusé",
    severity=Severity.ERROR,
    hint="acia ne lit que les fichiers rangés dans le dépôt : remplacez le lien symbolique par le fichier ou le dossier lui-même (copie), jamais par un lien vers un autre endroit.",
    example="data/applications/og-exemple.yml → lien vers /home/moi/candidatures/og-exemple.yml",
    fix="data/applications/og-exemple.yml, copie du fichier dans le dépôt",
)

SCHEMA_COPY = Rule(
    id="ACIA011",
    title="Schéma du dossier schemas/ différent de celui de l'outil",
    severity=Severity.WARNING,
    hint="acia contrôle toujours les fichiers avec ses propres schémas ; le dossier schemas/ du programme en est une copie, celle que lisent les éditeurs pour proposer les champs pendant la saisie. Recopiez-la depuis l'outil installé avec « acia init --mettre-a-jour . », puis enregistrez la modification (git add schemas).",
    example="schemas/programme.schema.json resté dans la version d'acia d'avant la mise à jour de requirements.txt",
    fix="schemas/programme.schema.json recopié par « acia init --mettre-a-jour . »",
)

RULES = [UNREADABLE, EMPTY, SYNTAX, DUPLICATE_KEY, TOO_LARGE, MISNAMED, UNKNOWN_FILE, SCHEMA_COMMENT, MISSING_FILE, SYMLINK, SCHEMA_COPY]


@dataclass
class Document:
    """A parsed data file, with where each value came from."""

    kind: str
    rel: str  # path relative to the instance root, with "/" separators
    data: object
    first_line: str = ""
    positions: Mapping[DataPath, Place] = field(default_factory=dict)  # (line, column) of each value
    key_positions: Mapping[DataPath, Place] = field(default_factory=dict)
    raw_scalars: dict[DataPath, str] = field(default_factory=dict)
    body: str = ""  # the Markdown after the front matter (minutes)
    body_line: int = 0  # line of the file where ``body`` starts
    digest: str = ""  # SHA-256 of the file's text: what the findings kept for it (``acia.check.kept``) depend on

    @property
    def folder(self) -> str:
        """The follow-up folder name (application id or "collectif") of a data/suivi file."""
        parts = self.rel.split("/")
        return parts[2] if len(parts) > 3 and parts[1] == "suivi" else ""

    def where(self, path: DataPath) -> tuple[int, int]:
        """Line and column of the value at ``path``, or of its nearest parent."""
        for depth in range(len(path), -1, -1):
            position = self.positions.get(tuple(path[:depth]))
            if position is not None:
                return position[0], position[1]
        return 1, 1

    def key_where(self, path: DataPath) -> tuple[int, int]:
        """Line and column of the key that introduces ``path`` (falls back to ``where``)."""
        position = self.key_positions.get(tuple(path))
        if position is not None:
            return position[0], position[1]
        return self.where(path)

    def finding(self, rule: Rule, path: DataPath, message: str, hint: str | None = None, *, at_key: bool = False, severity: Severity | None = None) -> Finding:
        line, column = self.key_where(path) if at_key else self.where(path)
        return rule.finding(self.rel, line, column, format_path(path), message, hint, severity)


@dataclass(frozen=True, eq=False)
class Source:
    """Where a value of the model comes from: a loaded file and the path of the value in it.

    Model objects keep one, so that a rule reading the model can still point
    at the right file, line and field.
    """

    document: Document
    path: tuple[str | int, ...] = ()

    @property
    def file(self) -> str:
        return self.document.rel

    def at(self, *keys: str | int) -> Source:
        """The source of a value inside this one."""
        return Source(self.document, self.path + keys)

    def finding(self, rule: Rule, message: str, hint: str | None = None, *, at_key: bool = False, severity: Severity | None = None) -> Finding:
        return self.document.finding(rule, self.path, message, hint, at_key=at_key, severity=severity)


@dataclass
class Loaded:
    documents: list[Document]
    findings: list[Finding]
    files_seen: int


def _matches(rel: str, pattern: str) -> bool:
    """Glob match segment by segment: « * » never crosses a « / »."""
    parts, pattern_parts = rel.split("/"), pattern.split("/")
    return len(parts) == len(pattern_parts) and all(fnmatch.fnmatchcase(part, wanted) for part, wanted in zip(parts, pattern_parts, strict=True))


@functools.lru_cache(maxsize=8192)
def kind_of(rel: str) -> str | None:
    """The kind of data file at ``rel``, by its path alone (remembered: each path is asked about several times a run)."""
    for kind, spec in KINDS.items():
        if _matches(rel, str(spec["pattern"])):
            return kind
    return None


def expected_schema_comment(root: Path, kind: str, rel: str) -> str:
    """The first line that links a file to its schema, relative to the file."""
    schemas = root / "schemas" if (root / "schemas").is_dir() else schemas_dir()
    target = os.path.relpath(schemas / str(KINDS[kind]["schema"]), (root / rel).parent)
    return f"{SCHEMA_COMMENT_PREFIX}{Path(target).as_posix()}"


def _schema_comment_ok(root: Path, kind: str, rel: str, first_line: str, seen: dict[tuple[str, str], bool]) -> bool:
    """Whether the first line links the file to its schema, a file that exists; ``seen`` keeps what was looked for, by folder and target."""
    if not first_line.startswith(SCHEMA_COMMENT_PREFIX):
        return False
    target = first_line[len(SCHEMA_COMMENT_PREFIX) :].strip()
    if not target.endswith("/" + str(KINDS[kind]["schema"])):
        return False
    folder = rel.rpartition("/")[0]
    if (folder, target) not in seen:
        seen[folder, target] = (root / folder / target).is_file()
    return seen[folder, target]


def load_instance(root: Path, use_cache: bool = True) -> Loaded:
    """Read every data file of the instance at ``root``.

    Always all of them, even to check a few changed files: the rules that
    compare files need the whole instance (``check.validate`` narrows the
    report, not the reading). A file read before is not parsed again
    (``parsed``: its parse is kept in ``build/.cache/yaml.marshal``) unless ``use_cache`` is False.
    """
    kept = parsed.Parses.of(root) if use_cache else parsed.Parses(None)
    findings: list[Finding] = []
    documents: list[Document] = []
    candidates = _discover(root, findings)
    for spec in KINDS.values():
        if spec["required"] and not (root / str(spec["pattern"])).exists():
            findings.append(MISSING_FILE.finding(str(spec["pattern"]), 1, 1, "", f"le fichier {spec['pattern']} est introuvable"))
    texts = {rel: _read_text(root, rel, findings, found=True) for rel in candidates}
    kept.parse_all([text.yaml for text in texts.values() if text is not None])  # on every core, when there are many
    schemas_seen: dict[tuple[str, str], bool] = {}  # the files share a few schema comments: each target is looked for once
    for text in texts.values():
        document = _parse_text(root, text, findings, kept, schemas_seen) if text is not None else None
        if document is not None:
            documents.append(document)
    findings.extend(schema_copy_findings(root))
    kept.save()
    return Loaded(documents, findings, len(candidates))


def schema_copy_findings(root: Path) -> list[Finding]:
    """The files of the programme's ``schemas/`` that are missing or differ from the tool's (ACIA011).

    Validation always uses the tool's schemas; the programme's copy only serves
    editors. Without a ``schemas/`` folder, or when it is the tool's own folder
    (the Corse instance at the root of the acia repository), there is nothing to compare.
    """
    tool = schemas_dir()
    folder = root / "schemas"
    if not folder.is_dir() or folder.resolve() == tool.resolve():
        return []
    from acia import __version__

    findings = []
    for source in sorted(tool.glob("*.schema.json")):
        rel = f"schemas/{source.name}"
        if not (folder / source.name).exists() and not (folder / source.name).is_symlink():
            findings.append(SCHEMA_COPY.finding(rel, 1, 1, "", f"le schéma « {source.name} » manque dans le dossier schemas/ : l'éditeur ne peut pas proposer les champs de ces fichiers"))
            continue
        try:
            copy = safe_files.read_bytes(root, rel, MAX_BYTES)
        except safe_files.Refused as refusal:
            findings.append(SCHEMA_COPY.finding(rel, 1, 1, "", f"la copie du schéma « {source.name} » n'est pas lisible ({refusal.message}) : acia contrôle avec son propre schéma"))
            continue
        if copy != source.read_bytes():
            findings.append(
                SCHEMA_COPY.finding(rel, 1, 1, "", f"ce schéma diffère de celui d'acia {__version__}, avec lequel les fichiers sont contrôlés : l'éditeur propose des champs d'une autre version")
            )
    return findings


def _data_folders(root: Path) -> list[str]:
    """The fixed data folders, then each follow-up folder and its minutes folder."""
    folders = list(DATA_FOLDERS)
    follow_up = root / FOLLOW_UP
    if follow_up.is_dir():
        folders.append(FOLLOW_UP)
        if not safe_files.is_inside(root, FOLLOW_UP):
            return folders  # reported by _discover, never walked
        for entry in sorted(follow_up.iterdir(), key=lambda item: item.name):
            if entry.is_dir() and not entry.name.startswith("."):
                folders.append(f"{FOLLOW_UP}/{entry.name}")
                if entry.is_symlink():
                    continue  # reported by _discover, never walked
                if (entry / MINUTES_FOLDER).is_dir():
                    folders.append(f"{FOLLOW_UP}/{entry.name}/{MINUTES_FOLDER}")
    return folders


def _expected_here(folder: str, entry: os.DirEntry[str], folders: list[str]) -> bool:
    """Sub-folders that are part of the layout (not data files themselves)."""
    rel = f"{folder}/{entry.name}"
    if rel in folders:
        return True
    return folder.startswith(f"{FOLLOW_UP}/") and folder.count("/") == 2 and entry.name == DELIVERABLES_FOLDER and entry.is_dir()


def _discover(root: Path, findings: list[Finding]) -> list[str]:
    """List the data files to check, reporting misnamed and unknown files."""
    found: list[str] = []
    folders = _data_folders(root)
    refused: set[str] = set()
    for folder in folders:
        directory = root / folder
        if not directory.is_dir() and not directory.is_symlink():
            continue
        if any(folder.startswith(f"{parent}/") for parent in refused):
            continue
        reason = safe_files.outside_reason(root, folder)
        if reason is not None:
            refused.add(folder)
            findings.append(SYMLINK.finding(folder, 1, 1, "", f"le dossier {folder}/ n'est pas lu : {reason}"))
            continue
        with os.scandir(directory) as listing:  # a DirEntry knows whether it is a link without asking the system again
            entries = sorted(listing, key=lambda item: item.name)
        for entry in entries:
            rel = f"{folder}/{entry.name}"
            if entry.name.startswith("."):
                continue
            stem, suffix = os.path.splitext(entry.name)
            if entry.is_symlink():
                if f"{rel}" not in folders:  # a linked follow-up folder is reported when its turn comes
                    findings.append(SYMLINK.finding(rel, 1, 1, "", f"« {entry.name} » n'est pas lu : c'est un lien symbolique ; acia ne lit que les fichiers rangés dans le dépôt"))
                continue
            if _expected_here(folder, entry, folders):
                continue
            if kind_of(rel) is not None:
                found.append(rel)
            elif suffix.lower() in (".yml", ".yaml") and kind_of(f"{folder}/{stem}.yml") is not None:
                findings.append(MISNAMED.finding(rel, 1, 1, "", f"le fichier « {entry.name} » n'est pas lu : seule l'extension « .yml » est reconnue"))
            elif suffix.lower() in (".md", ".markdown", ".txt") and kind_of(f"{folder}/{stem}.md") is not None:
                findings.append(
                    MISNAMED.finding(
                        rel,
                        1,
                        1,
                        "",
                        f"le compte rendu « {entry.name} » n'est pas lu : seule l'extension « .md » est reconnue",
                        "Renommez le fichier avec l'extension « .md » en minuscules, sinon il n'est pas lu du tout.",
                    )
                )
            else:
                findings.append(UNKNOWN_FILE.finding(rel, 1, 1, "", f"« {entry.name} » n'est pas un fichier de données attendu ici ; il est ignoré"))
    return found


@dataclass
class _Text:
    """A data file read and decoded, before its YAML is parsed."""

    kind: str
    rel: str
    yaml: str  # the whole file, or the front matter of minutes (padded to keep line numbers)
    body: str
    body_line: int
    digest: str
    first_line: str

    @property
    def yaml_digest(self) -> str | None:
        """The hash of ``yaml`` when already known: that of the file, when the YAML is the whole file."""
        return self.digest if not self.body_line else None


def read_document(root: Path, rel: str, findings: list[Finding], kept: parsed.Parses | None = None) -> Document | None:
    """The document of ``root/rel``, or None with findings that say why it cannot be read."""
    text = _read_text(root, rel, findings)
    return _parse_text(root, text, findings, kept or parsed.Parses(None)) if text is not None else None


def _read_text(root: Path, rel: str, findings: list[Finding], found: bool = False) -> _Text | None:
    """The text of ``root/rel``; ``found``: listed by ``_discover``, whose folders are known to be inside the instance."""
    kind = kind_of(rel) or "inconnu"
    try:
        raw = safe_files.read_found(root, rel, MAX_BYTES) if found else safe_files.read_bytes(root, rel, MAX_BYTES)
    except safe_files.Refused as refusal:
        rule = {safe_files.LINK: SYMLINK, safe_files.TOO_LARGE: TOO_LARGE}.get(refusal.kind, UNREADABLE)
        hint = "Supprimez cet élément de data/ et remplacez-le par un fichier texte ordinaire." if refusal.kind == safe_files.SPECIAL and "dossier" not in refusal.message else None
        findings.append(rule.finding(rel, 1, 1, "", refusal.message, hint))
        return None
    text = _decode(raw, rel, findings)
    if text is None:
        return None
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    body, body_line = "", 0
    if KINDS.get(kind, {}).get("front_matter"):
        split = _split_front_matter(text)
        if split is None:
            findings.append(
                SYNTAX.finding(
                    rel,
                    1,
                    1,
                    "",
                    "l'en-tête commencé par « --- » n'est jamais fermé par une ligne « --- »",
                    "Fermez l'en-tête YAML par une ligne qui contient seulement « --- », puis écrivez le compte rendu.",
                )
            )
            return None
        text, body, body_line = split
    return _Text(kind, rel, text, body, body_line, digest, text.split("\n", 1)[0].strip())


def _parse_text(root: Path, text: _Text, findings: list[Finding], kept: parsed.Parses, schemas_seen: dict[tuple[str, str], bool] | None = None) -> Document | None:
    kind, rel = text.kind, text.rel
    parsed_yaml = kept.parse(text.yaml, text.yaml_digest)
    for problem in parsed_yaml.problems:
        rule = DUPLICATE_KEY if problem.kind == "cle_dupliquee" else SYNTAX
        findings.append(rule.finding(rel, problem.position.line, problem.position.column, format_path(problem.path), problem.message))
    if any(problem.kind == "syntaxe" for problem in parsed_yaml.problems):
        return None
    if parsed_yaml.data is None and text.body_line:
        parsed_yaml.data = {}  # minutes without a header: the schema says what is missing
    if parsed_yaml.data is None:
        findings.append(EMPTY.finding(rel, 1, 1, "", "le fichier ne contient aucune donnée"))
        return None
    document = Document(kind, rel, parsed_yaml.data, text.first_line, parsed_yaml.positions, parsed_yaml.key_positions, parsed_yaml.raw_scalars, text.body, text.body_line, text.digest)
    if kind in KINDS and not KINDS[kind].get("front_matter") and not _schema_comment_ok(root, kind, rel, text.first_line, {} if schemas_seen is None else schemas_seen):
        expected = expected_schema_comment(root, kind, rel)
        findings.append(SCHEMA_COMMENT.finding(rel, 1, 1, "", "la première ligne ne relie pas le fichier à son schéma", f"Écrivez en première ligne : {expected}"))
    return document


def _split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Split minutes into (YAML header padded to keep line numbers, Markdown body, body line).

    A file without a header is all body; a header that never closes is None.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return "", text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            header = "\n" + "\n".join(lines[1:index])  # the leading newline keeps line numbers equal to the file's
            return header, "\n".join(lines[index + 1 :]), index + 2
    return None


def _decode(raw: bytes, rel: str, findings: list[Finding]) -> str | None:
    bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    raw = raw[bom:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8", errors="replace")) + 1  # characters, not bytes
        findings.append(UNREADABLE.finding(rel, line, column, "", f"le fichier n'est pas du texte UTF-8 (octet 0x{raw[error.start]:02x} à la position {error.start + bom} du fichier)"))
        return None
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        findings.append(UNREADABLE.finding(rel, line, 1, "", "le fichier contient des octets nuls : c'est un fichier binaire, pas du texte"))
        return None
    return text.replace("\r\n", "\n")
