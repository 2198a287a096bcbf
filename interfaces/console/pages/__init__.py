"""The console's routes: each page's request handling, rendering what a view function computed."""
