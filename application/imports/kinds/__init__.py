"""Each kind of import in a module of its own, on what ``base`` says every kind does."""
