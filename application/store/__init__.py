"""The store, and all the SQL the register speaks to it: the database URL translated to the library's settings,
the hash-chained event recorders, the chain's links, and the idempotency claims written beside the events."""
