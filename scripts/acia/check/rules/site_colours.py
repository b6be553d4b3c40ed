"""The site's colours are readable: each pair the theme draws reaches WCAG AA contrast (4.5:1)."""

from __future__ import annotations

from collections.abc import Iterator

from acia import colours, french
from acia.check.context import Context
from acia.findings import Finding, Rule, Severity

RULE = Rule(
    id="ACIA207",
    title="Couleurs du site trop peu contrastées",
    severity=Severity.ERROR,
    hint="Foncez la couleur (ou éclaircissez le texte) jusqu'à un contraste d'au moins 4,5:1 (WCAG niveau AA), vérifiable avec un outil de contraste.",
    example='site: {couleurs: {principale: "#6fa8dc", texte_sur_principale: "#ffffff", accent: "#e69138"}}',
    fix='site: {couleurs: {principale: "#1f4e79", texte_sur_principale: "#ffffff", accent: "#9c2f16"}}',
)

# (the colour, what it is drawn on, in words): the pairs the theme draws, as configured by acia.site.
PAIRS = (
    ("texte_sur_principale", "principale", "le texte de l'en-tête sur la couleur principale"),
    ("principale", None, "les liens (couleur principale) sur le fond blanc des pages"),
    ("accent", None, "les liens survolés (couleur d'accent) sur le fond blanc des pages"),
)


def check(ctx: Context) -> Iterator[Finding]:
    programme, source = ctx.programme, ctx.programme_source
    if programme is None or source is None or programme.site.colours is None:
        return
    chosen = programme.site.colours
    values = {"principale": chosen.main, "texte_sur_principale": chosen.text_on_main, "accent": chosen.accent}
    for key, background, words in PAIRS:
        behind = values[background] if background is not None else colours.PAGE_BACKGROUND
        ratio = colours.contrast_ratio(values[key], behind)
        if ratio < colours.AA_NORMAL_TEXT:
            yield source.at("site", "couleurs", key).finding(
                RULE, f"contraste de {french.number(ratio, 2)}:1 pour {words} ({values[key]} sur {behind}) : il faut au moins 4,5:1 pour qu'un texte soit lisible (WCAG niveau AA)"
            )
