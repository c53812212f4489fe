#!/usr/bin/python3
"""Reads warroom's exports back with Python's standard library only: code no one on the project
wrote. Called by tst_export with the folder holding drill.csv, drill.json and drill.html.

Besides parsing, it re-computes the tamper-evident chain from the JSON export following the
canonical form documented in models/EventChain.h, independently of the C++ implementation."""
import csv
import hashlib
import html.parser
import json
import pathlib
import sys

folder = pathlib.Path(sys.argv[1])
problems = []


def check(condition, message):
    if not condition:
        problems.append(message)


def canonical(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# CSV: RFC 4180 as Python's csv module reads it.
with open(folder / "drill.csv", newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
check(rows[0] == ["seq", "utc", "t_plus", "mode", "actor", "step", "kind", "event", "actor_roles",
                  "screens_t_plus", "drill_speed"],
      f"csv header {rows[0]}")
check(all(len(r) == 11 for r in rows), "csv rows of unequal width")
check(all(r[3] == "DRILL" for r in rows[1:]), "csv rows without DRILL")
# The scripted drill ran at real speed and its screens showed real time.
check(all(r[9] == "" and r[10] == "1" for r in rows[1:]), "csv screens time or speed wrong")
check(any('"orders"' in r[7] and "," in r[7] for r in rows), "csv lost the quotes or the comma")
check(any("Zürich" in r[7] for r in rows), "csv lost UTF-8")
raw = (folder / "drill.csv").read_bytes()
check(raw.count(b"\r\n") == len(rows) == raw.count(b"\n"), "csv line ends are not all CRLF")

# JSON: parse, then verify the chain the way the format documents it.
doc = json.loads((folder / "drill.json").read_text(encoding="utf-8"))
inc = doc["incident"]
record = {
    "checklist_id": inc["checklist"]["id"],
    "checklist_revision": inc["checklist"]["revision"],
    "checklist_sha256": inc["checklist"]["sha256"],
    "commander": inc["commander"],
    "declared_utc_ms": inc["declared_utc_ms"],
    "mode": inc["mode"],
    "title": inc["title"],
    "uuid": inc["uuid"],
    "variables": inc["variables"],
}
prev = sha256(canonical(record))
check(prev == doc["chain"]["genesis_hash"], "genesis hash differs from the Python computation")
check(hashlib.sha256(inc["checklist"]["source"].encode("utf-8")).hexdigest() == inc["checklist"]["sha256"],
      "checklist source does not match its sha256")
for e in doc["events"]:
    check(e["prev_hash"] == prev, f"event {e['seq']}: prev_hash does not link")
    if not e.get("omitted"):
        content = {k: e[k] for k in ("actor", "elapsed_ms", "item", "kind", "payload", "seq", "step", "utc_ms")}
        content["incident"] = inc["uuid"]
        content["prev"] = prev
        check(sha256(canonical(content)) == e["hash"], f"event {e['seq']}: hash differs from Python's")
    prev = e["hash"]
check(prev == doc["chain"]["head_hash"], "head hash differs")
check(len(doc["events"]) == doc["chain"]["event_count"], "event count differs")
check(inc["mode"] == "drill", "mode is not drill")


# HTML: a real parser, and nothing that would load from elsewhere.
class Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.external = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value and "://" in value:
                self.external.append(value)
        if tag in ("link", "script", "iframe", "img"):
            self.external.append(tag)

    def handle_data(self, data):
        self.text.append(data)


for name, want_svg in (("drill.html", True), ("drill-chart.html", True)):
    p = Collector()
    p.feed((folder / name).read_text(encoding="utf-8"))
    p.close()
    text = " ".join(p.text)
    check(not p.external, f"{name} loads external assets: {p.external}")
    # incident facts, key moments, action items, timeline, steps planned against actual, actions
    # and checks, and the room's: roles held, command periods, go/no-go polls
    check(p.tags.count("table") == 9, f"{name} has {p.tags.count('table')} tables, expected 9")
    check("DRILL" in text, f"{name} does not say DRILL")
    check(("svg" in p.tags) == want_svg, f"{name}: svg present is {'svg' in p.tags}")
    for heading in ("Summary", "Impact", "Root causes", "Trigger", "Resolution", "Detection",
                    "Action items", "Lessons learned", "Timeline"):
        check(heading in text, f"{name} lacks the heading {heading}")

print("\n".join(problems))
print(f"{0 if problems else 1} passed, {1 if problems else 0} failed")
sys.exit(1 if problems else 0)
