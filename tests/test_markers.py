"""A unique marker in every internal value of the data; each audience's build holds only the markers it may read.

Issue 13 §2. On a copy of each shipped instance, every internal value — every
text under a field the schema marks ``x-acia-visibilite: interne`` (whole
internal files and objects included), the Markdown text of every minutes
file and deliverable, and every lesson not marked shareable — is replaced by
a value carrying a unique marker that still validates. Every audience is then
built with the site engine, and every file of its build folder (generated
Markdown, HTML, search index, calendars, sitemap) is scanned:

- the public site holds no marker;
- a structure's site holds only markers from its own files, and, of the
  collective follow-up, only the plain fields of the meetings between
  structures it attended (never the comité de suivi, never the text of a
  collective minutes nor a lesson kept unshared);
- no site but the internal one holds an evaluation's marker;
- the internal site holds every marker, except those of the fields listed in
  ``NOT_RENDERED``, which no page shows (sanity: the test proves something);
- the people the call itself names (« candidature.contacts », marked
  ``x-acia-visibilite: publiee-par-l-appel``, so never given a marker) are on
  the public Candidater page, names and addresses.
"""

from __future__ import annotations

import fnmatch
import gzip
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import REPO, copy_shipped

import tasks
from acia.check import check_instance, parse_now
from acia.check.schema import SchemaSet
from acia.load import yamlsource
from acia.load.documents import KINDS
from acia.site import pages
from acia.site.pages import Audience, build

pytestmark = [pytest.mark.acceptance, pytest.mark.xdist_group("markers")]

INSTANCES = {"corse-2023": ".", "idf-2021": "examples/idf-2021"}

# What a marker stands for.
FIELD = "champ"  # a text under an internal field of a YAML file
BODY = "texte du compte rendu"  # a line of a minutes file's Markdown text
LESSON = "enseignement non partageable"  # a lesson with « partageable: false »
DELIVERABLE = "livrable"  # a line of a deliverable file

MARKER = re.compile(r"zqmark(\d{5})(?!\d)", re.IGNORECASE)
PHONE = re.compile(r"(?<!\d)0[1-9](?:[\s.\-]?\d{2}){4}(?!\d)")
# Fields no page shows to any audience, not even the programme team: their
# markers are expected nowhere (file pattern, field path with list indexes as []).
NOT_RENDERED = {
    ("data/suivi/*/reunions.yml", "reunions[].participants[].personne.nom"),  # who attended: counted, never listed
    ("data/suivi/*/reunions.yml", "reunions[].participants[].personne.prenom"),
    ("data/suivi/*/livrables.yml", "livrables[].commentaire"),  # the team's working note on a deliverable
    ("data/applications/*.yml", "equipe_projet[].mission"),  # the team table shows the role, not the mission
    ("data/applications/*.yml", "etablissements[].equipe_projet[].mission"),
    ("data/evaluations/*.yml", "evaluations[].commentaire"),  # the selection page shows scores, not comments
    ("data/evaluations/*.yml", "evaluations[].personne.nom"),
    ("data/evaluations/*.yml", "evaluations[].personne.prenom"),
    ("data/applications/*.yml", "organisme_gestionnaire.representant_legal.nom"),  # for the letters (acia documents)
    ("data/applications/*.yml", "organisme_gestionnaire.representant_legal.prenom"),
    ("data/applications/*.yml", "organisme_gestionnaire.representant_legal.fonction"),
    ("data/programme.yml", "candidature.destinataires[].personne.nom"),  # an address the call does not publish: the site lists the addresses only
    ("data/programme.yml", "candidature.destinataires[].personne.prenom"),
    ("data/programme.yml", "candidature.destinataires[].personne.titre"),
    ("data/programme.yml", "organisations[].signataire.personne.nom"),  # who signs the letters: in the letters only
    ("data/programme.yml", "organisations[].signataire.personne.prenom"),
}


@dataclass(frozen=True)
class Marker:
    number: int
    file: str  # relative to the instance root
    field: str  # field path, or « ligne N » of a Markdown text
    owner: str  # a structure (application id), "collectif:<meeting id>" or "programme"
    kind: str  # FIELD, BODY, LESSON or DELIVERABLE

    def __str__(self) -> str:
        return f"zqmark{self.number:05d} ({self.kind}) {self.file} {self.field} [{self.owner}]"

    @property
    def rendered(self) -> bool:
        """Whether some page is meant to show the value (to the programme team at least)."""
        generic = re.sub(r"\[\d+\]", "[]", self.field)
        return not any(fnmatch.fnmatch(self.file, pattern) and generic == field for pattern, field in NOT_RENDERED)


class Markers:
    """Every marker put in an instance, and how to find them in a build."""

    def __init__(self) -> None:
        self.items: dict[int, Marker] = {}
        self.phones: dict[str, int] = {}  # digits of a marked phone number → its marker

    def _new(self, file: str, field: str, owner: str, kind: str) -> int:
        number = len(self.items) + 1
        self.items[number] = Marker(number, file, field, owner, kind)
        return number

    def text(self, file: str, field: str, owner: str, kind: str = FIELD) -> str:
        return f"Zqmark{self._new(file, field, owner, kind):05d}"

    def email(self, file: str, field: str, owner: str) -> str:
        return f"zqmark{self._new(file, field, owner, FIELD):05d}@marqueurs.example.fr"

    def phone(self, file: str, field: str, owner: str) -> str:
        number = self._new(file, field, owner, FIELD)
        digits = f"09{70000000 + number:08d}"  # a valid French number, one per marker
        self.phones[digits] = number
        return " ".join(digits[index : index + 2] for index in range(0, 10, 2))

    def found(self, text: str) -> set[int]:
        numbers = {int(match.group(1)) for match in MARKER.finditer(text)}
        spaced = text.replace("\u00a0", " ").replace("&nbsp;", " ").replace("\\u00a0", " ")
        numbers.update(self.phones[digits] for match in PHONE.finditer(spaced) if (digits := re.sub(r"\D", "", match.group(0))) in self.phones)
        return numbers & set(self.items)


# --- putting the markers in ---------------------------------------------------------


def _field(trail: tuple[str | int, ...]) -> str:
    text = ""
    for part in trail:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text


class _Marking:
    def __init__(self, root: Path, markers: Markers) -> None:
        self.root = root
        self.markers = markers
        self.schemas = SchemaSet()

    def _owner(self, rel: str, data, trail: tuple[str | int, ...]) -> str:
        parts = rel.split("/")
        if parts[1] in ("applications", "evaluations"):
            return Path(parts[2]).stem
        if parts[1] == "suivi" and parts[2] != "collectif":
            return parts[2]
        if parts[1] == "suivi":
            if parts[3] == "comptes-rendus":
                return f"collectif:{Path(parts[4]).stem}"
            if trail[:1] == ("reunions",) and len(trail) > 1:
                return f"collectif:{data['reunions'][trail[1]]['id']}"
            return "collectif"
        return "programme"

    def _value(self, rel: str, data, trail: tuple[str | int, ...], node: dict, value: str) -> str:
        """The marked value that replaces an internal text, or the value itself if the schema constrains it."""
        owner, field = self._owner(rel, data, trail), _field(trail)
        if trail[-1] == "email":
            return self.markers.email(rel, field, owner)
        if trail[-1] == "telephone":
            return self.markers.phone(rel, field, owner)
        if node.get("pattern") == "^https://":
            return f"https://marqueurs.example.fr/{self.markers.text(rel, field, owner)}"
        if node.get("type") != "string" or any(key in node for key in ("enum", "const", "pattern", "format")):
            return value  # identifiers, dates, civilités: coded, not typed by a person
        return self.markers.text(rel, field, owner)

    def _walk(self, rel: str, data, value, node: dict, current: str, inside: bool, trail: tuple[str | int, ...]):
        if isinstance(value, dict):
            items = value.items()
        elif isinstance(value, list):
            items = enumerate(value)
        else:
            return self._value(rel, data, trail, node, value) if inside and isinstance(value, str) and value.strip() else value
        result = {}
        for key, item in items:
            child, child_file = self.schemas.child(node, current, key)
            result[key] = self._walk(rel, data, item, child, child_file, inside or child.get("x-acia-visibilite") == "interne", (*trail, key))
        return result if isinstance(value, dict) else list(result.values())

    def yaml_data(self, rel: str, data, schema: str):
        node, current = self.schemas.resolve(self.schemas.by_name[schema], schema)
        return self._walk(rel, data, data, node, current, node.get("x-acia-visibilite") == "interne", ())

    def yaml_file(self, rel: str, schema: str) -> None:
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        comments = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))  # the schema line and the comments, on top
        data = self.yaml_data(rel, yamlsource.parse(text).data, schema)
        path.write_text(comments + _dump(data), encoding="utf-8")

    def markdown(self, text: str, new: Callable[[int], str]) -> str:
        """Every line with words gets its own marker, after its Markdown prefix (list, heading, table cell)."""
        lines = []
        for number, line in enumerate(text.splitlines(), start=1):
            prefix, rest = _PREFIX.match(line).groups()  # type: ignore[union-attr]
            if rest.strip() and not set(rest.strip()) <= set("|-:= ") and not rest.startswith(("```", "~~~")):
                line = f"{prefix}{new(number)} {rest}"
            lines.append(line)
        return "\n".join(lines) + "\n"

    def minutes(self, rel: str) -> None:
        path = self.root / rel
        _, header, body = path.read_text(encoding="utf-8").split("---\n", 2)
        data = yamlsource.parse(header).data or {}
        owner = self._owner(rel, data, ())
        for index, lesson in enumerate(data.get("enseignements", [])):
            if not lesson["partageable"]:
                lesson["texte"] = self.markers.text(rel, f"enseignements[{index}].texte", owner, LESSON)
        body = self.markdown(body, lambda line: self.markers.text(rel, f"ligne {line}", owner, BODY))
        path.write_text(f"---\n{_dump(data)}---\n{body}", encoding="utf-8")

    def deliverable(self, rel: str) -> None:
        path = self.root / rel
        owner = self._owner(rel, None, ())
        path.write_text(self.markdown(path.read_text(encoding="utf-8"), lambda line: self.markers.text(rel, f"ligne {line}", owner, DELIVERABLE)), encoding="utf-8")


_PREFIX = re.compile(r"^(\s*(?:(?:[-*+]|\d+[.)]|#{1,6}|>|\|)[ \t]*)*)(.*)$")


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def mark_instance(root: Path) -> Markers:
    """Put a marker in every internal value of the instance at ``root`` (files rewritten in place)."""
    markers = Markers()
    marking = _Marking(root, markers)
    for path in sorted((root / "data").rglob("*")):
        rel = path.relative_to(root).as_posix()
        if not path.is_file():
            continue
        kind = next((spec for spec in KINDS.values() if fnmatch.fnmatch(rel, str(spec["pattern"]))), None)
        if kind is not None and kind.get("front_matter"):
            marking.minutes(rel)
        elif kind is not None:
            marking.yaml_file(rel, str(kind["schema"]))
        elif fnmatch.fnmatch(rel, "data/suivi/*/livrables/*.md"):
            marking.deliverable(rel)
        else:
            raise AssertionError(f"{rel}: a data file this test does not know how to mark")
    return markers


# --- building and scanning ----------------------------------------------------------


def _scan(markers: Markers, folder: Path) -> set[int]:
    """The markers found in every file of an audience's build folder (generated tree and built site)."""
    found: set[int] = set()
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        content = path.read_bytes()
        if path.suffix == ".gz":
            content = gzip.decompress(content)
        text = content.decode("utf-8", errors="replace")
        if path.suffix == ".ics":
            text = text.replace("\r\n ", "").replace("\r\n\t", "")  # unfold lines (RFC 5545)
        found |= markers.found(text)
    return found


@dataclass(frozen=True)
class MarkedBuild:
    root: Path
    markers: Markers
    found: dict[str, set[int]]  # audience → markers found in its build
    given: dict[str, set[int]]  # audience → markers found in what its templates were given
    attended: dict[str, set[str]]  # structure → collective meetings between structures it may read


def _recording(markers: Markers, given: dict[str, set[int]]):
    """``_Pages.render``, noting the markers in what each template receives (its context and ``p``).

    A template guarded by a condition (« if complet ») hides a value from the
    page but not from the template: what an audience may not read must not
    reach its templates at all.
    """
    render = pages._Pages.render
    programmes: dict[int, set[int]] = {}

    def recording(self, template: str, context: object) -> str:
        if id(self.programme) not in programmes:
            programmes[id(self.programme)] = markers.found(repr(self.programme))
        audience = self.audience.kind if self.audience.structure is None else f"structure:{self.audience.structure}"
        given.setdefault(audience, set()).update(markers.found(repr(context)) | programmes[id(self.programme)])
        return render(self, template, context)

    return recording


def _attended(root: Path) -> dict[str, set[str]]:
    """For each application, the collective meetings between structures it took part in (read from the YAML)."""

    def read(rel: str, key: str) -> list:
        path = root / "data" / rel
        return yamlsource.parse(path.read_text(encoding="utf-8")).data.get(key, []) if path.exists() else []

    levels = {body["id"]: body["niveau"] for body in read("programme.yml", "instances")}
    retained = [item["candidature"] for item in read("selection.yml", "decisions") if item["decision"] == "retenue"]
    meetings = read("suivi/collectif/reunions.yml", "reunions")
    between = [meeting for meeting in meetings if levels[meeting["instance"]] == "inter_structures"]
    structures = [path.stem for path in (root / "data" / "applications").glob("*.yml")]
    return {structure: {meeting["id"] for meeting in between if structure in meeting.get("structures", retained)} for structure in structures}


@pytest.fixture(scope="module", params=sorted(INSTANCES))
def marked(request, tmp_path_factory) -> MarkedBuild:
    """A marked copy of a shipped instance, built for every audience: the public, the team and each structure."""
    source = INSTANCES[request.param]
    root = copy_shipped(tmp_path_factory.mktemp(request.param), REPO / source)
    markers = mark_instance(root)
    snapshot = tasks.INSTANCES[source]
    checked = check_instance(root, now=parse_now(snapshot) if snapshot else None)
    assert checked.report.ok, [str(finding) for finding in checked.report.findings if finding.severity.name == "ERROR"]
    audiences = ["public", "interne"] + [f"structure:{path.stem}" for path in sorted((root / "data" / "applications").glob("*.yml"))]
    found: dict[str, set[int]] = {}
    given: dict[str, set[int]] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pages._Pages, "render", _recording(markers, given))
        for name in audiences:
            audience = Audience.parse(name)
            # A structure's site is scanned as generated (its pages, calendars and
            # deliverables), without the site engine's time: the engine only turns
            # these pages into HTML and a search index of the same text. The public
            # and internal sites are built and scanned whole.
            build(root, audience, checked.report, checked.context, run_builder=audience.structure is None, proposal=checked.proposal)
            found[name] = _scan(markers, root / "build" / audience.folder)
    return MarkedBuild(root, markers, found, given, _attended(root))


def _describe(markers: Markers, numbers: set[int]) -> list[str]:
    return [str(markers.items[number]) for number in sorted(numbers)]


def test_every_kind_of_internal_value_is_marked(marked):
    kinds = {marker.kind for marker in marked.markers.items.values()}
    assert FIELD in kinds
    if (marked.root / "data" / "suivi").exists():
        assert {BODY, LESSON, DELIVERABLE} <= kinds
        assert any(marker.owner.startswith("collectif:") for marker in marked.markers.items.values())
    assert marked.markers.phones and any(marker.field.endswith(".email") for marker in marked.markers.items.values())


def test_public_site_holds_no_marker(marked):
    assert _describe(marked.markers, marked.found["public"]) == []


def test_public_templates_receive_no_marker(marked):
    assert _describe(marked.markers, marked.given["public"]) == []


def _may_read(marker: Marker, structure: str, attended: set[str]) -> bool:
    if marker.file.startswith("data/evaluations/"):
        return False  # the committee's notes stay with the programme team
    if marker.owner == structure:
        return True
    if marker.owner.startswith("collectif:"):
        # Of a collective time it attended, a structure reads the meeting, never its minutes' text nor its unshared lessons.
        return marker.owner.split(":", 1)[1] in attended and marker.kind == FIELD
    return False


@pytest.mark.parametrize("what", ["found", "given"])
def test_structure_sites_hold_only_their_own_markers(marked, what):
    """In the build (« found ») and in what its templates receive (« given »)."""
    leaks = {}
    for audience, found in getattr(marked, what).items():
        if audience.startswith("structure:"):
            structure = audience.split(":", 1)[1]
            foreign = {number for number in found if not _may_read(marked.markers.items[number], structure, marked.attended[structure])}
            if foreign:
                leaks[audience] = _describe(marked.markers, foreign)
    assert leaks == {}


def test_structure_sites_hold_their_whole_dossier(marked):
    """What the team reads of a structure's own files, the structure reads too (sanity of the previous test)."""
    missing = {}
    for audience, found in marked.found.items():
        if audience.startswith("structure:"):
            structure = audience.split(":", 1)[1]
            own = {number for number in marked.found["interne"] if _may_read(marked.markers.items[number], structure, set())}
            if own - found:
                missing[audience] = _describe(marked.markers, own - found)
    assert missing == {}


def test_internal_site_holds_every_rendered_marker(marked):
    markers = marked.markers.items.values()
    expected = {marker.number for marker in markers if marker.rendered}
    assert _describe(marked.markers, expected - marked.found["interne"]) == []
    # The fields said not rendered are indeed nowhere: the list stays exact.
    assert _describe(marked.markers, {marker.number for marker in markers if not marker.rendered} & set().union(*marked.found.values())) == []


def test_the_call_s_own_contacts_are_on_the_public_site(marked):
    """Personal data the call publishes itself is public: each contact's name and e-mail address are on the public Candidater page."""
    programme = yamlsource.parse((marked.root / "data" / "programme.yml").read_text(encoding="utf-8")).data
    contacts = programme["candidature"].get("contacts", [])
    assert len(contacts) == (4 if programme["id"] == "acia-idf-2021" else 0)
    page = (marked.root / "build" / "public" / "site" / "candidater" / "index.html").read_text(encoding="utf-8")
    for contact in contacts:
        assert f"{contact['prenom']} {contact['nom']}" in page and f'href="mailto:{contact["email"]}"' in page
