"""The demo district: a seeded client of the Register that fills an empty store with a realistic district, from
years back up to the day it stands on, through the Register's commands alone."""
