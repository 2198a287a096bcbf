"""``make bench``: how fast ficledger is, measured against the limits of its own machine."""
