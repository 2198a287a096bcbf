"""The register's domain: aggregates, their events and rules, and the value objects they use.

Pure: it imports the standard library and ``eventsourcing.domain`` only.
"""
