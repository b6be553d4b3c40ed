"""Nothing crashes on any valid data (issue 14 §3): property-based tests.

Hand-written Hypothesis strategies (driven by schemas/programme.schema.json and
schemas/application.schema.json) generate whole instances: a programme with
optional blocks present or absent, one to a few axes, steps, bodies,
organisations, RACI rows, criteria, sectors, fundings and limits, zero to a
few applications, with or without data/selection.yml. Most instances are
internally consistent, so that validation passes and the renderers really
run; a smaller share carries deliberately wrong references, which must give
findings, never a crash. Each instance goes through ``acia validate`` (CLI),
the matrix and proposal, the generated Markdown of every audience's site and
the letters' Markdown.

Failures Hypothesis finds are kept in tests/hypothesis-db/ (committed), so
that CI replays them.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from conftest import REPO, build_instance, build_site, run_cli
from hypothesis import HealthCheck, Phase, event, example, given, note, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase
from icalendar import Calendar
from stdnum import luhn

from acia import reporters
from acia.check import check_instance
from acia.check.catalogue import by_id
from acia.exports import matrix
from acia.letters import documents
from acia.site.pages import Audience, build

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2023, 8, 1, 12, 0, tzinfo=PARIS)
DEADLINE = date(2023, 6, 30)
EXAMPLES = int(os.environ.get("ACIA_PROPS_EXAMPLES", "0"))  # more examples for a bug hunt, e.g. ACIA_PROPS_EXAMPLES=300
DATABASE = DirectoryBasedExampleDatabase(str(Path(__file__).resolve().parent / "hypothesis-db"))
PROPERTIES = settings(
    max_examples=EXAMPLES or 25,
    phases=[Phase.explicit, Phase.reuse, Phase.generate] if os.environ.get("ACIA_PROPS_NO_SHRINK") else list(Phase),
    deadline=None,
    database=DATABASE,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

# Texts: plain French, and some with characters that Markdown, HTML, YAML or Jinja treat specially.
TEXTS = st.sampled_from(
    [
        "Texte de test.",
        "Accompagnement « numérique » & santé au travail",
        "Ligne avec | une barre et *des étoiles*",
        "{{ pas un gabarit }} {% ni ceci %}",
        "<b>gras</b> et <script>alert(1)</script>",
        "Deux lignes :\nla seconde.",
        "# Pas un titre",
        "L'équipe d'Ajaccio — 100 % motivée_",
    ]
)
ORGANISATIONS = ["ars", "aract", "grades", "dgos"]
SECTORS = ["PA", "PH", "PDE", "PDS"]
FUNDINGS = ["assurance_maladie", "conseil_departemental", "etat"]
TEAM_ROLES = ["direction", "representant_personnel", "referent_numerique"]


def _ids(prefix: str, count: int) -> list[str]:
    return [f"{prefix}-{number}" for number in range(1, count + 1)]


def _day(value: date) -> str:
    return value.isoformat()


def _siret(organisation: int, establishment: int) -> str:
    """A SIRET whose SIREN and whole number both have a valid Luhn key."""
    siren = f"{41512873 + organisation:08d}"
    siren += luhn.calc_check_digit(siren)
    body = f"{siren}{establishment + 1:04d}"
    return body + luhn.calc_check_digit(body)


def _finess(seed: int) -> str:
    body = f"75{seed:06d}"
    return body + luhn.calc_check_digit(body)


class _Dumper(yaml.SafeDumper):
    """No anchors nor aliases for shared values: acia refuses them (ACIA003)."""

    def ignore_aliases(self, data) -> bool:
        return True


@dataclass
class Instance:
    """A generated instance: its data files, and whether it was made with deliberate faults."""

    files: dict[str, object]
    faults: list[str] = field(default_factory=list)
    applications: list[str] = field(default_factory=list)

    def write(self, root: Path) -> Path:
        for rel, content in self.files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            kind = "application" if rel.startswith("data/applications/") else Path(rel).stem
            header = f"# yaml-language-server: $schema={'../' * (rel.count('/') - 1)}../schemas/{kind}.schema.json\n"
            path.write_text(header + yaml.dump(content, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
        (root / "schemas").symlink_to(REPO / "schemas")
        return root


@st.composite
def programmes(draw) -> dict:
    """A programme valid against its schema, with consistent references."""
    organisations = ORGANISATIONS[: draw(st.integers(1, 3))]
    axes_ids = _ids("axe", draw(st.integers(1, 3)))
    step_count = draw(st.integers(0, 3))
    steps_ids = _ids("etape", step_count)
    sectors = draw(st.lists(st.sampled_from(SECTORS), min_size=1, max_size=4, unique=True))
    fundings = draw(st.lists(st.sampled_from(FUNDINGS), min_size=1, max_size=3, unique=True))
    programme: dict = {
        "id": "acia-proprietes",
        "titre": draw(TEXTS),
        "phase": draw(st.sampled_from(["exploratoire", "experimentale"])),
        "region": "Test",
    }
    if draw(st.booleans()):
        programme["type_appel"] = draw(st.sampled_from(["ami", "aap"]))
    if draw(st.booleans()):
        programme["cadre_national"] = {"reference": draw(TEXTS), "porteurs": draw(st.lists(st.sampled_from(organisations), max_size=2, unique=True)), "resume": draw(TEXTS)}
    programme["organisations"] = []
    for organisation in organisations:
        item: dict = {"id": organisation, "sigle": organisation.upper(), "nom": f"Organisation {organisation}"}
        if draw(st.booleans()):
            item["article"] = draw(st.sampled_from(["le", "la", "l'", "les", ""]))
        if draw(st.booleans()):
            item["adresse"] = "1 rue de test\n20000 Ajaccio"
            item["contact"] = f"contact@{organisation}.example.fr"
        if draw(st.booleans()):
            item["signataire"] = {"fonction": draw(TEXTS)}
            if draw(st.booleans()):
                item["signataire"]["personne"] = {"civilite": "Madame", "nom": "Test", "prenom": "Anne"}
        if draw(st.booleans()):
            item["role"] = draw(TEXTS)
        programme["organisations"].append(item)
    for key in ("contexte", "phase_precedente"):
        if draw(st.booleans()):
            programme[key] = draw(TEXTS)
    programme["objectifs"] = draw(st.lists(TEXTS, max_size=2))
    for key in ("objectifs_dispositif", "interets"):
        if draw(st.booleans()):
            programme[key] = draw(st.lists(TEXTS, max_size=2))
    for key, prefix in (("dimensions", "dimension"), ("types_acia", "type")):
        if draw(st.booleans()):
            programme[key] = [{"id": identifier, "libelle": draw(TEXTS)} for identifier in _ids(prefix, draw(st.integers(0, 2)))]
    programme["axes"] = []
    for number, axe in enumerate(axes_ids, start=1):
        item = {"id": axe, "titre": draw(TEXTS), "description": draw(TEXTS)}
        if draw(st.booleans()):
            item["numero"] = number
        if draw(st.booleans()):
            item["titre_court"] = f"Axe {number}"
        if draw(st.booleans()):
            item["objectifs"] = draw(st.lists(TEXTS, max_size=2))
        if steps_ids and draw(st.booleans()):
            item["etapes"] = [{"etape": step, "titre": draw(TEXTS)} for step in draw(st.lists(st.sampled_from(steps_ids), min_size=1, unique=True))]
        programme["axes"].append(item)
    programme["secteurs"] = [{"id": sector, "libelle": f"Secteur {sector}", "eligible": draw(st.booleans()) if index else True} for index, sector in enumerate(sectors)]
    programme["financements"] = [{"id": funding, "libelle": funding.replace("_", " ").capitalize()} for funding in fundings]
    controls = st.sampled_from(
        [
            None,
            {"secteur_eligible": True},
            {"dans_les_delais": True},
            {"equipe_complete": True},
            {"engagements_requis": True},
            {"etablissements_au_plus": 2},
            {"financement_parmi": fundings[:1]},
            {"toutes": [{"champ": "engagements.direction", "egal": True}]},
            {"une_parmi": [{"champ": "numerique.outils", "contient_un_de": ["dui", "mss"]}, {"champ": "numerique.dsi", "egal": True}]},
        ]
    )
    programme["eligibilite"] = []
    for identifier in _ids("elig", draw(st.integers(1, 3))):
        item = {"id": identifier, "libelle": draw(TEXTS)}
        control = draw(controls)
        if control is not None:
            item["controle"] = control
        programme["eligibilite"].append(item)
    if draw(st.booleans()):
        programme["engagements_requis"] = draw(st.lists(st.sampled_from(["direction", "representants_personnel"]), unique=True))
    limits: dict = {}
    if draw(st.booleans()):
        limits["organismes_gestionnaires"] = draw(st.sampled_from([{"max": 2}, {"min": 1, "max": 3}, {"min": 0}]))
    if draw(st.booleans()):
        limits["etablissements"] = draw(st.sampled_from([{"max": 4}, {"min": 1}]))
    if draw(st.booleans()):
        limits["etablissements_par_og"] = {"max": draw(st.integers(1, 3))}
    if draw(st.booleans()):
        limits["financements_minimum"] = [{"financement": funding, "organismes_gestionnaires_min": 1} for funding in draw(st.lists(st.sampled_from(fundings), max_size=2, unique=True))]
    if draw(st.booleans()):
        limits["texte_source"] = draw(TEXTS)
    programme["limites"] = limits
    if draw(st.booleans()):
        criteria = []
        for identifier in _ids("critere", draw(st.integers(0, 3))):
            # At most one « ensemble » criterion (ACIA407): the proposal counts coverage once.
            modes = ["automatique", "manuel"] + ([] if any(item["mode"] == "ensemble" for item in criteria) else ["ensemble"])
            mode = draw(st.sampled_from(modes))
            item = {"id": identifier, "libelle": draw(TEXTS), "mode": mode}
            if draw(st.booleans()):
                item["axe"] = draw(st.sampled_from(axes_ids))
            if mode == "automatique":
                item["calcul"] = draw(st.sampled_from([{"financement_parmi": fundings[:1]}, {"dans_les_delais": True}, {"etablissements_au_plus": 1}]))
            elif mode == "ensemble":
                item.pop("axe", None)
                item["calcul"] = {"couverture_secteurs": sectors}
                item["couverture"] = draw(
                    st.sampled_from(
                        [
                            {"mode": "points", "points_par_secteur": 12.5},
                            {"mode": "points", "points_par_secteur": 1},
                            {"mode": "lexicographique", "rang": "avant_score"},
                            {"mode": "lexicographique", "rang": "apres_score"},
                        ]
                    )
                )
            else:
                item["echelle"] = {"min": 0, "max": draw(st.integers(1, 5))}
            if mode != "ensemble" and draw(st.booleans()):  # an « ensemble » criterion counts by « couverture », never by weight
                item["poids"] = draw(st.sampled_from([0.5, 1, 2]))
            criteria.append(item)
        programme["criteres_priorisation"] = criteria
    channel = draw(st.sampled_from(["email", "courrier", "plateforme"]))
    application: dict = {"date_limite": _day(DEADLINE), "fuseau_horaire": "Europe/Paris", "canal": channel}
    if draw(st.booleans()):
        application["heure_limite"] = draw(st.sampled_from(["12:00", "23:59:59", "00:00"]))
    if channel == "email" or draw(st.booleans()):
        application["destinataires"] = [
            {"organisation": organisation, "email": f"depot@{organisation}.example.fr"} for organisation in draw(st.lists(st.sampled_from(organisations), min_size=1, unique=True))
        ]
    if channel == "plateforme":
        application["plateforme"] = {"nom": "Démarches simplifiées", "url": "https://www.demarches-simplifiees.fr/test"}
    if channel == "courrier":
        application["adresse_postale"] = "1 rue de test\n20000 Ajaccio"
    if draw(st.booleans()):
        application["pieces"] = draw(st.lists(TEXTS, max_size=2))
    if draw(st.booleans()):
        application["reponse"] = draw(TEXTS)
    if draw(st.booleans()):
        application["accuse_reception_par"] = draw(st.sampled_from(organisations))
    programme["candidature"] = application
    # Bodies: a selection committee and a follow-up committee at programme level, a steering committee per structure.
    bodies = []
    body_pool = [
        {"id": "copil", "nom": "Comité de pilotage", "niveau": "intra_structure", "description": "Réunion de l'équipe projet."},
        {"id": "comite-selection", "nom": "Comité de sélection", "niveau": "programme", "description": "Sélectionne les candidatures."},
        {"id": "comite-suivi", "nom": "Comité de suivi", "niveau": "programme", "description": "Suit le programme."},
        {"id": "atelier", "nom": "Atelier collectif", "niveau": "inter_structures", "description": "Rassemble les structures."},
    ]
    for body in draw(st.lists(st.sampled_from(body_pool), max_size=4, unique_by=lambda body: body["id"])):
        body = dict(body)
        if draw(st.booleans()):
            body["duree_heures"] = draw(st.sampled_from([1, 2.5, 3]))
        if draw(st.booleans()):
            body["anime_par"] = draw(st.lists(st.sampled_from(organisations), min_size=1, unique=True))
        if draw(st.booleans()):
            body["compte_rendu_par"] = draw(st.sampled_from(organisations))
        if body["niveau"] == "programme" and draw(st.booleans()):
            body["membres"] = draw(st.lists(st.sampled_from(organisations), min_size=1, unique=True))
        if draw(st.booleans()):
            body["obligatoire"] = draw(st.booleans())
        if draw(st.booleans()):
            body["nombre"] = draw(st.integers(1, 4))
        bodies.append(body)
    body_ids = [body["id"] for body in bodies]
    if draw(st.booleans()):
        selection: dict = {}
        if draw(st.booleans()):
            selection["analyse_par"] = draw(st.lists(st.sampled_from(organisations), unique=True))
        if "comite-selection" in body_ids and draw(st.booleans()):
            selection["comite"] = "comite-selection"
        if draw(st.booleans()):
            selection["notification_par"] = draw(st.sampled_from(organisations))
        if draw(st.booleans()):
            selection["notification_canal"] = draw(st.sampled_from(["email", "courrier"]))
        programme["selection"] = selection
    if draw(st.booleans()):
        programme["engagement"] = {"parties": draw(st.lists(st.sampled_from(organisations), min_size=1, unique=True))}
        if "comite-suivi" in body_ids and draw(st.booleans()):
            programme["engagement"]["instance_suivi"] = "comite-suivi"
    calendar: dict = {"periode_programme": {"debut": "2023-06-01", "fin": "2024-02-29"}}
    if draw(st.booleans()):
        calendar["national"] = [{"id": "lancement-national", "libelle": "Lancement national", "debut": "2022-10-10", "precision": draw(st.sampled_from(["jour", "semaine", "mois"]))}]
    regional_pool = [
        ("lancement", {"id": "lancement", "libelle": "Lancement", "debut": "2023-06-01"}),
        ("depot", {"id": "depot", "libelle": "Fenêtre de dépôt", "debut": "2023-06-01", "fin": "2023-06-30"}),
        ("analyse", {"id": "analyse", "libelle": "Analyse des candidatures", "debut": "2023-06-30", "fin": "2023-07-10"}),
        ("comite_selection", {"id": "comite-selection", "libelle": "Comité de sélection", "debut": "2023-07-11"}),
        ("notification", {"id": "notification", "libelle": "Notification", "debut": "2023-07-11"}),
    ]
    regional = [item for item in regional_pool if draw(st.booleans())]
    calendar["regional"] = [event_ for _, event_ in regional]
    if regional and draw(st.booleans()):
        calendar["jalons"] = {name: event_["id"] for name, event_ in regional if draw(st.booleans())}
    programme["calendrier"] = calendar
    if step_count or draw(st.booleans()):
        steps = []
        start = date(2023, 7, 12)
        for number, step in enumerate(steps_ids, start=1):
            end = start + timedelta(days=draw(st.integers(10, 60)))
            item = {"id": step, "numero": number, "titre": draw(TEXTS), "periode": {"debut": _day(start), "fin": _day(end)}}
            if draw(st.booleans()):
                item["jours_mobilisation"] = draw(st.sampled_from([0, 1, 2.5]))
            if draw(st.booleans()):
                item["vocation"] = draw(TEXTS)
            if draw(st.booleans()):
                item["intra_structure"] = {"actions": draw(st.lists(TEXTS, max_size=2))}
            steps.append(item)
            start = end + timedelta(days=1)
        programme["etapes"] = steps
    team_roles = draw(st.lists(st.sampled_from(TEAM_ROLES), min_size=1, unique=True))
    team: dict = {"roles": [{"id": role, "libelle": role.replace("_", " ").capitalize(), "obligatoire": draw(st.booleans())} for role in team_roles], "pilote_obligatoire": draw(st.booleans())}
    if draw(st.booleans()):
        team["effectif"] = {"min": 2, "max": 8}
    if draw(st.booleans()):
        team["pilote"] = draw(TEXTS)
    programme["equipe_projet"] = team
    programme["instances"] = bodies
    rows: list[dict] = []
    if draw(st.booleans()):
        raci_roles = draw(st.lists(st.sampled_from(["aract", "pilote", "equipe"]), min_size=1, unique=True))
        codes = draw(st.lists(st.sampled_from(["R", "A", "C", "I"]), min_size=1, unique=True))
        if steps_ids:
            for index in range(draw(st.integers(0, 4))):
                axe = draw(st.sampled_from(axes_ids))
                row: dict = {"id": f"ligne-{index + 1}", "axe": axe, "etape": draw(st.sampled_from(steps_ids)), "action": draw(TEXTS)}
                same_axe = [previous["id"] for previous in rows if previous["axe"] == axe]
                if body_ids and draw(st.booleans()):
                    row["instance"] = draw(st.sampled_from(body_ids))
                charge = draw(st.sampled_from(["heures", "travaux", "incluse"] if same_axe else ["heures", "travaux"]))
                if charge == "incluse":
                    row["rattachee_a"] = draw(st.sampled_from(same_axe))
                row["charge"] = {"heures": {"heures": draw(st.sampled_from([1, 2.5]))}, "travaux": {"travaux_intersession": True}, "incluse": {"incluse": True}}[charge]
                if draw(st.booleans()):
                    row["description"] = draw(TEXTS)
                row["roles"] = {role: draw(st.sampled_from(codes)) for role in draw(st.lists(st.sampled_from(raci_roles), unique=True))}
                rows.append(row)
        programme["raci"] = {"roles": [{"id": role, "libelle": role.upper()} for role in raci_roles], "valeurs": [{"code": code, "libelle": f"Code {code}"} for code in codes], "lignes": rows}
    if draw(st.booleans()):
        programme["regles"] = {"reponse_aux_recommandations": draw(st.booleans()), "duplication_dans_og": draw(st.booleans())}
    if draw(st.booleans()):
        follow: dict = {"delai_compte_rendu_jours": draw(st.integers(0, 30))}
        if rows and draw(st.booleans()):
            row = draw(st.sampled_from(rows))
            follow["reponse_recommandations"] = [{"axe": row["axe"], "action": row["id"]}]
            follow["livrables"] = [{"id": "livrable-1", "axe": row["axe"], "action": row["id"], "libelle": draw(TEXTS)}]
        if draw(st.booleans()):
            follow["themes"] = [{"id": "theme-1", "libelle": draw(TEXTS)}]
        programme["suivi"] = follow
    if draw(st.booleans()):
        programme["errata"] = [
            {
                "id": "erratum-1",
                "nature": draw(st.sampled_from(["correction", "contradiction", "choix"])),
                "champ": "candidature.date_limite",
                "texte_source": draw(TEXTS),
                "valeur_retenue": draw(TEXTS),
                "justification": draw(TEXTS),
                "statut": draw(st.sampled_from(["a_confirmer", "confirme"])),
            }
        ]
    if draw(st.booleans()):
        keep = {"duree": {"mois": 12}, "a_compter_de": "decision", "donnees": "les candidatures non retenues"}
        programme["donnees_personnelles"] = {
            "responsable": organisations[0],
            "finalite": draw(TEXTS),
            "base_legale": draw(TEXTS),
            "destinataires": draw(st.lists(st.sampled_from(organisations), min_size=1, unique=True)),
            "delegue": {"intitule": "Délégué à la protection des données", "email": "dpd@example.fr"},
            "conservation": {
                "candidatures_non_retenues": keep,
                "candidatures_retenues": {"duree": {"ans": 2}, "a_compter_de": "fin_programme", "donnees": "les candidatures retenues"},
                "suivi": {"duree": {"ans": draw(st.integers(1, 5))}, "a_compter_de": "fin_programme", "donnees": "le suivi"},
            },
        }
        if draw(st.booleans()):
            programme["donnees_personnelles"]["a_confirmer"] = draw(st.booleans())
    return programme


@st.composite
def applications(draw, programme: dict, number: int) -> dict:
    """An application valid against its schema and consistent with ``programme``."""
    letter = "abcdefgh"[number]
    sectors = [sector["id"] for sector in programme["secteurs"]]
    fundings = [funding["id"] for funding in programme["financements"]]
    roles = [role["id"] for role in programme["equipe_projet"]["roles"]]
    late = draw(st.sampled_from([False, False, False, False, True]))
    received = datetime(2023, 6, 30, 20, 0, tzinfo=PARIS) + timedelta(hours=draw(st.integers(1, 72)) if late else -draw(st.integers(1, 600)))
    heure = programme["candidature"].get("heure_limite")
    if heure is not None and not late:
        received = datetime(2023, 6, 29, 10, 0, tzinfo=PARIS) - timedelta(hours=draw(st.integers(0, 400)))
    seed = 1000 * (number + 1)
    application: dict = {
        "id": f"og-test-{letter}",
        "axe": draw(st.sampled_from([axe["id"] for axe in programme["axes"]])),
        "date_reception": received.isoformat(),
    }
    if draw(st.booleans()):
        application["canal_reception"] = draw(st.sampled_from(["email", "courrier", "main_propre", "plateforme"]))
    application["financement"] = draw(st.lists(st.sampled_from(fundings), min_size=1, unique=True))
    engagements: dict = {"direction": True, "representants_personnel": True}
    if draw(st.sampled_from([False] * 5 + [True])):
        engagements = {"direction": draw(st.booleans()), "representants_personnel": draw(st.booleans())}
        if not all(engagements.values()):
            application.setdefault("_faults", []).append("engagement")
    if draw(st.booleans()):
        engagements["instances_representatives"] = draw(st.lists(st.sampled_from(["cse", "chsct", "cme", "autre"]), unique=True))
    if draw(st.booleans()):
        engagements["duplication_autres_esms"] = draw(st.booleans())
    application["engagements"] = engagements
    og: dict = {"raison_sociale": f"Association {draw(TEXTS)}", "finess_juridique": _finess(seed), "siret": _siret(number, 0)}
    if draw(st.booleans()):
        og["statut"] = draw(st.sampled_from(["public", "prive_non_lucratif", "prive_lucratif"]))
    if draw(st.booleans()):
        og["adresse"] = {"voie": "1 rue de test", "code_postal": "20000", "commune": "Ajaccio"}
    if draw(st.booleans()):
        og["representant_legal"] = {"civilite": "Monsieur", "nom": "Test", "prenom": "Jean", "fonction": "Président"}
    application["organisme_gestionnaire"] = og
    etablissements = []
    most = programme["limites"].get("etablissements_par_og", {}).get("max", 3)
    for index in range(draw(st.integers(1, min(3, most)))):
        item: dict = {
            "raison_sociale": f"Établissement {index + 1} {draw(TEXTS)}",
            "categorie": draw(st.sampled_from(["EHPAD", "IME", "SSIAD"])),
            "secteur": draw(st.sampled_from(sectors)),
            "capacite": draw(st.integers(0, 120)),
            "siret": _siret(number, index + 1),
            "finess_geographique": _finess(seed + index + 1),
            "directeur": {"nom": "Directeur", "prenom": f"Prénom{index}"},
        }
        if draw(st.booleans()):
            item["commune"] = "Bastia"
        etablissements.append(item)
    application["etablissements"] = etablissements
    if draw(st.booleans()):
        application["projet"] = {"titre": draw(TEXTS), "etat": draw(st.sampled_from(["en_reflexion", "en_deploiement", "finalise"]))}
        if draw(st.booleans()):
            application["projet"]["description"] = draw(TEXTS)
    application["motivations"] = draw(TEXTS)
    tools = draw(st.lists(st.sampled_from(["dui", "dmp", "mss", "e_parcours", "telemedecine", "via_trajectoire", "autres"]), max_size=3, unique=True))
    digital: dict = {
        "dispose_outils": bool(tools),
        "historique": draw(TEXTS),
        "dsi": draw(st.booleans()),
        "dpo": draw(st.booleans()),
        "referent_qualite": draw(st.booleans()),
        "esms_numerique": draw(st.booleans()),
        "sons": draw(st.booleans()),
    }
    if tools:
        digital["outils"] = tools
    if "mss" in tools:
        digital["mss_solution"] = "Messagerie de test"
    if "autres" in tools:
        digital["autres_outils"] = "Un autre outil"
    application["numerique"] = digital
    team = []
    members = list(roles) + draw(st.lists(st.sampled_from(roles), min_size=max(0, 2 - len(roles)), max_size=2))
    for index, role in enumerate(members):
        member: dict = {"nom": f"Nom{index}", "prenom": f"Prénom{index}", "fonction": draw(TEXTS), "role": role, "email": f"personne{index}@og-{letter}.example.fr"}
        if draw(st.booleans()):
            member["telephone"] = draw(st.sampled_from(["04 95 12 34 56", "06 12 34 56 78", "+33 6 12 34 56 78"]))
        if index == 0:
            member["pilote"] = True
        if draw(st.booleans()):
            member["mission"] = draw(TEXTS)
        team.append(member)
    application["equipe_projet"] = team
    if late:
        application["_late"] = True
    return application


@st.composite
def instances(draw, faulty: bool | None = None) -> Instance:
    """A whole instance; ``faulty`` forces or forbids deliberate reference faults (default: one time in five)."""
    programme = draw(programmes())
    files: dict[str, object] = {}
    faults: list[str] = []
    applications_ = [draw(applications(programme, number)) for number in range(draw(st.integers(0, 3)))]
    derogations = []
    for application in applications_:
        if not application.pop("_late", False):
            continue
        identifier = application["id"]
        if draw(st.sampled_from([True, True, False])):  # most late applications have a derogation
            derogations.append(
                {"candidature": identifier, "decidee_le": "2023-07-04", "decidee_par": [programme["organisations"][0]["id"]], "motif": "Courriel bloqué", "recue_jusqu_au": "2023-07-05T23:59:59+02:00"}
            )
        else:
            application.setdefault("_faults", []).append("late")
    for application in applications_:
        faults += application.pop("_faults", [])
        files[f"data/applications/{application['id']}.yml"] = application
    if derogations or draw(st.booleans()):
        files["data/derogations.yml"] = {"derogations": derogations}
    if applications_ and draw(st.booleans()):
        files["data/selection.yml"] = _selection(draw, programme, applications_, faults)
    if faulty if faulty is not None else draw(st.sampled_from([False] * 4 + [True])):
        faults.append(draw(st.sampled_from(sorted(FAULTS))))
        FAULTS[faults[-1]](draw, programme, applications_)
    files["data/programme.yml"] = programme
    return Instance(files, faults, [application["id"] for application in applications_])


def _selection(draw, programme: dict, applications_: list[dict], faults: list[str]) -> dict:
    """data/selection.yml: either every application refused, with a departure from each minimum (valid by construction), or decisions drawn at random."""
    committee = next((body for body in programme["instances"] if body["id"] == programme.get("selection", {}).get("comite")), None)
    members = committee.get("membres") if committee is not None else None
    members = members or [organisation["id"] for organisation in programme["organisations"]]
    selection: dict = {"comite": {"date": "2023-07-11", "membres_presents": draw(st.lists(st.sampled_from(members), min_size=1, unique=True))}}
    if draw(st.booleans()):
        selection["decisions"] = [{"candidature": application["id"], "decision": "non_retenue", "motif": "Projet à reprendre."} for application in applications_]
        limits = programme["limites"]
        departures = [{"limite": f"{key}_min", "motif": "Aucune candidature retenue."} for key in ("organismes_gestionnaires", "etablissements") if limits.get(key, {}).get("min", 0) >= 1]
        departures += [{"limite": "financement_minimum", "financement": minimum["financement"], "motif": "Aucune candidature retenue."} for minimum in limits.get("financements_minimum", [])]
        if departures:
            selection["ecarts_limites"] = departures
        return selection
    outcomes = st.sampled_from(["retenue", "liste_attente", "non_retenue"])
    selection["decisions"] = [{"candidature": application["id"], "decision": draw(outcomes), "motif": "Décision du comité."} for application in applications_]
    faults.append("selection")  # decisions drawn at random may break the limits or retain an ineligible application
    return selection


def _unknown_axe(draw, programme, applications_):
    if applications_:
        applications_[0]["axe"] = "axe-inconnu"
    else:
        programme.setdefault("criteres_priorisation", []).append({"id": "critere-x", "axe": "axe-inconnu", "libelle": "Critère", "mode": "manuel"})


def _unknown_step(draw, programme, applications_):
    programme["axes"][0]["etapes"] = [{"etape": "etape-inconnue", "titre": "Étape"}]


def _unknown_body(draw, programme, applications_):
    programme.setdefault("selection", {})["comite"] = "instance-inconnue"


def _unknown_organisation(draw, programme, applications_):
    programme["engagement"] = {"parties": ["organisation-inconnue"], "instance_suivi": "instance-inconnue"}


def _unknown_raci(draw, programme, applications_):
    programme["raci"] = {
        "roles": [{"id": "aract", "libelle": "ARACT"}],
        "valeurs": [{"code": "R", "libelle": "Réalise"}],
        "lignes": [
            {"id": "ligne-x", "axe": "axe-inconnu", "etape": "etape-inconnue", "action": "Action", "instance": "instance-inconnue", "charge": {"incluse": True}, "roles": {"pilote": "Z"}},
        ],
    }
    programme["suivi"] = {"livrables": [{"id": "livrable-x", "axe": "axe-1", "action": "action-inconnue", "libelle": "Livrable"}], "reponse_recommandations": [{"axe": "axe-9", "action": "ligne-x"}]}


def _unknown_sector_and_funding(draw, programme, applications_):
    programme["limites"]["financements_minimum"] = [{"financement": "financement-inconnu", "organismes_gestionnaires_min": 1}]
    for application in applications_:
        application["financement"] = ["financement-inconnu"]
        application["equipe_projet"][0]["role"] = "role-inconnu"


def _unknown_milestone(draw, programme, applications_):
    programme["calendrier"]["jalons"] = {"comite_selection": "evenement-inconnu"}
    programme["candidature"]["accuse_reception_par"] = "organisation-inconnue"
    programme.setdefault("donnees_personnelles", {})
    if programme["donnees_personnelles"]:
        programme["donnees_personnelles"]["responsable"] = "organisation-inconnue"
    else:
        del programme["donnees_personnelles"]


def _reversed_period(draw, programme, applications_):
    programme["etapes"] = [{"id": "etape-1", "numero": 1, "titre": "Étape", "periode": {"debut": "2023-09-01", "fin": "2023-08-01"}}]


FAULTS = {
    "axe inconnu": _unknown_axe,
    "étape inconnue": _unknown_step,
    "instance inconnue": _unknown_body,
    "organisation inconnue": _unknown_organisation,
    "RACI incohérent": _unknown_raci,
    "financement inconnu": _unknown_sector_and_funding,
    "jalon inconnu": _unknown_milestone,
    "période inversée": _reversed_period,
}
# Edge cases kept as explicit examples: only the required keys (no steps, RACI, follow-up,
# personal-data block, selection rules), with no application, then with one retained.
MINIMAL = {
    "id": "acia-minimal",
    "titre": "Programme minimal",
    "phase": "experimentale",
    "region": "Test",
    "organisations": [{"id": "ars", "sigle": "ARS", "nom": "Agence"}],
    "objectifs": [],
    "axes": [{"id": "axe-1", "titre": "Axe", "description": "Axe."}],
    "secteurs": [{"id": "PA", "libelle": "Personnes âgées", "eligible": True}],
    "financements": [{"id": "assurance_maladie", "libelle": "Assurance maladie"}],
    "eligibilite": [{"id": "elig", "libelle": "Être une structure."}],
    "limites": {},
    "candidature": {"date_limite": "2023-06-30", "fuseau_horaire": "Europe/Paris", "canal": "courrier", "adresse_postale": "1 rue de test"},
    "calendrier": {"periode_programme": {"debut": "2023-06-01", "fin": "2024-02-29"}, "regional": []},
    "equipe_projet": {"roles": [{"id": "direction", "libelle": "Direction", "obligatoire": True}], "pilote_obligatoire": False},
    "instances": [],
}
MINIMAL_APPLICATION = {
    "id": "og-test-a",
    "axe": "axe-1",
    "date_reception": "2023-06-12T10:24:00+02:00",
    "financement": ["assurance_maladie"],
    "engagements": {"direction": True, "representants_personnel": True},
    "organisme_gestionnaire": {"raison_sociale": "Association", "finess_juridique": _finess(1), "representant_legal": {"nom": "Test", "prenom": "Jean", "fonction": "Président"}},
    "etablissements": [
        {"raison_sociale": "EHPAD", "categorie": "EHPAD", "secteur": "PA", "capacite": 0, "siret": _siret(0, 1), "finess_geographique": _finess(2), "directeur": {"nom": "Test", "prenom": "Anne"}}
    ],
    "motivations": "Motivations.",
    "numerique": {"dispose_outils": False, "historique": "Aucun.", "dsi": False, "dpo": False, "referent_qualite": False, "esms_numerique": False, "sons": False},
    "equipe_projet": [{"nom": "Test", "prenom": "Anne", "fonction": "Directrice", "role": "direction", "email": "anne@example.fr"}],
}
MINIMAL_INSTANCES = [
    Instance({"data/programme.yml": MINIMAL}),
    Instance(
        {
            "data/programme.yml": MINIMAL,
            "data/applications/og-test-a.yml": MINIMAL_APPLICATION,
            "data/selection.yml": {"comite": {"date": "2023-07-11", "membres_presents": ["ars"]}, "decisions": [{"candidature": "og-test-a", "decision": "retenue"}]},
        },
        applications=["og-test-a"],
    ),
]
FRENCH = re.compile(r"[àâçéèêëîïôûùüœ«»]|\b(le|la|les|de|du|des|un|une|est|pas|n'|d'|l')\b", re.IGNORECASE)
RULE_ID = re.compile(r"^ACIA[0-9]{3}$")


def _check_findings(payload: dict) -> None:
    for finding in payload["constats"] if "constats" in payload else payload["findings"]:
        assert RULE_ID.match(finding["rule"]), finding
        by_id(finding["rule"])  # a catalogued rule
        assert finding["file"], finding
        assert finding["message"].strip() and FRENCH.search(finding["message"]), finding
        assert "Traceback" not in finding["message"] and "Error" not in finding["message"], finding


def _letters(context, root: Path) -> list:
    """Every letter's Markdown; an application retained without a legal representative is the one documented refusal (a French error, exit 1)."""
    try:
        return documents.prepare(context, root=root)
    except documents.DocumentError as error:
        assert "representant_legal" in str(error), error
        event("courrier refusé : représentant légal manquant")
    made = [documents.blank_form(context, root)]
    for identifier in (application.id for application in context.model.applications):
        try:
            made += documents.prepare(context, identifier, root)
        except documents.DocumentError as error:
            assert "representant_legal" in str(error), error
    return made


def _exercise(instance: Instance) -> tuple[int, dict]:
    """Run every stage on the instance; return validate's exit code and its JSON report."""
    with tempfile.TemporaryDirectory() as folder:
        root = instance.write(Path(folder))
        code, out, err = run_cli("validate", "--root", str(root), "--format", "json", "--maintenant", NOW.isoformat())
        note(f"validate: {code}\n{out}\n{err}")
        assert code in (0, 1), err
        assert "Traceback" not in err
        payload = json.loads(out)
        _check_findings(payload)
        checked = check_instance(root, now=NOW)
        assert checked.report.ok == (code == 0)
        assert "Traceback" not in reporters.text(checked.report, str) + reporters.github(checked.report, str)
        programme = checked.context.programme
        if programme is not None:
            proposal = checked.proposal
            assert proposal is not None
            matrix.as_text(proposal, programme)
            matrix.as_csv(proposal, programme)
            json.loads(matrix.as_json(proposal))
            assert {candidate.id for candidate in proposal.candidates} <= set(instance.applications)
        if not checked.report.ok:
            return code, payload
        audiences = ["public", "interne"] + [f"structure:{identifier}" for identifier in instance.applications[:1]]
        for audience in audiences:
            build(root, Audience.parse(audience), checked.report, checked.context, run_builder=False, proposal=checked.proposal)
            docs = root / "build" / Audience.parse(audience).folder / "docs"
            assert (docs / "index.md").is_file()
        for letter in _letters(checked.context, root):
            assert letter.markdown.strip()
            assert "{{" not in letter.markdown.replace("{{ pas un gabarit }}", "")
        return code, payload


@PROPERTIES
@given(instances())
@example(MINIMAL_INSTANCES[0])
@example(MINIMAL_INSTANCES[1])
def test_no_stage_crashes_on_generated_instances(instance: Instance):
    """Validate, matrix, site (every audience) and letters: findings or output, never an exception."""
    event(f"défauts : {', '.join(sorted(set(instance.faults))) or 'aucun'}")
    code, _payload = _exercise(instance)
    event(f"validate → {code}")
    if not instance.faults:
        assert code == 0


@settings(PROPERTIES, max_examples=EXAMPLES or 15)
@given(instances(faulty=False))
def test_consistent_instances_validate(instance: Instance):
    """Generated without deliberate faults (no late application without derogation, no random decision), an instance validates with no error."""
    code, payload = _exercise(instance)
    if not instance.faults:
        errors = [finding for finding in payload["constats" if "constats" in payload else "findings"] if finding["severity"] == "erreur"]
        assert code == 0, errors


@settings(PROPERTIES, max_examples=EXAMPLES or 10)
@given(instances(faulty=True))
def test_wrong_references_give_findings(instance: Instance):
    """A deliberately wrong reference gives French findings (exit code 1), never a crash."""
    code, _payload = _exercise(instance)
    assert code == 1


# Regressions found by the properties above, as plain tests.


def test_a_programme_title_on_two_lines_gives_a_one_line_calendar_name(tmp_path):
    """A YAML text may hold a line break; icalendar refused it in X-WR-CALNAME, and the site generation crashed."""
    root = build_instance(tmp_path / "instance")
    path = root / "data" / "programme.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("titre: Programme minimal des tests", "titre: |-\n  Programme minimal\n  des tests"), encoding="utf-8")
    docs = build_site(root, "public", now=NOW, run_builder=False)
    calendar = Calendar.from_ical((docs / "programme.ics").read_bytes())
    assert calendar["X-WR-CALNAME"] == "Programme minimal des tests"


def test_a_selection_committee_without_members_may_sit_with_any_organisation(tmp_path):
    """« membres » of a body is optional: a committee that lists none made every member present an error (ACIA320) with an empty list of members."""
    root = build_instance(tmp_path / "instance")
    path = root / "data" / "programme.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(", membres: [aract, ars], description: Sélectionne", ", description: Sélectionne"), encoding="utf-8")
    (root / "data" / "selection.yml").write_text(
        "comite: {date: '2023-07-11', membres_presents: [ars]}\ndecisions:\n  - {candidature: og-test-a, decision: non_retenue, motif: Projet à reprendre.}\n", encoding="utf-8"
    )
    findings = check_instance(root, now=NOW).report.findings
    assert "membres" not in (root / "data" / "programme.yml").read_text(encoding="utf-8").split("comite-selection, nom")[1].split("\n")[0]
    assert not [finding for finding in findings if finding.rule == "ACIA320"], findings
