"""A filing as a plain printable HTML page: one file, nothing loaded from elsewhere, A4 when printed, the header
row of each table repeated on every printed page, and the stamp at the end."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from interfaces.exports.layout import Cell, Filing, Kind, Table, cell_text

TEMPLATES = Environment(
    loader=PackageLoader("interfaces.exports", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _cells(values: tuple[Cell, ...], kinds: list[Kind]) -> list[tuple[str, str]]:
    return [(kind.value, cell_text(value, kind)) for value, kind in zip(values, kinds, strict=True)]


def _table(table: Table) -> dict[str, Any]:
    kinds = [*([Kind.NUMBER] if table.numbered else []), *(c.kind for c in table.columns)]
    lead: tuple[Cell, ...] = ("",) if table.numbered else ()
    return {
        "sheet": table.sheet,
        "headers": table.headers,
        "rows": [_cells(((n,) if table.numbered else ()) + row, kinds) for n, row in enumerate(table.rows, 1)],
        "total": _cells(lead + table.total, kinds) if table.total else None,
    }


def filing_html(filing: Filing) -> str:
    """The filing as one printable HTML page (``lang="zh-CN"``)."""
    return TEMPLATES.get_template("filing.html").render(
        title=filing.title,
        subtitle=filing.subtitle,
        tables=[_table(t) for t in filing.tables],
        notes=[(name, cell_text(value)) for name, value in filing.notes],
        stamp=[(name, cell_text(value)) for name, value in filing.stamp],
    )
