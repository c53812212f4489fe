#!/usr/bin/python3
"""Cross-checks checklists/checklist.schema.json against the parser's view of the same files.

Run by CTest with Debian's python3-jsonschema: the shipped checklists and the good test files
must validate; every bad test file that is bad in *structure* must fail validation too. (Errors
only code can see -- duplicate ids, unknown or cyclic dependencies, undefined variables -- are the
parser's job and are listed below as schema-valid on purpose.)"""
import json
import pathlib
import sys

import jsonschema

shipped, data = map(pathlib.Path, sys.argv[1:3])
schema = json.loads((shipped / "checklist.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

SEMANTIC_ONLY = {"duplicate-step-id", "unknown-dependency", "self-dependency", "cycle",
                 "undefined-variable", "unknown-role"}
# Files whose every fault the schema must find at the parser's own places.
SAME_PLACES = {"bad-names"}
# bad-milestones has a structural error ("when": "later") besides its unknown step.
failures = 0
checked = 0
for path in (sorted(shipped.glob("*.json")) + sorted(shipped.glob("examples/*.json"))
             + sorted((data / "good").glob("*.json"))):
    if path.name.endswith(".schema.json"):
        continue
    checked += 1
    errors = list(validator.iter_errors(json.loads(path.read_text())))
    if errors:
        failures += 1
        print(f"FAIL {path}: should validate: {errors[0].message}")
for path in sorted((data / "bad").glob("*.json")):
    try:
        doc = json.loads(path.read_bytes().decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        continue  # not JSON at all: nothing for a schema to say
    checked += 1
    valid = validator.is_valid(doc)
    if path.stem in SEMANTIC_ONLY and not valid:
        failures += 1
        print(f"FAIL {path}: expected schema-valid (only the parser can see this problem)")
    elif path.stem not in SEMANTIC_ONLY and valid:
        failures += 1
        print(f"FAIL {path}: the schema accepts a file the parser rejects")
    elif path.stem in SAME_PLACES:
        # Each fault of the file is found by both, at the same places: a rule dropped from
        # either side shows here, not hidden by the file's other faults.
        def place(error):
            return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.path)
        schema_places = sorted({place(e) for e in validator.iter_errors(doc)})
        expected = path.with_suffix(".expected").read_text().splitlines()
        parser_places = sorted({line.split(": error: ")[1].split(": ")[0] for line in expected})
        if schema_places != parser_places:
            failures += 1
            print(f"FAIL {path}: the schema finds {schema_places}, the parser {parser_places}")
# The JSON export's schema must describe the golden export exactly.
export_schema = json.loads((shipped.parent / "resources" / "incident-export.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(export_schema)
checked += 1
export_errors = list(jsonschema.Draft202012Validator(export_schema).iter_errors(
    json.loads((data.parent / "export" / "drill.json").read_text())))
if export_errors:
    failures += 1
    print(f"FAIL drill.json against incident-export.schema.json: {export_errors[0].message} at {list(export_errors[0].path)}")
print(f"{checked - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
