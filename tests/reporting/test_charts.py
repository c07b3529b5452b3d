"""The chart kit: well-formed, self-contained SVG whose marks follow the numbers, nice ticks,
German numbers, an empty state, escaped user text, unique ids, readable colours, and a table
with the same numbers. No database."""

import math
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import defusedxml.ElementTree
import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from innonet.reporting.charts import (
    COUNT,
    DECIMAL,
    EURO,
    PERCENT,
    SERIES_COLOURS,
    Series,
    Unit,
    bar_chart,
    contrast_ratio,
    format_number,
    horizontal_bar_chart,
    line_chart,
    palette,
    stacked_bar_chart,
)
from innonet.reporting.charts.scale import nice_scale
from tests.nasty import NASTY_STRINGS, assert_no_raw_markers

SVG = "{http://www.w3.org/2000/svg}"
YEARS = ["2022", "2023", "2024"]
KINDS = [line_chart, bar_chart, stacked_bar_chart, horizontal_bar_chart]


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def parse(chart) -> ET.Element:
    return defusedxml.ElementTree.fromstring(str(chart.svg))


def bars(root: ET.Element) -> list[ET.Element]:
    return [el for el in root.iter(f"{SVG}rect") if el.get("class") == "bar"]


def texts(root: ET.Element) -> list[str]:
    return [el.text or "" for el in root.iter(f"{SVG}text")]


def two_series() -> list[Series]:
    return [Series("Dieser Zeitraum", [3, 5, 8]), Series("Vorperiode", [2, None, 6])]


# Structure -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_a_well_formed_named_image(kind):
    chart = kind(YEARS, two_series(), title="Kooperationen", description="Je Jahr.", target=7)
    root = parse(chart)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == "Kooperationen" and desc.text.startswith("Je Jahr.")
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert "<style" not in chart.svg and "<script" not in chart.svg and "href" not in chart.svg
    assert not chart.empty


def test_bar_heights_follow_the_values():
    # 0 to 40 in steps of 10; the plot runs from y=24 (below the top margin) to y=290 (320 less
    # the room for the category names): 266 units for 40.
    root = parse(bar_chart(["a", "b", "c"], [Series("n", [10, 20, 40])], title="T"))
    heights = [float(bar.get("height")) for bar in bars(root)]
    assert heights == [66.5, 133.0, 266.0]
    assert [float(bar.get("y")) + float(bar.get("height")) for bar in bars(root)] == [290.0] * 3
    assert texts(root)[:5] == ["0", "10", "20", "30", "40"]


def test_grouped_bars_stand_side_by_side_and_a_gap_has_no_bar():
    root = parse(bar_chart(YEARS, two_series(), title="T"))
    found = bars(root)
    assert len(found) == 5  # one value is missing
    first, second = found[0], found[3]  # 2022 of each series
    assert float(second.get("x")) == pytest.approx(
        float(first.get("x")) + float(first.get("width")) + 2, abs=0.11
    )
    assert second.get("fill").startswith("url(#"), "the second series is hatched"


def test_stacked_segments_add_up_to_the_total():
    series = [Series("Kleinst", [6, 10]), Series("Klein", [3, 0]), Series("Mittel", [1, 5])]
    root = parse(stacked_bar_chart(["2024", "2025"], series, title="T"))
    found = bars(root)
    assert len(found) == 5, "a zero draws no segment"
    # 0 to 15 in steps of 5; a row of legend (20) moves the plot's top to 44: 246/15 per company.
    unit = 246 / 15
    heights = sorted(float(bar.get("height")) for bar in found)
    assert heights == pytest.approx(sorted(v * unit for v in (6, 3, 1, 10, 5)), abs=0.11)
    tops = sorted(float(bar.get("y")) for bar in found)
    assert tops[0] == pytest.approx(44, abs=0.11), "the 15 of 2025 reaches the top tick"
    assert "10" in texts(root) and "15" in texts(root)  # the totals on top


def test_horizontal_bars_are_proportional_and_long_names_are_cut_with_a_tooltip():
    long_name = "Digitalisierung und Künstliche Intelligenz in der industriellen Produktion"
    chart = horizontal_bar_chart([long_name, "Energie"], [Series("Projekte", [30, 15])], title="T")
    root = parse(chart)
    widths = [float(bar.get("width")) for bar in bars(root)]
    assert widths[0] == pytest.approx(2 * widths[1], abs=0.11)
    cut = next(t for t in texts(root) if t.endswith("…"))
    assert long_name.startswith(cut[:-1]) and long_name not in texts(root)
    assert long_name in [el.text for el in root.iter(f"{SVG}title")]
    assert chart.table.rows[0].label == long_name


def test_line_has_a_dash_pattern_per_series_and_breaks_at_a_gap():
    root = parse(line_chart(YEARS, two_series(), title="T"))
    paths = list(root.iter(f"{SVG}path"))
    assert [p.get("stroke-dasharray") for p in paths] == [None, "7 4"]
    assert paths[0].get("d").count("M") == 1 and paths[1].get("d").count("M") == 2
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    assert {t.text for t in legend.iter(f"{SVG}text")} == {"Dieser Zeitraum", "Vorperiode"}


def test_a_target_is_a_dashed_line_labelled_and_counted_in_the_table():
    chart = line_chart(YEARS, two_series(), title="T", target=10)
    root = parse(chart)
    line = next(el for el in root.iter(f"{SVG}line") if el.get("class") == "target")
    assert line.get("stroke-dasharray") and line.get("y1") == line.get("y2")
    assert gettext("Target") in texts(root)
    assert [row.label for row in chart.table.footer] == [
        gettext("Target"),
        gettext("Distance to target (latest value)"),
    ]
    assert chart.table.footer[0].cells == ("10", "10")
    assert chart.table.footer[1].cells == ("\u22122", "\u22124")  # 8 and 6 are short of 10


def test_negative_values_do_not_break_a_chart():
    series = [Series("Saldo", [-5, 12, -1.5])]
    for kind in KINDS:
        root = parse(kind(YEARS, series, title="T", target=-2))
        assert "\u22125" in texts(root)  # a real minus on the axis
    root = parse(bar_chart(YEARS, series, title="T"))
    zero = next(el for el in root.iter(f"{SVG}line") if el.get("stroke") == palette.AXIS)
    first = bars(root)[0]
    assert float(first.get("y")) == float(zero.get("y1")), "a negative bar hangs from zero"


def test_values_must_match_the_categories_and_the_picture_have_room():
    with pytest.raises(ValueError, match="has 2 values"):
        line_chart(YEARS, [Series("kurz", [1, 2])], title="T")
    with pytest.raises(ValueError, match="width"):
        horizontal_bar_chart(YEARS, two_series(), title="T", width=100)
    with pytest.raises(ValueError, match="height"):
        bar_chart(YEARS, two_series(), title="T", height=100)
    with pytest.raises(ValueError, match="colour"):
        bar_chart(YEARS, [Series("n", [1, 2, 3], colour="red")], title="T")


def test_a_given_colour_and_style_are_used():
    series = [Series("n", [1, 2, 3], colour="#112233", style="dotted")]
    root = parse(line_chart(YEARS, series, title="T"))
    path = next(root.iter(f"{SVG}path"))
    assert (path.get("stroke"), path.get("stroke-dasharray")) == ("#112233", "2 3")


# Ticks and numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "integer", "ticks"),
    [
        (0, 7, True, [0, 2, 4, 6, 8]),
        (0, 3, True, [0, 1, 2, 3]),
        (0, 1, True, [0, 1]),
        (0, 100, False, [0, 20, 40, 60, 80, 100]),
        (0, 1234567, False, [0, 500_000, 1_000_000, 1_500_000]),
        (0, 0.37, False, [0, 0.1, 0.2, 0.3, 0.4]),
        (0, 2.5, False, [0, 0.5, 1, 1.5, 2, 2.5]),
        (-5, 12, False, [-5, 0, 5, 10, 15]),
        (0, 0, True, [0, 1]),
    ],
)
def test_ticks_are_steps_of_one_two_or_five(low, high, integer, ticks):
    assert list(nice_scale(low, high, integer=integer).ticks) == ticks


def test_count_ticks_are_whole_and_fraction_ticks_print_exactly():
    counts = parse(bar_chart(["a"], [Series("n", [2])], title="T", unit=COUNT))
    assert texts(counts)[:3] == ["0", "1", "2"]  # not 0, 0.5, 1, 1.5, 2
    shares = parse(line_chart(["a", "b"], [Series("n", [0.1, 0.37])], title="T", unit=PERCENT))
    assert texts(shares)[:5] == ["0\u00a0%", "10\u00a0%", "20\u00a0%", "30\u00a0%", "40\u00a0%"]
    decimals = parse(line_chart(["a", "b"], [Series("n", [0.1, 0.37])], title="T", unit=DECIMAL))
    assert texts(decimals)[:5] == ["0,0", "0,1", "0,2", "0,3", "0,4"]
    assert not any("0000" in t for t in texts(shares) + texts(decimals))


def test_numbers_are_german():
    assert format_number(1234) == "1.234"
    assert format_number(1234567.891, 2) == "1.234.567,89"
    assert format_number(Decimal("0.125"), 2) == "0,13"  # half up, in decimal
    assert format_number(-0.04) == "0", "no minus zero"
    assert format_number(-1234) == "\u22121.234"
    assert PERCENT.format(0.125) == "12,5\u00a0%"
    assert EURO.format(Decimal("250000")) == "250.000\u00a0€"
    assert EURO.format_cell(Decimal("1234567.891")) == "1.234.567,89\u00a0€"
    assert Unit(decimals=1).format(3, signed=True) == "+3,0"
    assert COUNT.format_cell(None) == "—"
    with translation.override("en"):
        assert format_number(1234.5, 1) == "1,234.5"


def test_the_unit_follows_the_values_when_not_given():
    assert line_chart(["a"], [Series("n", [3])], title="T").table.rows[0].cells == ("3",)
    assert line_chart(["a"], [Series("n", [2.25])], title="T").table.rows[0].cells == ("2,3",)


# Table -----------------------------------------------------------------------------------


def test_the_table_holds_the_charts_numbers():
    chart = bar_chart(YEARS, two_series(), title="Kooperationen", category_label="Jahr")
    assert chart.table.caption == "Kooperationen"
    assert chart.table.header == ("Jahr", "Dieser Zeitraum", "Vorperiode")
    assert [(row.label, row.cells) for row in chart.table.rows] == [
        ("2022", ("3", "2")),
        ("2023", ("5", "—")),
        ("2024", ("8", "6")),
    ]
    assert chart.table.footer == ()


def test_the_stacked_table_adds_a_total_and_meets_the_target_with_it():
    series = [Series("Klein", [Decimal("1.5"), None]), Series("Groß", [2, 3])]
    chart = stacked_bar_chart(["2024", "2025"], series, title="T", target=4, unit=DECIMAL)
    assert chart.table.header[-1] == gettext("Total")
    assert [row.cells for row in chart.table.rows] == [("1,5", "2,0", "3,5"), ("—", "3,0", "3,0")]
    assert chart.table.footer[0].cells == ("", "", "4,0")


def test_the_include_shows_figure_caption_picture_and_table():
    chart = bar_chart(YEARS, two_series(), title="Kooperationen", description="Je Jahr.")
    html = render_to_string("reporting/_chart.html", {"chart": chart})
    assert html.count("<figure") == 1 and "<figcaption" in html
    assert "Kooperationen" in html and "Je Jahr." in html and str(chart.svg) in html
    assert f'<caption id="{chart.id}-table">' in html and html.count('scope="col"') == 3
    assert f'role="region" aria-labelledby="{chart.id}-table"' in html
    assert html.count('scope="row"') == 3
    assert '<td class="text-end text-nowrap">—</td>' in html


# Empty state -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("categories", "values"),
    [(YEARS, [None, None, None]), (YEARS, [0, 0, 0]), ([], []), (YEARS, [math.nan, None, 0])],
)
def test_no_data_gives_a_clear_message_not_a_broken_picture(kind, categories, values):
    chart = kind(categories, [Series("n", values)], title="Leer", target=5)
    root = parse(chart)
    assert chart.empty and not bars(root)
    assert gettext("No data in this period") in texts(root)
    assert gettext("No data in this period") in root.find(f"{SVG}desc").text
    assert "nan" not in chart.svg.lower()
    html = render_to_string("reporting/_chart.html", {"chart": chart})
    assert "<table" not in html


def test_infinite_values_are_gaps():
    chart = bar_chart(YEARS, [Series("n", [math.inf, 2, -math.inf])], title="T")
    assert len(bars(parse(chart))) == 1


# Escaping and ids ------------------------------------------------------------------------


def test_user_text_is_escaped_everywhere():
    nasty = "<script>alert('x')</script> \"Müller & Söhne\""
    chart = bar_chart(
        [nasty, "b"],
        [Series(nasty, [1, 2]), Series("zwei", [2, 1])],
        title=nasty,
        description=nasty,
        category_label=nasty,
    )
    assert "<script" not in chart.svg
    root = parse(chart)  # parses, so every quote and ampersand is escaped
    assert root.find(f"{SVG}title").text == nasty
    assert nasty in texts(root) or any(t.endswith("…") for t in texts(root))
    html = render_to_string("reporting/_chart.html", {"chart": chart})
    assert "<script" not in html and "&lt;script&gt;" in html


def test_the_nasty_corpus_keeps_the_picture_well_formed():
    strings = [s for s in NASTY_STRINGS if s]
    for kind in KINDS:
        chart = kind(strings, [Series(s, [1] * len(strings)) for s in strings[:3]], title="T")
        parse(chart)
        assert_no_raw_markers(str(chart.svg))
        assert_no_raw_markers(render_to_string("reporting/_chart.html", {"chart": chart}))


def test_ids_are_unique_among_the_charts_of_a_page():
    same = [bar_chart(YEARS, two_series(), title="T") for _ in range(3)]
    others = [kind(YEARS, two_series(), title="T") for kind in KINDS]
    page = "".join(str(chart.svg) for chart in same + others)
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids)) > 8
    for chart in same + others:  # every reference points into its own picture
        own = set(re.findall(r' id="([^"]+)"', str(chart.svg)))
        references = re.findall(r"url\(#([^)]+)\)", str(chart.svg))
        references += parse(chart).get("aria-labelledby").split()
        assert set(references) <= own


def test_a_given_id_is_used_and_checked():
    assert bar_chart(YEARS, two_series(), title="T", chart_id="volume").id == "volume"
    with pytest.raises(ValueError, match="not an id"):
        bar_chart(YEARS, two_series(), title="T", chart_id='x" onload="y')


# Colours ---------------------------------------------------------------------------------


def test_contrast_ratio_is_wcags():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_marks_reach_three_to_one_and_text_four_and_a_half_to_one_against_white():
    ratios = {colour: round(contrast_ratio(colour, palette.WHITE), 2) for colour in SERIES_COLOURS}
    # blue 5.19, vermillion 3.87, bluish green 3.42, reddish purple 3.06, grey 8.45
    assert ratios == {
        "#0072b2": 5.19,
        "#d55e00": 3.87,
        "#009e73": 3.42,
        "#cc79a7": 3.06,
        "#4d4d4d": 8.45,
    }
    assert min(ratios.values()) >= 3
    assert contrast_ratio(palette.AXIS, palette.WHITE) >= 3
    for text in (palette.TEXT, palette.MUTED_TEXT, palette.TARGET):
        assert contrast_ratio(text, palette.WHITE) >= 4.5
        # Text on the empty state's grey ground too.
        assert contrast_ratio(text, palette.EMPTY_FILL) >= 4.5


def test_every_text_in_a_chart_uses_a_text_colour():
    chart = line_chart(YEARS, two_series(), title="T", target=9)
    fills = {el.get("fill") for el in parse(chart).iter(f"{SVG}text")}
    assert fills <= {palette.TEXT, palette.MUTED_TEXT, palette.TARGET}


def test_series_never_look_alike():
    series = [Series(f"S{i}", [i + 1, i + 2, i + 3]) for i in range(4)]
    root = parse(bar_chart(YEARS, series, title="T"))
    fills = {bar.get("fill") for bar in bars(root)}
    assert len(fills) == 4, "each series its own fill (a colour or a pattern)"
    looks = {(p.get("stroke"), p.get("stroke-dasharray")) for p in root.iter(f"{SVG}path")}
    assert looks == set()  # bars draw no lines
    root = parse(line_chart(YEARS, series, title="T"))
    dashes = [p.get("stroke-dasharray") for p in root.iter(f"{SVG}path")]
    assert len(set(dashes)) == 4, "each line its own dash pattern, not only its colour"


# The PDF ---------------------------------------------------------------------------------


def test_weasyprint_draws_the_charts(caplog):
    from weasyprint import HTML

    charts = [kind(YEARS, two_series(), title="T", target=7) for kind in KINDS]
    html = "".join(render_to_string("reporting/_chart.html", {"chart": c}) for c in charts)
    with caplog.at_level("WARNING", logger="weasyprint"):
        content = HTML(string=f"<html><body>{html}</body></html>").write_pdf()
    assert content.startswith(b"%PDF")
    assert not [r for r in caplog.records if r.name.startswith("weasyprint")]
