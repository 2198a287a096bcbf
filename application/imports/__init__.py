"""Spreadsheet imports: a clerk's workbook or CSV file of members, chambers, Party organizations, organizational
life or reviews, read as the clerk means it, every row checked by the Register's own commands, and recorded in one
transaction or not at all."""
