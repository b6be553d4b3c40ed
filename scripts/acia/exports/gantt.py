"""The programme's calendar as a Gantt chart (SVG, matplotlib), readable without JavaScript."""

from __future__ import annotations

import io
from datetime import timedelta

from acia.model.calendar import items
from acia.model.programme import Programme


def gantt_svg(programme: Programme) -> bytes:
    """Timeline of the regional calendar and the steps: readable without JavaScript."""
    import matplotlib

    matplotlib.use("svg")
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.dates import DateFormatter, MonthLocator, date2num
    from matplotlib.figure import Figure

    shown = [item for item in items(programme) if item.kind != "national"]
    colours = {"regional": "#2a5d9f", "etape": "#1f6f43"}
    with matplotlib.rc_context({"svg.hashsalt": "acia", "svg.fonttype": "none", "font.family": "DejaVu Sans"}):
        height = 1.4 + 0.42 * len(shown)
        figure = Figure(figsize=(10, height))
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        for row, item in enumerate(reversed(shown)):
            start = date2num(item.start)
            width = max(date2num(item.end + timedelta(days=1)) - start, 1.5)
            axes.broken_barh([(start, width)], (row - 0.35, 0.7), color=colours[item.kind])
        axes.set_yticks(range(len(shown)), [item.label for item in reversed(shown)], fontsize=8)
        axes.xaxis.set_major_locator(MonthLocator())
        axes.xaxis.set_major_formatter(DateFormatter("%m/%Y"))
        axes.tick_params(axis="x", labelsize=8, rotation=45)
        axes.set_title(f"Calendrier — {programme.title}", loc="left", fontsize=10)
        axes.set_axisbelow(True)
        axes.grid(axis="x", color="#dddddd")
        axes.spines[["top", "right"]].set_visible(False)
        longest = max((len(item.label) for item in shown), default=10)
        figure.subplots_adjust(left=min(0.6, (0.3 + 0.065 * longest) / 10), right=0.98, top=1 - 0.45 / height, bottom=0.9 / height)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "acia", "Title": f"Calendrier — {programme.title}"})
    return buffer.getvalue().encode("utf-8")
