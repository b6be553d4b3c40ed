"""The programme's identity on its site: colours, logo and favicon, footer, legal notice, from the data.

What the theme draws is set through the generated ``mkdocs.yml`` (palette,
logo, favicon, ``copyright``, French permalink title) and our own
stylesheet of CSS variables (``stylesheets/identite.css``): plain
configuration that Zensical reads. Only the footer's links
to the legal notice and the accessibility statement need a template
override (``overrides/partials/copyright.html``): a link in ``copyright``
would be relative to each page, and the override writes them from
``base_url``.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from acia import colours, french, safe_files
from acia.model.programme import Organisation, Programme
from acia.paths import SITE_TEMPLATES
from acia.site import escape

LOGO_MAX_BYTES = 5 * 1024 * 1024
LEGAL_NOTICE_PAGE = "mentions-legales.md"
ACCESSIBILITY_PAGE = "accessibilite.md"
OVERRIDES = "overrides"
PERMALINK_TITLE = "Lien vers cette section"
_ISO_DATE = re.compile(r"(?<![0-9])(\d{4})-(\d{2})-(\d{2})(?![0-9])")


class IdentityError(Exception):
    """A logo the site may not publish (French message)."""


@dataclass(frozen=True)
class Logo:
    name: str  # in the docs tree: assets/logo-<organisation><suffix>
    content: bytes
    organisation: Organisation


def logo(root: Path, programme: Programme) -> Logo | None:
    """The header's logo: the first organisation's whose ``logo`` file exists, read only from inside the instance (``safe_files``)."""
    for organisation in programme.organisations:
        if not organisation.logo:
            continue
        path = root / organisation.logo
        if not path.exists() and not path.is_symlink() and safe_files.is_inside(root, organisation.logo):
            continue  # a logo not made yet: the name stands for it, as on letters
        try:
            content = safe_files.read_bytes(root, organisation.logo, LOGO_MAX_BYTES)
        except safe_files.Refused as refusal:
            raise IdentityError(f"data/programme.yml : organisations › {organisation.id} › logo « {organisation.logo} » refusé : {refusal.message}") from None
        return Logo(f"assets/logo-{organisation.id}{PurePosixPath(organisation.logo).suffix.lower()}", content, organisation)
    return None


LOGO_CSS = (
    "/* Le logo de l'en-tête, lisible sur la couleur principale : plus grand que l'icône du thème, sur fond blanc. */",
    ".md-header__button.md-logo img {",
    "  height: 1.8rem;",
    "  width: auto;",
    "  padding: 0.1rem;",
    "  border-radius: 0.1rem;",
    "  background-color: #ffffff;",
    "}",
    "",
)


def stylesheet(programme: Programme, with_logo: bool = False) -> str:
    """Our stylesheet of the programme's identity: the theme's colour variables, the header's logo ("" when neither: the theme's own stay)."""
    chosen = programme.site.colours
    logo_lines = list(LOGO_CSS) if with_logo else []
    if chosen is None:
        return "\n".join(logo_lines)
    lines = [
        "/* Couleurs du programme (data/programme.yml › site › couleurs), contrôlées par ACIA207. */",
        ":root, [data-md-color-primary=custom], [data-md-color-accent=custom] {",
        f"  --md-primary-fg-color: {chosen.main};",
        f"  --md-primary-fg-color--light: {colours.mix(chosen.main, '#ffffff', 0.2)};",
        f"  --md-primary-fg-color--dark: {colours.mix(chosen.main, '#000000', 0.2)};",
        f"  --md-primary-bg-color: {chosen.text_on_main};",
        f"  --md-primary-bg-color--light: {chosen.text_on_main};",
        f"  --md-accent-fg-color: {chosen.accent};",
        f"  --md-accent-fg-color--transparent: {chosen.accent}1a;",
        f"  --md-typeset-a-color: {chosen.main};",
        "}",
        "",
    ]
    return "\n".join(lines + logo_lines)


def organisers(programme: Programme) -> list[Organisation]:
    """The organisations that run the call: those that sign its letters, else the first one."""
    signing = [organisation for organisation in programme.organisations if organisation.signatory is not None]
    return signing or list(programme.organisations[:1])


def data_date(root: Path, today: date) -> date | None:
    """When the data last changed: the date of the last commit touching ``data/`` when the instance is in Git, else the latest date written in the data that is not after ``today``.

    Both are the same for two builds of the same commit (never the build's own clock).
    """
    try:
        completed = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%cs", "--", "data"], capture_output=True, text=True, check=False)
    except OSError:
        completed = None
    if completed is not None and completed.returncode == 0 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", completed.stdout.strip()):
        return date.fromisoformat(completed.stdout.strip())
    files, _ = safe_files.walk(root, "data")
    found: list[date] = []
    for name in files:
        if not name.endswith((".yml", ".yaml", ".md")):
            continue
        try:
            text = safe_files.read_bytes(root, f"data/{name}", LOGO_MAX_BYTES).decode("utf-8", errors="replace")
        except safe_files.Refused:
            continue
        for year, month, day in _ISO_DATE.findall(text):
            try:
                written = date(int(year), int(month), int(day))
            except ValueError:
                continue
            if written <= today:
                found.append(written)
    return max(found) if found else None


def footer(programme: Programme, changed: date | None) -> str:
    """The footer's text as HTML (``copyright``): who runs the programme, its contact, when the data last changed."""
    names = french.enumerate_names([french.of(organisation.name, organisation.article) for organisation in organisers(programme)])
    parts = [f'<span class="acia-pied__organisations">Un programme {escape.html_text(names)}.</span>']
    contact = programme.site_contact
    if contact:
        parts.append(f'<span class="acia-pied__contact">Contact : <a href="mailto:{escape.html_text(contact)}">{escape.html_text(contact)}</a></span>')
    if changed is not None:
        parts.append(f'<span class="acia-pied__date">Données mises à jour le {escape.html_text(french.long_date(changed))}.</span>')
    return "<br>\n".join(parts)


# The state of compliance with the RGAA the accessibility statement declares (see
# accessibilite.md.j2), also named in every page's footer, as the RGAA asks.
COMPLIANCE = "partiellement conforme"


def page_url(page: str, directory_urls: bool) -> str:
    """The address of a page relative to the site's root, as the engine writes it."""
    stem = page[: -len(".md")]
    return f"{stem}/" if directory_urls else f"{stem}.html"


def copyright_override(legal_notice: str | None, accessibility: str) -> str:
    """The theme's ``partials/copyright.html``: our footer text, then the links to the legal notice and the accessibility statement."""
    links = []
    if legal_notice is not None:
        links.append(f'<a href="{{{{ base_url }}}}/{legal_notice}">Mentions légales</a>')
    links.append(f'<a href="{{{{ base_url }}}}/{accessibility}">Accessibilité : {COMPLIANCE}</a>')
    return (
        '<div class="md-copyright acia-pied">\n'
        "  {% if config.copyright %}\n"
        '    <div class="md-copyright__highlight">{{ config.copyright }}</div>\n'
        "  {% endif %}\n"
        '  <nav class="acia-pied__liens" aria-label="Informations sur le site">\n'
        f"    {' · '.join(links)}\n"
        "  </nav>\n"
        "</div>\n"
    )


# The theme's page for an unknown address says « 404 - Not found »: in French here.
NOT_FOUND_OVERRIDE = """{% extends "main.html" %}
{% block content %}
  <h1>Page introuvable</h1>
  <p>Cette adresse ne correspond à aucune page du site : cherchez la page dans le menu ou avec la recherche.</p>
{% endblock %}
"""


def with_french_permalinks(extensions: list) -> list:
    """The Markdown extensions with the ``toc`` permalink titled in French (the theme's default is « Permanent link »)."""
    result: list = []
    for extension in extensions:
        if extension == "toc":
            extension = {"toc": {"permalink": True}}
        if isinstance(extension, dict) and "toc" in extension:
            options = dict(extension["toc"] or {})
            options.setdefault("permalink_title", PERMALINK_TITLE)
            extension = {**extension, "toc": options}
        result.append(extension)
    return result


def template(name: str) -> str:
    return (SITE_TEMPLATES / name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class SiteIdentity:
    """What the generated ``mkdocs.yml`` and tree take from the programme's identity."""

    footer: str  # the copyright text, HTML
    coloured: bool  # site › couleurs given: palette « custom »
    logo: Logo | None
    legal_notice: bool  # site › mentions_legales given: the page and its footer link
    address: str = ""  # site › adresse: the public site's address (« site_url »), "" when not given

    @property
    def styled(self) -> bool:
        """Whether the site has our identity stylesheet (stylesheets/identite.css): colours or a logo."""
        return self.coloured or self.logo is not None


def of_programme(root: Path, programme: Programme, today: date) -> SiteIdentity:
    return SiteIdentity(footer(programme, data_date(root, today)), programme.site.colours is not None, logo(root, programme), programme.site.legal_notice is not None, programme.site.address)
