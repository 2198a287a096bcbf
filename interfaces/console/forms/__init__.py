"""The console's forms: their fields, how a form's text becomes a command, and the commands they send."""
