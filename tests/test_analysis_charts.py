"""The analysis charts: one drawing, as SVG for pages and PNG for documents.

Pure unit tests (no application, no database): what a screen reader is told, the numbers in the
reader's locale, texts escaped and never cut, the same bytes for the same chart, and clear
refusals of a caller's mistakes."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image

from app.analysis.charts import PALETTE, Chart, Series, format_value, png, svg

SVG = "{http://www.w3.org/2000/svg}"
OKABE_ITO = {
    "#000000",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
}
REGIONS = ["Africa", "Asia", "Europe", "Oceania"]


def parse(document: bytes) -> ET.Element:
    return ET.fromstring(document)  # noqa: S314 - our own output, parsed to check it


def texts(root: ET.Element) -> list[str]:
    """Each <text> element's text, as a browser would write it."""
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def ratio(root: ET.Element) -> float:
    _x, _y, width, height = (float(n) for n in root.get("viewBox").split())
    return height / width


def two_series(**options) -> Chart:
    return Chart(
        title="Reports by region",
        categories=REGIONS,
        series=[Series("Submitted", [12, 7, 30, 2]), Series("Not submitted", [3, 4, 5, 8])],
        value_label="Parties",
        **options,
    )


def test_svg_is_an_image_named_for_screen_readers():
    document = svg(two_series())
    root = parse(document)

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Reports by region"
    assert root.find(f"{SVG}title").text == "Reports by region"
    assert not list(root.iter(f"{SVG}script"))
    assert not list(root.iter(f"{SVG}metadata"))
    # ready to be written inside a page: no XML prolog, no DOCTYPE
    assert document.startswith(b"<svg ")
    assert b"<!DOCTYPE" not in document
    # about 720 CSS pixels wide (540 pt)
    assert root.get("width") == "540pt"


def test_svg_keeps_texts_as_text_with_every_label():
    found = texts(parse(svg(two_series())))

    for label in [*REGIONS, "Submitted", "Not submitted", "Parties", "Reports by region"]:
        assert label in found
    for value in ["12", "7", "30", "2", "3", "4", "5", "8"]:
        assert value in found


@pytest.mark.parametrize(
    ("lang", "thousands", "decimal"),
    [
        ("en", "1,234", "2.5"),
        ("fr", "1\u202f234", "2,5"),  # Babel's French group separator: a narrow no-break space
        ("es", "1.234", "2,5"),
    ],
)
def test_values_are_written_in_the_charts_locale(lang, thousands, decimal):
    chart = Chart("Parties", ["A", "B"], [Series("Parties", [1234, 2.5])], lang=lang)

    found = texts(parse(svg(chart)))

    assert thousands in found
    assert decimal in found
    assert format_value(1234, lang) == thousands


@pytest.mark.parametrize(
    ("lang", "third", "hundred"),
    [
        ("en", "33.3%", "100%"),
        ("fr", "33,3\u00a0%", "100\u00a0%"),
        ("es", "33,3\u00a0%", "100\u00a0%"),
    ],
)
def test_percentages_to_one_decimal_on_an_axis_to_100(lang, third, hundred):
    chart = Chart(
        "Yes",
        ["A", "B", "C"],
        [Series("Yes", [100 / 3, 100, 0])],
        value_label="% of those that answered",
        percent=True,
        lang=lang,
    )

    found = texts(parse(svg(chart)))

    assert found.count(third) == 1
    assert hundred in found  # the bar's value and the axis' last tick
    assert format_value(0, lang, percent=True) in found
    ticks = [format_value(t, lang, percent=True) for t in (0, 20, 40, 60, 80, 100)]
    assert set(ticks) <= set(found)
    assert format_value(120, lang, percent=True) not in found  # the axis stops at 100


def test_stacked_bars_write_each_total_after_the_bar():
    chart = two_series(stacked=True)

    found = texts(parse(svg(chart)))

    for total in ["15", "11", "35", "10"]:
        assert total in found
    assert "30" in found  # a segment wide enough to carry its value


def test_stacked_bars_take_one_row_per_category():
    grouped = parse(svg(two_series()))
    stacked = parse(svg(two_series(stacked=True)))

    assert ratio(stacked) < ratio(grouped)


def test_height_grows_with_the_number_of_categories():
    def chart(n: int) -> Chart:
        return Chart("Parties", [f"Region {i}" for i in range(n)], [Series("P", [1] * n)])

    heights = [ratio(parse(svg(chart(n)))) for n in (1, 5, 10)]

    assert heights == sorted(heights) and len(set(heights)) == 3


def test_a_missing_value_draws_no_bar_and_no_number():
    chart = Chart("Parties", ["A", "B"], [Series("P", [17, None])])

    found = texts(parse(svg(chart)))

    assert "17" in found
    assert "0" in found  # the axis' first tick, not a value of B
    assert found.count("0") == 1


def test_long_labels_are_wrapped_not_cut():
    words = [f"word{i}" for i in range(40)]
    label = " ".join(words)
    chart = Chart("Parties", [label, "short"], [Series("P", [1, 2])])

    found = texts(parse(svg(chart)))

    lines = [line for line in found if line.startswith("word")]
    assert len(lines) > 1
    assert " ".join(lines).split() == words
    assert max(len(line) for line in lines) <= 30


def test_texts_are_escaped_and_the_svg_still_parses():
    nasty = '<b>&"x"'
    chart = Chart(
        title=nasty,
        categories=[nasty, "Costs $5 and $10", 'id="x" url(#p)'],
        series=[Series(nasty, [1, 2, 3]), Series("other", [1, 2, 3])],
        value_label=nasty,
    )

    document = svg(chart)
    root = parse(document)

    assert b"<b>" not in document
    assert b"&lt;b&gt;&amp;" in document
    assert root.get("aria-label") == nasty
    assert root.find(f"{SVG}title").text == nasty
    assert not list(root.iter("b")) and not list(root.iter(f"{SVG}b"))
    found = texts(root)
    assert found.count(nasty) == 4  # the title drawn, the category, the legend, the axis label
    # a dollar sign is a dollar sign (no mathtext), and a label never becomes an attribute
    assert "Costs $5 and $10" in found
    assert 'id="x" url(#p)' in found


def test_characters_xml_cannot_carry_are_dropped():
    chart = Chart("Title\x0b", ["A\x00B", "lone \ud800 surrogate"], [Series("P\x1b", [1, 2])])

    found = texts(parse(svg(chart)))

    assert "A B" in found
    assert "lone surrogate" in found


def test_characters_dejavu_lacks_are_drawn_without_a_warning():
    # warnings are errors in this suite: a missing glyph would fail here
    chart = Chart("Émojis 😀", ["中文", "Ελληνικά", "😀"], [Series("P", [1, 2, 3])])

    assert "中文" in texts(parse(svg(chart)))
    assert Image.open(io.BytesIO(png(chart))).format == "PNG"


def test_the_same_chart_gives_the_same_bytes():
    assert svg(two_series(lang="fr")) == svg(two_series(lang="fr"))


def test_two_charts_in_one_page_share_no_id():
    def ids(document: bytes) -> set[str]:
        return {element.get("id") for element in parse(document).iter() if element.get("id")}

    first, second = ids(svg(two_series())), ids(svg(two_series(stacked=True)))

    assert first and second and not first & second
    # every reference still points at an id of its own chart
    document = svg(two_series()).decode()
    references = set(re.findall(r'(?:xlink:href="#|url\(#)([^")]+)', document))
    assert references and references <= first


def test_charts_drawn_in_threads_are_the_charts_drawn_alone():
    charts = [two_series(), two_series(stacked=True), two_series(lang="fr"), two_series()]
    alone = [svg(chart) for chart in charts]

    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(svg, charts))

    assert together == alone


def test_png_is_the_same_chart_at_the_asked_resolution():
    chart = two_series()
    expected = ratio(parse(svg(chart)))

    for dpi, width in ((150, 1125), (100, 750)):
        image = Image.open(io.BytesIO(png(chart, dpi=dpi)))
        assert image.format == "PNG"
        assert image.size[0] == width
        assert image.size[1] / image.size[0] == pytest.approx(expected, rel=0.01)


def test_series_take_the_palette_in_order():
    chart = Chart("Eight", ["A"], [Series(f"S{i}", [i + 1]) for i in range(8)])

    fills = re.findall(r"fill: (#[0-9a-f]{6})", svg(chart).decode())
    bars = [fill for fill in fills if fill != "#ffffff"]  # the background's

    # SVG paints black by default, so matplotlib writes no fill for the eighth series
    assert bars[:7] == [colour.lower() for colour in PALETTE[:7]]


def test_palette_is_okabe_ito():
    assert len(PALETTE) == 8
    assert len(set(PALETTE)) == 8
    assert set(PALETTE) == OKABE_ITO


@pytest.mark.parametrize(
    ("chart", "message"),
    [
        (Chart("Parties", [], [Series("P", [])]), "at least one category"),
        (Chart("Parties", ["A"], []), "at least one series"),
        (Chart("Parties", ["A"], [Series(f"S{i}", [1]) for i in range(9)]), "at most 8 series"),
        (Chart("Parties", ["A", "B"], [Series("P", [1])]), "has 1 values for 2 categories"),
        (Chart("Parties", ["A"], [Series("P", [-1])]), "not negative"),
        (Chart("Parties", ["A"], [Series("P", [float("nan")])]), "finite"),
        (Chart("Parties", ["A"], [Series("P", ["3"])]), "a number or None"),
        (Chart("  ", ["A"], [Series("P", [1])]), "needs a title"),
        (Chart("Parties", ["A"], [Series("P", [1])], lang="xx-nowhere"), "no locale"),
    ],
)
def test_a_callers_mistake_is_a_clear_value_error(chart, message):
    for draw in (svg, png):
        with pytest.raises(ValueError, match=message):
            draw(chart)


@pytest.mark.parametrize("dpi", [0, 10_000, 150.0, True])
def test_png_refuses_a_resolution_out_of_bounds(dpi):
    with pytest.raises(ValueError, match="dpi must be an integer"):
        png(two_series(), dpi=dpi)


def test_drawing_needs_no_pyplot_and_no_backend():
    """A backend that cannot start here (Tk, no display) would stop anything that asks for it."""
    script = (
        "import sys\n"
        "from app.analysis.charts import Chart, Series, png, svg\n"
        "chart = Chart('T', ['A'], [Series('S', [1])])\n"
        "svg(chart); png(chart)\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
    )
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "MPLBACKEND": "tkagg", "DISPLAY": "", "PYTHONPATH": str(root)}

    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", script],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
