"""The personaliser form's answers in a profile, as JSON: each key of the tables the form fills,
as `table.key`. The browser checks fill the form with them.

usage: python3 scripts/answers.py PROFILE.toml > answers.json
"""
import json
import sys
import tomllib

TABLES = ["practice", "it_provider", "insurer", "software", "privacy"]

with open(sys.argv[1], "rb") as f:
    profile = tomllib.load(f)
print(json.dumps({f"{t}.{k}": v for t in TABLES for k, v in profile.get(t, {}).items()}))
