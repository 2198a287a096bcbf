"""The HTTP API of docs/api.md, on FastAPI."""
