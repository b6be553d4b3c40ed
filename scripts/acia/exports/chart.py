"""The scores chart of the selection matrix, as a reproducible SVG (matplotlib)."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from acia import french

COLOURS = {"proposée": "#1f6f43", "liste d'attente": "#c58a00", "inéligible": "#9a9a9a"}


MAX_BARS = 50  # beyond this a chart is unreadable: the matrix has every row


def scores_svg(labels: list[str], scores: list[float], statuses: list[str], title: str) -> bytes:
    """Horizontal bars, best first, coloured by proposal status, with a French legend.

    Margins are computed from the longest label rather than by matplotlib's
    tight layout, which measures every text and dominates the build time.
    """
    import matplotlib

    matplotlib.use("svg")
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    hidden = len(labels) - MAX_BARS
    if hidden > 0:
        labels, scores, statuses = labels[:MAX_BARS], scores[:MAX_BARS], statuses[:MAX_BARS]
        title += f" ({MAX_BARS} premières sur {MAX_BARS + hidden} ; toutes figurent dans la matrice)"
    with matplotlib.rc_context({"svg.hashsalt": "acia", "svg.fonttype": "none", "font.family": "DejaVu Sans"}):
        height = 1.8 + 0.38 * max(len(labels), 1)
        width = 9.0
        figure = Figure(figsize=(width, height))
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        positions = list(range(len(labels)))[::-1]
        axes.barh(positions, scores, color=[COLOURS[status] for status in statuses])
        axes.set_yticks(positions, labels)
        axes.set_xlim(0, 110)
        axes.set_xticks(range(0, 101, 20))
        axes.set_xlabel("Score (sur 100)")
        axes.set_title(textwrap.fill(title, 70), loc="left", fontsize=11)
        for position, score in zip(positions, scores, strict=True):
            axes.text(score + 1, position, french.number(score, 2), va="center", fontsize=8)
        axes.legend(
            handles=[Patch(color=colour, label=label) for label, colour in COLOURS.items()],
            loc="upper center",
            bbox_to_anchor=(0.5, -0.9 / height),
            ncol=3,
            frameon=False,
            fontsize=8,
        )
        axes.spines[["top", "right"]].set_visible(False)
        label_inches = 0.3 + 0.075 * max((len(label) for label in labels), default=10)
        figure.subplots_adjust(left=label_inches / width, right=0.97, top=1 - 0.75 / height, bottom=1.05 / height)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "acia", "Title": title})
    return buffer.getvalue().encode("utf-8")


def write_svg(path: Path, content: bytes) -> None:
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_bytes(content)
    temporary.replace(path)
