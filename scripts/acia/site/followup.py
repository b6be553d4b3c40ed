"""The follow-up pages of the site: progress per structure, the internal dashboard, minutes, calendars and Capitalisation.

Figures come from ``followup`` (recomputed at "now"); this module only turns
them into values for the templates. What each audience sees: the public gets
figures, the collective calendar and the shareable lessons; a structure and
the internal team also get meetings, minutes, deliverables, recommendations
and the bilan.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

from acia import french, safe_files
from acia.model import calendar
from acia.model.followup import ANSWER_LABELS, COLLECTIVE, LESSON_LABELS, NATURE_LABELS, STATUS_LABELS, FollowUp, Meeting, Minutes, StructureFollowUp
from acia.model.programme import Programme
from acia.site import contexts, escape


def percent(part: float, whole: float) -> int:
    return round(100 * part / whole) if whole else 0


def meeting_row(programme: Programme, meeting: Meeting, now, groups: dict[str, str], minutes_link: str | None, axe: str | None = None) -> dict:
    if meeting.cancelled:
        state = "annulée"
    elif meeting.held(now):
        state = "tenue"
    else:
        state = "prévue"
    return {
        "quand": french.short_datetime(meeting.start),
        "quoi": calendar.meeting_summary(programme, meeting, groups, axe),
        "duree": french.hours(meeting.hours),
        "etape": next((str(step.number) for step in programme.steps if step.id == meeting.step), "—"),
        "etat": state,
        "collectif": meeting.folder == COLLECTIVE,
        "compte_rendu": minutes_link,
    }


def progress(programme: Programme, structure: StructureFollowUp) -> dict:
    """The progress view of one structure: per step, then totals (figures only, safe for the public)."""
    steps = []
    for item in structure.steps:
        steps.append(
            {
                "numero": item.step.number,
                "titre": item.step.title,
                "periode": f"du {french.short_date(item.step.period.start)} au {french.short_date(item.step.period.end)}",
                "heures": f"{french.number(item.held_hours)} / {french.hours(item.planned_hours)}",
                "heures_pourcent": percent(item.held_hours, item.planned_hours),
                "jours": f"{item.days} / {french.number(item.planned_days)}" if item.planned_days is not None else str(item.days),
                "actions": [{"action": row.action, "faite": meeting is not None} for row, meeting in item.actions],
                "autres": french.hours(item.other_hours) if item.other_hours else "",
            }
        )
    total_recommendations = len(structure.recommendations)
    return {
        "etapes": steps,
        "heures_tenues": french.hours(structure.held_hours),
        "heures_prevues": french.hours(structure.planned_hours),
        "heures_planifiees": french.hours(structure.scheduled_hours),
        "heures_pourcent": percent(structure.held_hours, structure.planned_hours),
        "jours": structure.days,
        "jours_prevus": french.number(structure.planned_days),
        "livrables_faits": structure.deliverables_done,
        "livrables_total": len(structure.deliverables),
        "recommandations_repondues": structure.answered,
        "recommandations_total": total_recommendations,
        "comptes_rendus_manquants": len(structure.minutes_missing),
    }


# What a structure reads instead of the full text of a collective meeting's minutes.
RESTRICTED_MINUTES = "Le compte rendu complet de ce temps collectif est réservé à l'équipe du programme ; seuls les enseignements partagés figurent ici."


def collective_visible(meeting: Meeting, reader: str | None) -> bool:
    """Whether a reader may see a collective meeting and its minutes.

    ``reader`` is None for the programme team (everything) or the id of the
    structure whose site is built: a structure sees the times between
    structures it took part in, never the meetings of the programme's own
    bodies (the comité de suivi of the ARS and the Aract).
    """
    if reader is None or meeting.folder != COLLECTIVE:
        return True
    return meeting.level == "inter_structures" and meeting.concerns(reader)


def concerned(structure: StructureFollowUp, meeting: Meeting) -> str:
    """Which of its établissements a structure's meeting concerns, by name, when it has several (« IME Lisula et ESAT Lisula (réunion commune) »)."""
    if meeting.folder == COLLECTIVE or len(structure.application.etablissements) < 2:
        return ""
    etablissements = structure.etablissements_of(meeting)
    if not etablissements:
        return meeting.etablissement or ""  # an unknown FINESS: ACIA517 reports it
    names = french.enumerate_names([etablissement.name for etablissement in etablissements])
    return f"{names} (réunion commune)" if len(etablissements) > 1 else names


def pilots(structure: StructureFollowUp, meeting: Meeting | None = None) -> str:
    """The pilot(s) of the teams a structure's meeting concerns (of all its teams without a meeting), by name; each with its établissement when there are several (personal data: full audiences only)."""
    teams = [team for team in (structure.teams_of(meeting) if meeting is not None else structure.application.teams) if team.pilot is not None]
    names = []
    for team in teams:
        assert team.pilot is not None
        name = f"{team.pilot.person.first_name} {team.pilot.person.last_name}"
        names.append(f"{name} ({team.etablissement.name})" if len(teams) > 1 and team.etablissement is not None else name)
    return french.enumerate_names(names)


def details(programme: Programme, structure: StructureFollowUp, followup: FollowUp, internal_link: bool = True, reader: str | None = None) -> dict:
    """Meetings, deliverables, recommendations and bilan of one structure (full audiences only; ``reader``: see ``collective_visible``)."""
    meetings = []
    for meeting in structure.meetings:
        if not collective_visible(meeting, reader):
            continue
        link = None
        if meeting.has_minutes and meeting.folder == structure.id:
            link = f"{structure.id}/comptes-rendus/{meeting.id}.md"
        elif meeting.has_minutes:
            link = f"collectif/{meeting.id}.md"
        row = meeting_row(programme, meeting, followup.now, structure.groups, escape.trusted(link) if link else None, structure.axe)
        row["etablissement"] = concerned(structure, meeting)
        row["pilotes"] = pilots(structure, meeting)
        meetings.append(row)
    deliverables = [
        {
            "libelle": item.label,
            "statut": STATUS_LABELS[item.status],
            "date": french.short_date(item.day) if item.day else "",
            "fichier": escape.trusted(escape.url_path(f"{structure.id}/{item.file}")) if item.file else None,
            "lien": item.link,
            "dimensions": ", ".join(label for key, label in item.dimensions_expected if key in item.dimensions),
        }
        for item in structure.deliverables
    ]
    recommendations = [
        {
            "date": french.short_date(item.day),
            "groupe": structure.groups.get(item.group, item.group),
            "texte": item.text,
            "reponse": ANSWER_LABELS.get(item.answer, "en attente") if item.answer else "en attente",
            "justification": item.justification or "",
        }
        for item in structure.recommendations
    ]
    arbitrage = ""
    if structure.arbitrage is not None:
        state = "passé" if structure.arbitrage <= followup.now else "prévu"
        arbitrage = f"{state} ({french.short_date(structure.arbitrage.date())})"
    bilan = None
    if structure.bilan is not None:
        bilan = {
            "date": french.short_date(structure.bilan.day),
            "forces": structure.bilan.strengths,
            "faiblesses": structure.bilan.weaknesses,
            "acteurs_ressources": [{"nom": actor.name, "apport": actor.contribution} for actor in structure.bilan.resources],
            "perspectives": structure.bilan.perspectives,
        }
    return {
        "reunions": meetings,
        "plusieurs_etablissements": len(structure.application.etablissements) > 1,
        "pilotes": pilots(structure),
        "pilotes_libelle": french.agree(len(structure.application.pilots), "Pilote de projet", "Pilotes de projet"),
        "livrables": deliverables,
        "recommandations": recommendations,
        "arbitrage": arbitrage,
        "bilan": bilan,
    }


def dashboard_rows(programme: Programme, followup: FollowUp) -> list[dict]:
    rows = []
    for structure in sorted(followup.structures.values(), key=lambda item: item.name.lower()):
        figures = progress(programme, structure)
        upcoming = next((meeting for meeting in structure.meetings if not meeting.cancelled and meeting.start > followup.now), None)
        rows.append(
            {
                "id": escape.trusted(structure.id),
                "nom": structure.name,
                "axe": axe.short_title if (axe := programme.axe(structure.axe)) is not None else structure.axe,
                "heures": f"{figures['heures_tenues']} / {figures['heures_prevues']}",
                "jours": " · ".join(step["jours"] for step in figures["etapes"]),
                "livrables": f"{figures['livrables_faits']} / {figures['livrables_total']}",
                "recommandations": f"{figures['recommandations_repondues']} / {figures['recommandations_total']}",
                "manquants": figures["comptes_rendus_manquants"],
                "prochaine": f"{french.short_date(upcoming.start.date())} — {calendar.meeting_summary(programme, upcoming, structure.groups, structure.axe)}" if upcoming else "—",
            }
        )
    return rows


def programme_totals(followup: FollowUp) -> dict:
    """The same figures summed over every retained structure: the programme's progress."""
    structures = list(followup.structures.values())
    held = sum(item.held_hours for item in structures)
    planned = sum(item.planned_hours for item in structures)
    return {
        "heures": f"{french.hours(held)} / {french.hours(planned)}",
        "heures_pourcent": percent(held, planned),
        "jours": f"{sum(item.days for item in structures)} / {french.number(sum(item.planned_days for item in structures))}",
        "livrables": f"{sum(item.deliverables_done for item in structures)} / {sum(len(item.deliverables) for item in structures)}",
        "recommandations": f"{sum(item.answered for item in structures)} / {sum(len(item.recommendations) for item in structures)}",
        "manquants": sum(len(item.minutes_missing) for item in structures),
    }


def collective_rows(programme: Programme, followup: FollowUp, with_minutes: bool) -> list[dict]:
    return [meeting_row(programme, meeting, followup.now, {}, escape.trusted(f"collectif/{meeting.id}.md") if with_minutes and meeting.has_minutes else None) for meeting in followup.collective]


def lessons(programme: Programme, followup: FollowUp) -> list[dict]:
    """Shareable lessons grouped by axe, then theme, then nature (obstacles, leviers, outils)."""
    themes = {theme.id: theme.label for theme in (programme.followup.themes if programme.followup else ())}
    axes = {axe.id: axe.short_title for axe in programme.axes}
    sectors = {sector.id: sector.label for sector in programme.sectors}
    groups: dict[str, dict] = {}
    order = [axe.id for axe in programme.axes] + [COLLECTIVE]
    for lesson in followup.lessons:
        axe_key = lesson.axe or COLLECTIVE
        axe_group = groups.setdefault(axe_key, {"titre": axes.get(axe_key, programme.collective_heading), "themes": {}})
        theme = axe_group["themes"].setdefault(lesson.theme, {"titre": themes.get(lesson.theme, lesson.theme), "natures": {}})
        source = []
        if lesson.meeting is not None:
            source.append(calendar.meeting_summary(programme, lesson.meeting))
            source.append(french.month(lesson.meeting.start))
        if lesson.sectors:
            source.append(", ".join(sectors.get(sector, sector) for sector in lesson.sectors))
        theme["natures"].setdefault(lesson.nature, []).append({"texte": lesson.text, "source": " · ".join(source)})
    result = []
    for axe_key in order:
        if axe_key not in groups:
            continue
        axe_group = groups[axe_key]
        result.append(
            {
                "titre": axe_group["titre"],
                "themes": [
                    {"titre": theme["titre"], "natures": [{"titre": NATURE_LABELS[nature], "enseignements": theme["natures"][nature]} for nature in NATURE_LABELS if nature in theme["natures"]]}
                    for _, theme in sorted(axe_group["themes"].items(), key=lambda item: item[1]["titre"])
                ],
            }
        )
    return result


def minutes_pages(programme: Programme, minutes: Iterable[Minutes], followup: FollowUp, structures: set[str], render, reader: str | None = None) -> dict[str, str]:
    """One page per minutes of the given structures (and of the collective), text made inert.

    A structure (``reader``) gets the collective minutes of the meetings it
    took part in, and of those only the lessons marked shareable: the full
    text speaks of the other structures and stays with the programme team.
    """
    if not structures:
        return {}  # the public reads no minutes, not even the collective's
    pages = {}
    for item in minutes:
        if item.folder not in structures and item.folder != COLLECTIVE:
            continue
        meeting = followup.meeting(item.folder, item.meeting)
        if meeting is None or not collective_visible(meeting, reader):
            continue
        restricted = reader is not None and item.folder == COLLECTIVE
        structure = followup.structures.get(item.folder)
        title = calendar.meeting_summary(programme, meeting, structure.groups if structure is not None else {})
        lessons_ = [{"nature": LESSON_LABELS[lesson.nature], "texte": lesson.text, "partageable": lesson.shareable} for lesson in item.lessons if lesson.shareable or not restricted]
        pages[f"dossiers/{item.folder}/comptes-rendus/{item.meeting}.md" if item.folder != COLLECTIVE else f"dossiers/collectif/{item.meeting}.md"] = render(
            "compte-rendu.md.j2",
            contexts.Minutes(
                titre=title,
                quand=f"{french.long_date(meeting.start.date())}, {french.clock(meeting.start)}",
                redige_par=writer(programme, item.writer),
                redige_le=french.short_date(item.written_on) if item.written_on is not None else "",
                etablissement=concerned(structure, meeting) if structure is not None else "",
                pilotes=pilots(structure, meeting) if structure is not None else "",
                pilotes_libelle=french.agree(len(structure.pilots_of(meeting)), "Pilote de projet", "Pilotes de projet") if structure is not None else "",
                texte=escape.trusted(RESTRICTED_MINUTES) if restricted else escape.user_markdown(item.body),
                enseignements=lessons_,
            ),
        )
    return pages


DELIVERABLES = "livrables"  # the folder of a structure's follow-up that holds its deliverable files
DELIVERABLE_MAX_BYTES = 50 * 1024 * 1024
# What a deliverable may be: documents, spreadsheets, slides, text and images that a
# browser never runs. A web page, an SVG or an XML file opened from the site would run
# its scripts in the site's origin, and no policy in a page can stop that.
DELIVERABLE_TYPES = (".md", ".pdf", ".docx", ".odt", ".xlsx", ".ods", ".pptx", ".odp", ".csv", ".txt", ".png", ".jpg", ".jpeg")


def deliverable_files(root, followup: FollowUp, structures: set[str]) -> dict[str, str | bytes]:
    """The deliverable files of these structures, for their dossier pages; Markdown is made inert.

    Only regular files inside the structure's ``livrables/`` folder are copied:
    a link, a path leaving the instance or an oversize file raises
    ``safe_files.Refused`` (French, naming the file), even if validation was skipped.
    """
    files: dict[str, str | bytes] = {}
    for structure_id in sorted(structures):
        structure = followup.structures.get(structure_id)
        if structure is None:
            continue
        for item in structure.deliverables:
            if not item.file:
                continue
            relative = f"data/suivi/{structure_id}/{item.file}"
            if not (root / relative).is_file() and not (root / relative).is_symlink():
                continue  # a missing file is ACIA511's business
            if PurePosixPath(item.file).parts[:1] != (DELIVERABLES,):
                raise safe_files.Refused(safe_files.LINK, f"{relative} : un livrable est rangé dans le dossier {DELIVERABLES}/ de la structure")
            if PurePosixPath(item.file).suffix.lower() not in DELIVERABLE_TYPES:
                raise safe_files.Refused(safe_files.SPECIAL, f"{relative} : ce type de fichier n'est pas publié (types acceptés : {', '.join(DELIVERABLE_TYPES)}) ; enregistrez le livrable en PDF")
            try:
                content = safe_files.read_bytes(root, relative, DELIVERABLE_MAX_BYTES)
            except safe_files.Refused as refusal:
                raise safe_files.Refused(refusal.kind, f"{relative} : {refusal.message}") from None
            target = f"dossiers/{structure_id}/{item.file}"
            if relative.endswith(".md"):
                files[target] = str(escape.user_markdown(content.decode("utf-8", errors="replace")))
            else:
                files[target] = content
    return files


def writer(programme: Programme, actor_id: str) -> str:
    """Who wrote the minutes, after « Rédigé par »: « l'Aract », « le pilote de projet », else the role's label."""
    organisation = programme.organisation(actor_id)
    if organisation is not None:
        return french.the(organisation.acronym, organisation.article)
    if actor_id == "pilote":
        return french.the(programme.acronym(actor_id), "le")
    return french.in_sentence(programme.actor(actor_id))
