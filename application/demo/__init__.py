"""The demo district: a seeded generator of a realistic register, at demo size or at benchmark scale."""
