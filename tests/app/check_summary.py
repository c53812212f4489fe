#!/usr/bin/python3
"""Validates a `warroom drill --json` summary against checklists/drill-summary.schema.json with
Debian's python3-jsonschema; prints the first problem and exits 1 when it does not validate."""
import json
import sys

import jsonschema

summary, schema = (json.load(open(p)) for p in sys.argv[1:3])
jsonschema.Draft202012Validator.check_schema(schema)
errors = list(jsonschema.Draft202012Validator(schema).iter_errors(summary))
for e in errors[:1]:
    print(f"INVALID {e.message} at {list(e.path)}")
sys.exit(1 if errors else 0)
