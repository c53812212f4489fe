#!/usr/bin/env python3
"""The source rules README's "How it is built" states, enforced on models/, ui/, app/ and tests/:

- no source file over 500 lines, and MainWindow.cpp under 300 (the window only assembles);
- every header starts its code with #pragma once and has no `using namespace`;
- no C library header (SQLite, libcurl, OpenSSL, libpq) in a header, and nlohmann_json only in a
  header that says it is internal to the core;
- no merge conflict markers left in README.md, a CMakeLists.txt or a source (a README row kept
  both sides of a merge for a day, unnoticed: only a compiler reads sources);
- no connect() without a context object: Qt 6.7's QT_NO_CONTEXTLESS_CONNECT (set in
  warroom_settings) turns it into a compile error, but Debian 12's Qt 6.4 ignores the macro, so
  this check does its work until then.

Exit status: 0 when every rule holds, 1 with one line per breach ("file:line: ..."), 2 when the
tree cannot be read."""

import argparse
import os
import re
import sys

MAX_LINES = 500
MAX_MAIN_WINDOW_LINES = 300
C_HEADERS = re.compile(r'^\s*#\s*include\s*[<"](sqlite3\.h|curl/|openssl/|libpq-fe\.h|postgresql/)')
NLOHMANN = re.compile(r'^\s*#\s*include\s*[<"]nlohmann/')
USING_NAMESPACE = re.compile(r'^\s*using\s+namespace\b')
CONFLICT = re.compile(r'^(<<<<<<<|>>>>>>>)( |$)')


def conflict_markers(path, rel):
    try:
        lines = open(path, encoding='utf-8', errors='replace').read().splitlines()
    except OSError as e:
        yield f'{rel}:1: cannot read: {e}'
        return
    for n, line in enumerate(lines, 1):
        if CONFLICT.match(line):
            yield f'{rel}:{n}: a merge conflict marker: keep one side (or both, merged) and drop it'


def strip_comments_and_strings(text):
    """The code with comments and string/char literals blanked (newlines kept), so that the scan
    for connect() calls sees only code and line numbers stay right."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            out.append(' ' * (j - i))
            i = j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:j]))
            i = j
        elif c == 'R' and text.startswith('R"', i):
            m = re.match(r'R"([^(\s]*)\(', text[i:])
            if m:
                end = text.find(')' + m.group(1) + '"', i)
                j = n if end < 0 else end + len(m.group(1)) + 2
                out.append('""' + re.sub(r'[^\n]', ' ', text[i + 2:j]))
                i = j
                continue
            out.append(c)
            i += 1
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c and text[j] != '\n':
                j += 2 if text[j] == '\\' else 1
            out.append(c + ' ' * (min(j, n) - i - 1) + (c if j < n else ''))
            i = j + 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def call_arguments(code, open_paren):
    """The top-level arguments of the call whose '(' is at open_paren, or None if unbalanced."""
    depth, args, start = 0, [], open_paren + 1
    pairs = {'(': ')', '[': ']', '{': '}'}
    stack = []
    for i in range(open_paren, len(code)):
        c = code[i]
        if c in pairs:
            stack.append(pairs[c])
        elif c in ')]}':
            if not stack or stack.pop() != c:
                return None
            if not stack:
                args.append(code[start:i])
                return [a.strip() for a in args if a.strip()]
        elif c == ',' and len(stack) == 1:
            args.append(code[start:i])
            start = i + 1
    return None


# Also the member-call form (m_timer->connect(...)); not disconnect() or a definition of ours.
CONNECT = re.compile(r'(?<![\w:])(?:QObject::)?connect\s*\(')


def contextless_connects(code):
    for m in CONNECT.finditer(code):
        args = call_arguments(code, m.end() - 1)
        if args is None or len(args) != 3:
            continue
        if args[1].startswith('SIGNAL') or args[2].startswith('SLOT'):
            continue  # the string form: the receiver is this
        yield code.count('\n', 0, m.start()) + 1


def check_file(path, rel):
    if not os.path.isfile(path):  # a FIFO or device named like a source would block the read
        yield f'{rel}:1: not a regular file'
        return
    try:
        text = open(path, encoding='utf-8').read()
    except (OSError, UnicodeDecodeError) as e:
        yield f'{rel}:1: cannot read: {e}'
        return
    lines = text.splitlines()
    yield from conflict_markers(path, rel)
    if len(lines) > MAX_LINES:
        yield f'{rel}:{len(lines)}: {len(lines)} lines, over {MAX_LINES}: split it by responsibility'
    if os.path.basename(path) == 'MainWindow.cpp' and len(lines) >= MAX_MAIN_WINDOW_LINES:
        yield (f'{rel}:{len(lines)}: {len(lines)} lines; the main window only assembles '
               f'(under {MAX_MAIN_WINDOW_LINES})')
    if path.endswith('.h'):
        code_lines = [l for l in strip_comments_and_strings(text).splitlines() if l.strip()]
        if not code_lines or code_lines[0].strip() != '#pragma once':
            yield f'{rel}:1: a header starts its code with #pragma once'
        internal = 'Internal to' in text[:600]
        for n, line in enumerate(lines, 1):
            if USING_NAMESPACE.match(line):
                yield f'{rel}:{n}: `using namespace` in a header leaks into every includer'
            if C_HEADERS.match(line):
                yield f'{rel}:{n}: a C library header in a header: include it in the .cpp only'
            if NLOHMANN.match(line) and not internal:
                yield (f'{rel}:{n}: nlohmann_json in a header that does not say it is internal '
                       '("Internal to ..." in its opening comment)')
    for n in contextless_connects(strip_comments_and_strings(text)):
        yield (f'{rel}:{n}: connect() without a context object: the functor would outlive its '
               'receiver; pass the receiver (this) before it')


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--root', required=True, help='the source tree')
    a = p.parse_args()
    breaches, files = [], 0
    for top in ('models', 'ui', 'app', 'tests'):
        base = os.path.join(a.root, top)
        if not os.path.isdir(base):
            if top != 'tests':
                print(f'check_sources: {base}: no such folder', file=sys.stderr)
                return 2
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if d != 'data')
            for f in sorted(filenames):
                path = os.path.join(dirpath, f)
                if f.endswith(('.h', '.cpp')):
                    files += 1
                    breaches.extend(check_file(path, os.path.relpath(path, a.root)))
                elif f == 'CMakeLists.txt' and os.path.isfile(path):
                    files += 1
                    breaches.extend(conflict_markers(path, os.path.relpath(path, a.root)))
    for top_file in ('README.md', 'CMakeLists.txt'):
        path = os.path.join(a.root, top_file)
        if os.path.isfile(path):
            files += 1
            breaches.extend(conflict_markers(path, top_file))
    for b in breaches:
        print(b)
    if breaches:
        print(f'check_sources: {len(breaches)} breach(es) in {files} files', file=sys.stderr)
        return 1
    print(f'check_sources: {files} files follow the source rules')
    return 0


if __name__ == '__main__':
    sys.exit(main())
