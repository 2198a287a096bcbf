"""The audit trail: who did what and why, any aggregate's history, the whole log, and proof it was not altered."""
