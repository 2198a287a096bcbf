"""Reports as a clerk files them: laid out once (``filing``), written as XLSX (``to_xlsx``) or CSV (``to_csv``);
any of them, and the publicity list of a round, also as a printable HTML page (``filing_html``).

A page that shows a report can lay it out with ``filing`` and show each ``Table`` with ``cell_text``, so what it
shows is what the downloads hold.
"""

from __future__ import annotations

from interfaces.exports.delimited import to_csv
from interfaces.exports.layout import Column, Filing, Kind, Table, cell_text
from interfaces.exports.page import filing_html
from interfaces.exports.reports import filing
from interfaces.exports.workbook import to_xlsx

__all__ = ["Column", "Filing", "Kind", "Table", "cell_text", "filing", "filing_html", "to_csv", "to_xlsx"]
