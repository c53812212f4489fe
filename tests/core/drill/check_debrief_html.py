#!/usr/bin/python3
"""Reads a debrief as HTML with python's html.parser (the debrief's own HTML, or what pandoc made
of its Markdown) and fails, saying why, unless it is well-formed and says what it was given:
every element closed in order, no element that text could have smuggled in (script, img, a,
iframe...), every table row as wide as its header, the number of headings and tables expected,
and every needle (a JSON list of strings) present as text, whitespace folded."""
import html.parser
import json
import re
import sys

VOID = {"meta", "br", "hr", "img", "input", "link", "col"}
SMUGGLED = {"script", "img", "a", "iframe", "object", "embed", "form", "input", "b", "i",
            "strong", "em", "code", "blockquote", "ol", "pre", "h3"}


class Reader(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.text = [], [], []
        self.headings = self.tables = 0
        self.widths = []  # per table, the cells of each row
        self.in_svg = 0

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self.in_svg += 1
        if not self.in_svg and tag in SMUGGLED:
            self.errors.append(f"a <{tag}> element at line {self.getpos()[0]}")
        if tag in ("h1", "h2"):
            self.headings += 1
        if tag == "table":
            self.tables += 1
            self.widths.append([])
        if tag == "tr" and self.widths:
            self.widths[-1].append(0)
        if tag in ("td", "th") and self.widths and self.widths[-1]:
            self.widths[-1][-1] += 1
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass  # <path/> in the SVG

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> at line {self.getpos()[0]} closes "
                               f"<{self.stack[-1] if self.stack else 'nothing'}>")
            return
        self.stack.pop()
        if tag == "svg":
            self.in_svg -= 1

    def handle_data(self, data):
        if not self.in_svg:
            self.text.append(data)


def main():
    path, needles_path, headings, tables = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    r = Reader()
    r.feed(open(path, encoding="utf-8").read())
    r.close()
    if r.stack:
        r.errors.append("left open: " + " ".join(r.stack))
    if r.headings != headings:
        r.errors.append(f"{r.headings} headings (h1, h2), expected {headings}")
    if r.tables != tables:
        r.errors.append(f"{r.tables} tables, expected {tables}")
    for n, rows in enumerate(r.widths):
        if len(set(rows)) > 1:
            r.errors.append(f"table {n + 1}: rows of {sorted(set(rows))} cells")
    # The zero-width spaces the debrief puts into long words, so that they can wrap, aside.
    text = re.sub(r"\s+", " ", "".join(r.text).replace("\u200b", ""))
    for needle in json.load(open(needles_path, encoding="utf-8")):
        if re.sub(r"\s+", " ", needle) not in text:
            r.errors.append(f"missing text: {needle[:80]!r}")
    for e in r.errors:
        print("FAIL", e)
    print(f"{len(r.errors)} problems")
    return 1 if r.errors else 0


sys.exit(main())
