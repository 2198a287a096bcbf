"""The register's application layer: commands, queries, projections, reports and the audit trail."""
