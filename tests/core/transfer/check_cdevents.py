#!/usr/bin/python3
"""Validates `warroom export --format cdevents` output against the published schemas.

Usage: check_cdevents.py DATA_DIR EXPORT.json...

DATA_DIR is tests/data/cdevents (schemas/ and conformance/ from cdevents/spec v0.5.1, and
schemas/cloudevents.json from cloudevents/spec v1.0.2; see its README). Each export is a JSON array
of CloudEvents; every one must validate against the CloudEvents 1.0 schema, its `data` against the
CDEvents schema of its type, and follow the CDEvents CloudEvents binding (id, source, type, subject
and time copied from the CDEvent). The spec's own conformance examples must validate too, and
broken copies of our events must not: a validator that accepts everything fails this script."""
import copy
import json
import pathlib
import re
import sys

import jsonschema

data_dir = pathlib.Path(sys.argv[1])
exports = [pathlib.Path(p) for p in sys.argv[2:]]
schema_dir = data_dir / "schemas"

schemas = {}
for path in sorted(schema_dir.rglob("*.json")):
    doc = json.loads(path.read_text())
    if "$id" in doc:
        schemas[doc["$id"]] = doc

# jsonschema >= 4.18 resolves $ref through `referencing`; Debian 12's 4.10 through RefResolver
# (and may find a `referencing` installed beside it that it cannot use).
def validator_for(schema):
    checker = jsonschema.FormatChecker()
    try:
        from referencing import Registry, Resource
        registry = Registry().with_resources(
            (uri, Resource.from_contents(doc)) for uri, doc in schemas.items())
        return jsonschema.Draft202012Validator(schema, registry=registry, format_checker=checker)
    except (ImportError, TypeError):
        resolver = jsonschema.RefResolver.from_schema(schema, store=schemas)
        return jsonschema.Draft202012Validator(schema, resolver=resolver, format_checker=checker)


cloudevents_schema = json.loads((schema_dir / "cloudevents.json").read_text())
cloudevents = jsonschema.Draft7Validator(cloudevents_schema,
                                         format_checker=jsonschema.FormatChecker())

# The format checkers above only run when optional packages are installed; these always run.
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")


def cdevents_schema(event_type):
    m = re.fullmatch(r"dev\.cdevents\.([a-z]+)\.([a-z]+)\.\d+\.\d+\.\d+", event_type or "")
    if not m:
        return None
    path = schema_dir / f"{m.group(1)}{m.group(2)}.json"
    return json.loads(path.read_text()) if path.exists() else None


def cdevent_errors(cdevent):
    schema = cdevents_schema(cdevent.get("context", {}).get("type"))
    if schema is None:
        return [f"no schema for type {cdevent.get('context', {}).get('type')!r}"]
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}"
              for e in validator_for(schema).iter_errors(cdevent)]
    ctx = cdevent.get("context", {})
    if not RFC3339.match(str(ctx.get("timestamp", ""))):
        errors.append(f"context/timestamp {ctx.get('timestamp')!r} is not RFC 3339")
    ticket = cdevent.get("subject", {}).get("content", {}).get("ticketURI")
    if ticket is not None and not URI.match(ticket):
        errors.append(f"ticketURI {ticket!r} is not an absolute URI")
    return errors


def cloudevent_errors(ce, seen_ids, chain_ids):
    errors = [f"CloudEvent {'/'.join(map(str, e.path))}: {e.message}"
              for e in cloudevents.iter_errors(ce)]
    if ce.get("specversion") != "1.0":
        errors.append(f"specversion {ce.get('specversion')!r}, not '1.0'")
    data = ce.get("data")
    if not isinstance(data, dict):
        return errors + ["data is not a CDEvent object"]
    errors += cdevent_errors(data)
    ctx, subject = data.get("context", {}), data.get("subject", {})
    # The CloudEvents binding of CDEvents: these attributes are the CDEvent's own.
    for ce_key, value in (("id", ctx.get("id")), ("source", ctx.get("source")),
                          ("type", ctx.get("type")), ("time", ctx.get("timestamp")),
                          ("subject", subject.get("id"))):
        if ce.get(ce_key) != value:
            errors.append(f"CloudEvent {ce_key} {ce.get(ce_key)!r} is not the CDEvent's {value!r}")
    schema = cdevents_schema(ctx.get("type"))
    if schema and ce.get("dataschema") != schema["$id"]:
        errors.append(f"dataschema {ce.get('dataschema')!r} is not {schema['$id']!r}")
    for link in ctx.get("links", []):
        if link.get("from", {}).get("contextId") not in seen_ids:
            errors.append(f"link from {link.get('from')} names no earlier event")
    if (ce.get("source"), ce.get("id")) in seen_ids:
        errors.append(f"id {ce.get('id')} repeated")
    seen_ids.add(ce.get("id"))
    seen_ids.add((ce.get("source"), ce.get("id")))
    chain_ids.add(ctx.get("chainId"))
    return errors


failures = 0
checked = 0
for path in sorted((data_dir / "conformance").glob("*.json")):
    checked += 1
    errors = cdevent_errors(json.loads(path.read_text()))
    if errors:
        failures += 1
        print(f"FAIL {path.name} (the spec's own example): {errors[0]}")

batches = []
for path in exports:
    batch = json.loads(path.read_text())
    batches.append(batch)
    if not isinstance(batch, list) or not batch:
        failures += 1
        print(f"FAIL {path}: not a non-empty JSON array of CloudEvents")
        continue
    seen, chains = set(), set()
    for n, ce in enumerate(batch):
        checked += 1
        errors = cloudevent_errors(ce, seen, chains)
        if errors:
            failures += 1
            print(f"FAIL {path}[{n}] {ce.get('type')}: " + "; ".join(errors[:3]))
    if len(chains) != 1:
        failures += 1
        print(f"FAIL {path}: events of one incident carry chainIds {chains}")


# Broken copies of the first export's events must be refused, or the checks above prove nothing.
def broken(ce, how):
    ce = copy.deepcopy(ce)
    how(ce)
    return ce


MUTATIONS = {
    "type version unknown": lambda ce: ce["data"]["context"].update(
        type=ce["data"]["context"]["type"].rsplit(".", 3)[0] + ".9.9.9"),
    "environment missing": lambda ce: ce["data"]["subject"]["content"].pop("environment"),
    "unknown content key": lambda ce: ce["data"]["subject"]["content"].update(colour="red"),
    "timestamp not RFC 3339": lambda ce: ce["data"]["context"].update(timestamp="yesterday"),
    "CloudEvent id differs": lambda ce: ce.update(id="other"),
    "CloudEvent without source": lambda ce: ce.pop("source"),
    # Only the links schemas, reached through $ref, can refuse this one.
    "unknown link type": lambda ce: ce["data"]["context"].update(
        links=[{"linkType": "BOGUS", "from": {"contextId": ce["id"]}}]),
}
if batches and isinstance(batches[0], list) and batches[0]:
    ids = {ce.get("id") for ce in batches[0]}  # links may name any event of the batch
    for name, how in MUTATIONS.items():
        for ce in batches[0]:
            checked += 1
            if not cloudevent_errors(broken(ce, how), set(ids), set()):
                failures += 1
                print(f"FAIL mutation '{name}' of {ce['type']} was accepted")
    for ce in batches[0]:
        if ce["type"].startswith("dev.cdevents.incident.reported."):
            checked += 1
            if not cloudevent_errors(broken(ce, lambda c: c["data"]["subject"]["content"].pop(
                    "ticketURI")), set(ids), set()):
                failures += 1
                print("FAIL incident.reported without ticketURI was accepted")

print(f"{checked - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
