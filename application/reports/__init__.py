"""Reports: pure functions from a view's documents to a document, stamped with position, chain head and fingerprint."""
