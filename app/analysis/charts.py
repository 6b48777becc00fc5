"""Bar charts of the analysis: drawn once, as SVG for the pages and as PNG for documents.

A chart is a value (`Chart`), its texts already translated by the caller; `svg()` and `png()`
draw the same figure. Guarantees:

* matplotlib's object API only (a `Figure` with its own canvas, never pyplot), so nothing
  depends on a backend chosen by `matplotlib.use` or on pyplot's figure registry;
* horizontal bars, categories top to bottom in the given order, each value written at the end
  of its bar in the chart's locale (Babel); stacked bars carry each segment's value inside it
  where it fits and their total after them; long labels wrapped, never cut; the title is
  drawn too, so that a PNG in a document says what it shows;
* colours from the Okabe–Ito palette, in `PALETTE` order, each bar outlined so that even the
  yellow one stands out from the white background;
* SVG: the same bytes for the same chart, texts kept as (escaped) text, the root carrying
  `role="img"`, an `aria-label` and a `<title>` (the chart's title), no script, no prolog: it
  can be written inside a page as it is, or served as a file;
* DejaVu Sans, bundled with matplotlib, for measuring and drawing, so that no system font is
  needed; a character it lacks falls back to matplotlib's Last Resort font instead of a warning.

A caller's mistake (no title, no category, more series than colours, a value that cannot be a
bar's length, an unknown locale) is a ValueError: the caller shows a sentence instead of a
chart that says nothing.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import textwrap
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from xml.sax.saxutils import escape

import matplotlib
from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal, format_percent
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Patch
from matplotlib.textpath import text_to_path
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

# Okabe & Ito, "Color Universal Design" (2008): told apart with every common colour vision
# deficiency. Blue first (the strongest against white), black last (it hides the outline).
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow
    "#000000",  # black
)

FAMILY = ["DejaVu Sans", "Last Resort High-Efficiency", "sans-serif"]
RC = {
    "font.family": FAMILY,
    "font.sans-serif": ["DejaVu Sans"],
    "svg.fonttype": "none",  # text stays text: readable, searchable, translated by the page
    "svg.hashsalt": "family-ors-chart",  # ids from this salt, not from a random one
    "svg.id": None,
    "text.parse_math": False,  # a "$" in a label is a dollar sign, not mathtext
    "text.usetex": False,
    "axes.unicode_minus": True,
}

WIDTH = 7.5  # inches: 540 pt, which the SVG declares as its width, i.e. 720 CSS pixels
TEXT_PT = 10
VALUE_PT = 9
TITLE_PT = 12
LINE = TEXT_PT * 1.25 / 72  # inches taken by one line of text
BAR = 0.26  # inches: a single or stacked bar
GROUPED_BAR = 0.2  # inches: each bar of a group
GAP = 0.16  # inches between two categories
LABEL_WRAP = 30  # characters per line of a category label
LEGEND_WRAP = 32
TITLE_WRAP = 75
AXIS_WRAP = 90
MIN_DPI, MAX_DPI = 30, 600
EDGE = "#333333"
GRID = "#d9d9d9"

# rcParams are global to matplotlib and read while drawing: an rc_context left in one thread
# while another draws would give that other chart paths instead of text. Drawing one chart at
# a time keeps every chart on the settings above (the work holds the GIL anyway).
_DRAWING = threading.Lock()
_NOT_XML = re.compile("[\ufffe\uffff]")
_TAG = re.compile(r"<[^<>]+>")  # matplotlib escapes "<" and ">" in texts and attribute values
_ID = re.compile(r'(\sid="|xlink:href="#|url\(#)')


@dataclass(frozen=True)
class Series:
    label: str  # legend text, already translated
    values: list[float | None]  # one per category; None: no bar


@dataclass(frozen=True)
class Chart:
    title: str  # already translated; also the SVG <title> for screen readers
    categories: list[str]  # bar labels, already translated
    series: list[Series]
    value_label: str = ""  # axis label, e.g. "Parties" or "% of those that answered"
    percent: bool = False  # values are percentages: axis 0–100, "%" as the locale writes it
    stacked: bool = False  # one bar per category, the series end to end
    lang: str = "en"  # locale of the numbers on the axis and the bars


def svg(chart: Chart) -> bytes:
    """The chart as an SVG document (UTF-8, no XML prolog), identical for identical charts.
    Its ids are prefixed with a digest of the chart, so that several charts written in one
    page do not share an id."""
    with _DRAWING, matplotlib.rc_context(RC):
        figure = _figure(chart)
        FigureCanvasSVG(figure)
        out = io.BytesIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    prefix = "c" + hashlib.sha256(repr(chart).encode("utf-8", "replace")).hexdigest()[:10] + "-"
    document = _scoped(out.getvalue().decode("utf-8"), prefix)
    return _accessible(document, _clean(chart.title)).encode("utf-8")


def png(chart: Chart, dpi: int = 150) -> bytes:
    """The chart as a PNG image `dpi` dots per inch (7.5 inches wide)."""
    if isinstance(dpi, bool) or not isinstance(dpi, int) or not MIN_DPI <= dpi <= MAX_DPI:
        raise ValueError(f"dpi must be an integer from {MIN_DPI} to {MAX_DPI}, not {dpi!r}")
    with _DRAWING, matplotlib.rc_context(RC):
        figure = _figure(chart)
        FigureCanvasAgg(figure)
        out = io.BytesIO()
        figure.savefig(out, format="png", dpi=dpi, metadata={"Software": None})
    return out.getvalue()


def format_value(value: float, lang: str, percent: bool = False) -> str:
    """A value as the chart writes it, so that a table beside the chart can say the same:
    Babel's decimal format in `lang`, or a percentage (0–100) to one decimal at most."""
    return _formatter(_locale(lang), percent)(value)


# --- checks and texts -----------------------------------------------------------------------


def _check(chart: Chart) -> None:
    if not _clean(chart.title):
        raise ValueError("a chart needs a title: it names the image for screen readers")
    if not chart.categories:
        raise ValueError("a chart needs at least one category; show a sentence instead")
    if not chart.series:
        raise ValueError("a chart needs at least one series; show a sentence instead")
    if len(chart.series) > len(PALETTE):
        raise ValueError(
            f"a chart has at most {len(PALETTE)} series (one colour each), "
            f"not {len(chart.series)}: group the rest or draw several charts"
        )
    for series in chart.series:
        if len(series.values) != len(chart.categories):
            raise ValueError(
                f"series {series.label!r} has {len(series.values)} values "
                f"for {len(chart.categories)} categories"
            )
        for value in series.values:
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
                raise ValueError(f"a bar's value must be a number or None, not {value!r}")
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"a bar's value must be finite and not negative, not {value!r}")


def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(str(lang).replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError) as error:
        raise ValueError(f"no locale {lang!r} to write the chart's numbers in") from error


def _formatter(locale: Locale, percent: bool) -> Callable[[float], str]:
    if percent:
        tenth = Decimal("0.1")

        def write(value: float) -> str:
            rounded = Decimal(repr(float(value))).quantize(tenth, rounding=ROUND_HALF_UP)
            return format_percent(
                (rounded / 100).normalize(), locale=locale, decimal_quantization=False
            )

        return write
    return lambda value: format_decimal(value, locale=locale)


def _clean(text: str) -> str:
    """`text` on one line, without the characters XML cannot carry (controls, surrogates,
    U+FFFE/U+FFFF); runs of white space become one space."""
    kept = "".join(
        " " if unicodedata.category(c) in ("Cc", "Cs") else c for c in _NOT_XML.sub("", text)
    )
    return " ".join(kept.split())


def _wrap(text: str, width: int) -> str:
    # break_long_words: a 200-character address is broken across lines, not cut
    return "\n".join(textwrap.wrap(_clean(text), width, break_long_words=True)) or " "


def _points(text: str, size: float) -> float:
    """Width of `text` in points as DejaVu Sans sets it (without hinting, as the SVG does)."""
    prop = FontProperties(family=FAMILY, size=size)
    return max(
        text_to_path.get_text_width_height_descent(line, prop, ismath=False)[0]
        for line in text.split("\n")
    )


def _ink(colour: str) -> str:
    """Black or white, whichever reads better on `colour` (WCAG relative luminance)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


# --- the figure -----------------------------------------------------------------------------


def _figure(chart: Chart) -> Figure:
    """The chart drawn on a new Figure (no canvas yet: the caller attaches SVG or Agg)."""
    _check(chart)
    write = _formatter(_locale(chart.lang), chart.percent)
    categories = [_wrap(c, LABEL_WRAP) for c in chart.categories]
    labels = [_wrap(s.label, LEGEND_WRAP) for s in chart.series]
    title = _wrap(chart.title, TITLE_WRAP)
    axis_label = _wrap(chart.value_label, AXIS_WRAP) if chart.value_label.strip() else ""

    # The y axis is measured in inches: each category takes what its label and its bars need,
    # so a long label makes its own row taller without stretching the others.
    group = 1 if chart.stacked else len(chart.series)
    bar = BAR if group == 1 else GROUPED_BAR
    rows = [max(_lines(c) * LINE, group * bar) + GAP for c in categories]
    centres = [sum(rows[:i]) + row / 2 for i, row in enumerate(rows)]
    plot_height = sum(rows)
    # Estimated width of the plot (the layout settles it): what the category labels leave.
    plot_width = max(WIDTH * 72 - max(_points(c, TEXT_PT) for c in categories) - 36, 120.0)
    columns = _legend_columns(labels, plot_width) if len(labels) > 1 else 0

    head = 0.15 + _lines(title) * TITLE_PT * 1.3 / 72
    if columns:
        head += _legend_lines(labels, columns) * LINE + 0.15
    foot = 0.2 + LINE + (_lines(axis_label) * LINE + 0.05 if axis_label else 0)
    figure = Figure(figsize=(WIDTH, plot_height + head + foot), layout="constrained")
    figure.get_layout_engine().set(h_pad=0.06, w_pad=0.06)
    # Not bold: the Last Resort font has no bold face, and asking for one is logged.
    figure.suptitle(title, x=0.01, ha="left", fontsize=TITLE_PT)
    axes = figure.add_subplot()

    ends = _bars(axes, chart, centres, bar, write)
    reach = max(100.0, max(ends)) if chart.percent else (max(ends) or 1.0)
    # Room on the right for the widest number written after a bar; the layout would keep it
    # inside the figure anyway, this keeps the bars long.
    room = min(max((_points(write(e), VALUE_PT) for e in ends), default=0.0) + 10, plot_width / 2)
    upper = reach * plot_width / (plot_width - room)
    axes.set_xlim(0, upper)
    if chart.stacked:
        _stack_labels(axes, chart, centres, write, upper / plot_width)

    axes.set_ylim(plot_height, 0)  # first category on top
    axes.set_yticks(centres, labels=categories)
    axes.tick_params(axis="y", length=0, labelsize=TEXT_PT)
    axes.tick_params(axis="x", labelsize=TEXT_PT)
    if chart.percent:
        axes.xaxis.set_major_locator(FixedLocator([0, 20, 40, 60, 80, 100]))
    else:
        whole = all(float(v).is_integer() for s in chart.series for v in s.values if v is not None)
        axes.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=whole, min_n_ticks=2))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: write(x)))
    axes.grid(axis="x", color=GRID, linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if axis_label:
        axes.set_xlabel(axis_label, fontsize=TEXT_PT)
    if columns:
        # An axes legend, not a figure one: the layout stacks it under the title (a figure
        # legend "outside upper" would share the title's margin and cover it).
        axes.legend(
            [Patch(facecolor=c, edgecolor=EDGE, linewidth=0.6) for c in PALETTE[: len(labels)]],
            labels,
            loc="lower left",
            bbox_to_anchor=(0, 1.01),
            borderaxespad=0,
            ncols=columns,
            frameon=False,
            fontsize=TEXT_PT,
            handlelength=1.2,
        )
    return figure


def _lines(text: str) -> int:
    return text.count("\n") + 1


def _legend_columns(labels: list[str], plot_width: float) -> int:
    """As many legend columns (at most 4) as fit over the plot."""
    entry = max(_points(label, TEXT_PT) for label in labels) + 4 * TEXT_PT
    return max(1, min(4, len(labels), int((plot_width + 2 * TEXT_PT) // entry)))


def _legend_lines(labels: list[str], columns: int) -> int:
    # matplotlib fills a legend's columns one after the other, top to bottom
    rows = math.ceil(len(labels) / columns)
    return sum(
        max(_lines(labels[r + k * rows]) for k in range(columns) if r + k * rows < len(labels))
        for r in range(rows)
    )


def _bars(axes, chart: Chart, centres: list[float], bar: float, write) -> list[float]:
    """Draw the bars (and, unless stacked, their values); answer where each category's
    bars end (stacked: the total)."""
    ends = [0.0] * len(centres)
    group = len(chart.series)
    for index, series in enumerate(chart.series):
        drawn = [(i, float(v)) for i, v in enumerate(series.values) if v is not None]
        if not drawn:
            continue
        if chart.stacked:
            ys = [centres[i] for i, _ in drawn]
            lefts = [ends[i] for i, _ in drawn]
        else:
            offset = (index - (group - 1) / 2) * bar
            ys = [centres[i] + offset for i, _ in drawn]
            lefts = [0.0] * len(drawn)
        axes.barh(
            ys,
            [v for _, v in drawn],
            height=bar * 0.88,
            left=lefts,
            color=PALETTE[index],
            edgecolor=EDGE,
            linewidth=0.6,
        )
        for (i, value), y, left in zip(drawn, ys, lefts, strict=True):
            if chart.stacked:
                ends[i] = left + value
            else:
                ends[i] = max(ends[i], value)
                _value_at_end(axes, value, y, write(value))
    return ends


def _value_at_end(axes, value: float, y: float, text: str) -> None:
    axes.annotate(
        text,
        xy=(value, y),
        xytext=(3, 0),
        textcoords="offset points",
        ha="left",
        va="center",
        fontsize=VALUE_PT,
        annotation_clip=False,
    )


def _stack_labels(axes, chart: Chart, centres, write, per_point: float) -> None:
    """Each segment's value inside it where it fits (`per_point`: axis units per point), and
    each bar's total after it."""
    for i, y in enumerate(centres):
        left, drawn = 0.0, False
        for index, series in enumerate(chart.series):
            if series.values[i] is None:
                continue
            value, drawn = float(series.values[i]), True
            text = write(value)
            if value and (_points(text, VALUE_PT) + 6) * per_point <= value:
                colour = _ink(PALETTE[index])
                axes.text(
                    left + value / 2,
                    y,
                    text,
                    ha="center",
                    va="center",
                    fontsize=VALUE_PT,
                    color=colour,
                )
            left += value
        if drawn:
            _value_at_end(axes, left, y, write(left))


# --- the SVG document -----------------------------------------------------------------------


def _scoped(document: str, prefix: str) -> str:
    """Every id in `document`, and every reference to one, with `prefix` in front. Only tags
    are read: a label that looks like an attribute is text, and stays as it is."""
    return _TAG.sub(lambda tag: _ID.sub(lambda ref: ref.group(1) + prefix, tag.group(0)), document)


def _accessible(document: str, title: str) -> str:
    """matplotlib's SVG made fit to be written inside a page: no XML prolog or DOCTYPE, no
    metadata block, and a root that names the image for screen readers."""
    document = document[document.index("<svg") :]
    document = re.sub(r"\s*<metadata>.*?</metadata>", "", document, count=1, flags=re.DOTALL)
    name = escape(title, {'"': "&quot;"})
    end = document.index(">")  # the root's attributes are matplotlib's own: no ">" inside
    return (
        f'<svg role="img" aria-label="{name}"{document[4:end]}>'
        f"\n <title>{escape(title)}</title>{document[end + 1 :]}"
    )
