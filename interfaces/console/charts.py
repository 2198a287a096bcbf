"""Charts drawn on the server as SVG: no script, no outside library, readable when printed.

Colours come from the console's stylesheet through each series' class, so charts follow the page's palette.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from markupsafe import Markup


@dataclass(frozen=True)
class Series:
    """One kind of count in a chart (a grade), its Chinese name and the CSS class that colours it."""

    key: str
    name: str
    css: str


@dataclass(frozen=True)
class Bar:
    """One bar: its name (a year), a count per series, and where each count's list is."""

    name: str
    values: dict[str, int]
    links: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.values.values())


LABEL_WIDTH = 88
BAR_HEIGHT = 34
GAP = 14
WIDTH = 640
LEGEND = 30


def share(count: int, total: int) -> str:
    """``25.0%``: a count's share of a total, one decimal."""
    return f"{count / total * 100:.1f}%" if total else "0.0%"


def stacked_bars(
    title: str, series: list[Series], bars: list[Bar], ident: str = "chart", label_width: int = LABEL_WIDTH
) -> Markup:
    """Horizontal bars, one per ``bars`` entry, each split into its ``series`` in proportion; a segment links to
    its list when the bar gives a link, and names its count and share in a tooltip. ``label_width`` leaves room
    for longer bar names."""
    plot = WIDTH - label_width - 8
    height = LEGEND + len(bars) * (BAR_HEIGHT + GAP) + 4
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="{escape(ident)}-title">',
        f'<title id="{escape(ident)}-title">{escape(title)}</title>',
    ]
    x = label_width
    for item in series:
        parts.append(f'<rect class="{item.css}" x="{x}" y="6" width="14" height="14" rx="2"/>')
        parts.append(f'<text class="legend" x="{x + 20}" y="18">{escape(item.name)}</text>')
        x += 28 + 16 * len(item.name)
    for row, bar in enumerate(bars):
        y = LEGEND + row * (BAR_HEIGHT + GAP)
        middle = y + BAR_HEIGHT / 2 + 5
        parts.append(f'<text class="bar-name" x="{label_width - 10}" y="{middle}" text-anchor="end">')
        parts.append(f"{escape(bar.name)}</text>")
        total = bar.total
        if not total:
            parts.append(f'<text class="bar-empty" x="{label_width}" y="{middle}">无数据</text>')
            continue
        left = float(label_width)
        for item in series:
            count = bar.values.get(item.key, 0)
            if not count:
                continue
            width = plot * count / total
            tip = f"{bar.name} {item.name}：{count}个，占{share(count, total)}"
            segment = (
                f'<rect class="{item.css}" x="{left:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}">'
                f"<title>{escape(tip)}</title></rect>"
            )
            if width >= 12 + 9 * len(str(count)):
                segment += (
                    f'<text class="bar-count" x="{left + width / 2:.1f}" y="{middle}" '
                    f'text-anchor="middle">{count}</text>'
                )
            link = bar.links.get(item.key)
            if link:
                segment = f'<a href="{escape(link)}" aria-label="{escape(tip)}">{segment}</a>'
            parts.append(segment)
            left += width
    parts.append("</svg>")
    return Markup("".join(parts))
