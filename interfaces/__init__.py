"""Adapters to the outside: the HTTP API, the command line, exports and the demo district."""
