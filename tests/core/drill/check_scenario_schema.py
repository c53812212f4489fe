#!/usr/bin/python3
"""Cross-checks checklists/scenario.schema.json with Debian's python3-jsonschema: the shipped
scenarios and the good test scenarios validate; the structurally bad ones do not (targets.json is
bad only against its checklist, which is the parser's job, so it validates on purpose)."""
import json
import pathlib
import sys

import jsonschema

shipped, data = map(pathlib.Path, sys.argv[1:3])
schema = json.loads((shipped / "scenario.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failures = 0
for path in sorted((shipped / "scenarios").glob("*.json")) + sorted((data / "good").glob("*.json")):
    errors = list(validator.iter_errors(json.loads(path.read_text())))
    if errors:
        failures += 1
        print(f"FAIL {path}: should validate: {errors[0].message}")
for path, valid in ((data / "bad" / "structure.json", False), (data / "bad" / "targets.json", True),
                    (data / "bad" / "control-characters.json", False),
                    (data / "bad" / "declaration-title.json", False),
                    (data / "bad" / "declaration-value.json", False)):
    if validator.is_valid(json.loads(path.read_text())) != valid:
        failures += 1
        print(f"FAIL {path}: the schema should {'accept' if valid else 'reject'} it")
print(f"{failures} failures")
sys.exit(1 if failures else 0)
