"""The console's view functions: what each page shows, computed without a browser."""
