"""The programme's calendar as a Gantt chart (SVG, matplotlib), readable without JavaScript."""

from __future__ import annotations

import io
import textwrap
from datetime import timedelta

from acia.model.calendar import items
from acia.model.programme import Programme

# The picture is drawn at the width it is shown in a page's text column (7.5 in = 720 px), its labels at
# 13 pt of the picture, at least 16 px on screen in a 690 px column: the size of the site's body text. Long labels wrap.
WIDTH = 7.5
FONT_SIZE = 13
LABEL_CHARACTERS = 30
LINE = 0.24  # inches per label line
ROW_GAP = 0.16  # inches between two rows


def gantt_svg(programme: Programme) -> bytes:
    """Timeline of the regional calendar and the steps: readable without JavaScript."""
    import matplotlib

    matplotlib.use("svg")
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.dates import DateFormatter, MonthLocator, date2num
    from matplotlib.figure import Figure

    shown = [item for item in items(programme) if item.kind != "national"]
    colours = {"regional": "#2a5d9f", "etape": "#1f6f43"}
    labels = ["\n".join(textwrap.wrap(item.label, LABEL_CHARACTERS)) or item.label for item in shown]
    heights = [LINE * (label.count("\n") + 1) + ROW_GAP for label in labels]
    with matplotlib.rc_context({"svg.hashsalt": "acia", "svg.fonttype": "none", "font.family": "DejaVu Sans"}):
        top, bottom = 0.2, 1.2  # inches: a little air above, the rotated month labels below
        height = top + bottom + max(sum(heights), LINE)  # one line's room when the calendar is empty
        figure = Figure(figsize=(WIDTH, height))
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        centres = []
        position = 0.0
        for row_height in reversed(heights):  # the first item at the top
            centres.append(position + row_height / 2)
            position += row_height
        centres.reverse()
        for item, centre, row_height in zip(shown, centres, heights, strict=True):
            start = date2num(item.start)
            width = max(date2num(item.end + timedelta(days=1)) - start, 1.5)
            bar = min(row_height - ROW_GAP, LINE * 1.2)
            axes.broken_barh([(start, width)], (centre - bar / 2, bar), color=colours[item.kind])
        axes.set_ylim(0, max(position, LINE))
        axes.set_yticks(centres, labels, fontsize=FONT_SIZE, linespacing=1.1)
        axes.xaxis.set_major_locator(MonthLocator())
        axes.xaxis.set_major_formatter(DateFormatter("%m/%Y"))
        axes.tick_params(axis="x", labelsize=FONT_SIZE, rotation=45)
        axes.set_axisbelow(True)
        axes.grid(axis="x", color="#dddddd")
        axes.spines[["top", "right"]].set_visible(False)
        longest = max((len(line) for label in labels for line in label.split("\n")), default=10)
        left = min(0.5, (0.25 + 0.095 * longest) / WIDTH)
        figure.subplots_adjust(left=left, right=0.97, top=1 - top / height, bottom=bottom / height)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "acia", "Title": f"Calendrier — {programme.title}"})
    return buffer.getvalue().encode("utf-8")
