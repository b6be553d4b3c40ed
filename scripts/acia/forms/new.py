"""``acia nouvelle candidature``: a new application file, imported from a filled Annexe 1 or as a template.

The reception date is asked for (or taken from ``--recu-le``), never guessed;
an existing file is never replaced; a form that cannot be read reliably
writes nothing. After writing, the new file goes through the same checks as
``acia valider``.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from datetime import datetime
from pathlib import Path

from acia import moments, reporters
from acia.check import check_instance, validate
from acia.check.schema import SchemaSet
from acia.forms import annexe, importer, merge, scaffold

EXIT_OK, EXIT_FINDINGS = 0, 1


def parse_received(text: str, zone) -> str:
    """The reception moment as stored: ISO with seconds and offset. Raises ValueError in French."""
    try:
        moment, timed = moments.read(text)
    except ValueError as error:
        raise ValueError(f"--recu-le : {error}") from None
    if not timed:
        raise ValueError(f"--recu-le : donnez aussi l'heure de réception du courriel (ex. {text.strip()} 10:24) : elle compte pour la date limite")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.isoformat(timespec="seconds")


def _ask_received(zone) -> str:
    """Ask on the terminal; without a terminal, the option is required."""
    if not sys.stdin.isatty():
        raise ValueError("indiquez la date et l'heure de réception du courriel avec --recu-le (ex. --recu-le 2023-06-12T10:24) : elle n'est jamais devinée")
    while True:
        answer = input("Date et heure de réception du courriel (ex. 12/06/2023 10:24) : ").strip()
        if not answer:
            raise ValueError("date de réception non donnée : rien n'a été écrit")
        try:
            return parse_received(answer, zone)
        except ValueError as error:
            print(str(error).removeprefix("--recu-le : "), file=sys.stderr)


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"\b(l|d)'", "", text.replace("’", "'"))
    return "-".join(re.findall(r"[a-z0-9]+", text))[:50].strip("-")


def derive_id(data: dict) -> str | None:
    """og-<département>-<raison sociale>, like the shipped applications (og-2a-fondation-u-sole)."""
    og = data.get("organisme_gestionnaire", {})
    name = og.get("raison_sociale") or next((item.get("raison_sociale") for item in data.get("etablissements", []) if item.get("raison_sociale")), None)
    if not name:
        return None
    finess = og.get("finess_juridique") or next((item.get("finess_geographique") for item in data.get("etablissements", []) if item.get("finess_geographique")), "")
    department = finess[:2].lower() if re.match(r"^[0-9]{2}|^2[ab]", finess.lower()) else ""
    return "-".join(part for part in ("og", department, slug(name)) if part)


def new_application(root: Path, now: datetime, sources: list[str] | str | None, identifier: str | None, received: str | None) -> int:
    checked = check_instance(root, now=now, only=[])
    report, context = checked.report, checked.context
    if context.programme is None:
        sys.stdout.write(reporters.text(report, lambda rel: rel))
        print("acia : data/programme.yml doit être valide pour créer une candidature.", file=sys.stderr)
        return EXIT_FINDINGS
    zone = context.programme.timezone
    schemas = SchemaSet()
    if identifier is not None and not re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)*", identifier):
        raise ValueError(f"--id : « {identifier} » n'est pas un identifiant (lettres minuscules, chiffres et tirets, ex. og-exemple)")
    moment = parse_received(received, zone) if received else None
    if isinstance(sources, str):
        sources = [sources]
    if not sources:
        if identifier is None:
            raise ValueError("indiquez l'identifiant de la nouvelle candidature avec --id (ex. --id og-exemple)")
        return _write(root, identifier, scaffold.template_yaml(schemas, context.programme, identifier, moment, scaffold.header(root, identifier)), now, template=True)
    paths = [Path(source) for source in sources]
    for source, path in zip(sources, paths, strict=True):
        if not path.is_file():
            raise ValueError(f"--depuis : le fichier « {source} » est introuvable")
    if len({path.resolve() for path in paths}) < len(paths):
        raise ValueError("--depuis : la même fiche est donnée deux fois")
    if len(paths) > 1 and not context.programme.team.per_etablissement:
        raise ValueError(
            "--depuis : ce programme constitue une seule équipe projet pour l'organisme gestionnaire (equipe_projet.niveau: organisme_gestionnaire) ; "
            "sa candidature tient en une seule fiche : donnez-la seule"
        )
    form = annexe.sections(schemas, context.programme)
    fiches = []
    failed = False
    for path in paths:
        try:
            fiches.append(merge.Fiche(path.name, importer.read(path, schemas, context.programme)))
        except importer.FormError as error:
            failed = True
            print(f"La fiche « {path.name} » n'a pas pu être importée ; rien n'a été écrit :", file=sys.stderr)
            for problem in error.problems:
                print(f"  - {problem}", file=sys.stderr)
    if failed:
        return EXIT_FINDINGS
    try:
        reading = merge.merge(fiches, form)
    except importer.FormError as error:
        names = ", ".join(f"« {path.name} »" for path in paths)
        print(f"Les fiches {names} ne forment pas une candidature cohérente ; rien n'a été écrit :", file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return EXIT_FINDINGS
    identifier = identifier or derive_id(reading.application)
    if identifier is None:
        print("Aucune raison sociale n'a été lue dans la fiche : indiquez l'identifiant avec --id ; rien n'a été écrit.", file=sys.stderr)
        return EXIT_FINDINGS
    if (root / "data" / "applications" / f"{identifier}.yml").exists():
        print(f"data/applications/{identifier}.yml existe déjà : rien n'a été écrit. Choisissez un autre identifiant avec --id, ou corrigez le fichier existant.", file=sys.stderr)
        return EXIT_FINDINGS
    moment = moment or _ask_received(zone)
    data = {"id": identifier, "date_reception": moment, "canal_reception": context.programme.application.channel, **reading.application}
    _summary(reading)
    return _write(root, identifier, scaffold.application_yaml(schemas, data, [path.name for path in paths], scaffold.header(root, identifier)), now)


def _summary(reading: importer.Reading) -> None:
    print(f"Reconnu ({len(reading.recognised)}) :")
    for line in reading.recognised:
        print(f"  - {line}")
    if reading.missing:
        print(f"Absent de la fiche ({len(reading.missing)}) :")
        for line in reading.missing:
            print(f"  - {line}")
    if reading.doubtful:
        print(f"À vérifier ({len(reading.doubtful)}) :")
        for line in reading.doubtful:
            print(f"  - {line}")


def _write(root: Path, identifier: str, content: str, now: datetime, template: bool = False) -> int:
    rel = f"data/applications/{identifier}.yml"
    try:
        scaffold.write_new(root / rel, content)
    except FileExistsError:
        print(f"{rel} existe déjà : rien n'a été écrit.", file=sys.stderr)
        return EXIT_FINDINGS
    if template:
        print(f"Modèle écrit : {rel} — remplissez chaque champ, puis lancez acia valider.")
        return EXIT_OK  # a template is incomplete by design: its checks come once it is filled
    print(f"Candidature écrite : {rel}")
    report = validate(root, now=now, only=[rel])
    mine = [finding for finding in report.findings if finding.file == rel]
    if not mine:
        print("Contrôle : aucun problème.")
        return EXIT_OK
    report.findings = mine
    print("Contrôle du nouveau fichier (comme acia valider) :")
    sys.stdout.write(reporters.text(report, lambda name: name))
    if report.ok:
        return EXIT_OK
    print(f"Le fichier est écrit : complétez ou corrigez les points ci-dessus dans {rel}, puis relancez acia valider.")
    return EXIT_FINDINGS
