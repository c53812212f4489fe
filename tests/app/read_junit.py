#!/usr/bin/python3
"""Reads a JUnit report of `warroom drill` with programs we did not write.

xmllint (libxml2) validates it against Jenkins' junit-10.xsd (tests/data/junit/), then Python's
xml.etree reads it, and this prints one line per suite and test case, which tst_drill compares:
    suite NAME tests=N failures=N errors=N skipped=N incident=ID database=PATH
    case NAME time=SECONDS passed|failed|skipped|error[: MESSAGE]
Exit status 1 when the file does not validate or cannot be read."""
import subprocess
import sys
import xml.etree.ElementTree as ET

report, xsd = sys.argv[1:3]
check = subprocess.run(["xmllint", "--noout", "--schema", xsd, report],
                       capture_output=True, text=True)
if check.returncode != 0:
    print(f"INVALID {check.stderr.strip()}")
    sys.exit(1)
root = ET.parse(report).getroot()
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
for suite in suites:
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    print(f"suite {suite.get('name')} tests={suite.get('tests')} failures={suite.get('failures')} "
          f"errors={suite.get('errors')} skipped={suite.get('skipped')} "
          f"incident={props.get('incident.id')} database={props.get('database')}")
    for case in suite.findall("testcase"):
        float(case.get("time"))  # a duration every CI can read
        verdict = "passed"
        for kind in ("failure", "error", "skipped"):
            element = case.find(kind)
            if element is not None:
                verdict = {"failure": "failed", "error": "error", "skipped": "skipped"}[kind]
                verdict += f": {element.get('message')}"
                break
        print(f"case {case.get('name')} time={case.get('time')} {verdict}")
