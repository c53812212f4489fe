#!/usr/bin/env python3
"""The layering rule, enforced: every #include in models/, ui/ and app/ must be allowed by the
dependency table in README.md ("How it is built"), the one place the rule is written down.

Quoted includes are resolved the way the compiler does (the including file's folder, then the
include roots: models/, and the top folder for "ui/...") and mapped to the folder that holds
them; angle-bracket includes of the libraries the table names (SQLite, libcurl, OpenSSL,
nlohmann_json, libpq, Qt Widgets, Qt Network, Qt HTTP Server) must be allowed in that folder's
row too.

Exit status: 0 when every include is allowed, 1 with one line per violation
("file:line: ..."), 2 when the table or the tree cannot be read."""

import argparse
import os
import re
import sys

TABLE_START = '<!-- layering-table -->'
TABLE_END = '<!-- /layering-table -->'

# Library names as the table writes them -> how their headers are recognised. Qt modules are
# recognised by the module's folder under the Qt include root (<QWidget> is QtWidgets/QWidget).
LIBRARIES = {
    'SQLite': {'prefixes': ['sqlite3.h']},
    'libcurl': {'prefixes': ['curl/']},
    'OpenSSL': {'prefixes': ['openssl/']},
    'nlohmann_json': {'prefixes': ['nlohmann/']},
    'libpq': {'prefixes': ['libpq-fe.h', 'postgresql/']},
    'Qt Widgets': {'qt': ['QtWidgets', 'QtCharts', 'QtSvgWidgets', 'QtOpenGLWidgets']},
    'Qt Network': {'qt': ['QtNetwork']},
    'Qt HTTP Server': {'qt': ['QtHttpServer']},
}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


class TableError(Exception):
    pass


def unit_name(cell):
    """`models/engine/` -> engine, `ui/` -> ui: core folders are named without models/."""
    name = cell.strip().strip('`').strip()
    if name.startswith('models/'):
        name = name[len('models/'):]
    return name.rstrip('/')


def names(cell):
    cell = cell.strip()
    if cell in ('', '—', '-', 'nothing'):
        return set()
    return {n.strip().strip('`').strip().rstrip('/') for n in cell.split(',') if n.strip()}


def read_table(readme):
    try:
        text = open(readme, encoding='utf-8').read()
    except OSError as e:
        raise TableError(f'{readme}: cannot read: {e.strerror}')
    start, end = text.find(TABLE_START), text.find(TABLE_END)
    if start < 0 or end < start:
        raise TableError(f'{readme}: no dependency table between {TABLE_START} and {TABLE_END}')
    first_line = text.count('\n', 0, start) + 1
    table = {}
    for offset, line in enumerate(text[start:end].splitlines()):
        cells = [c for c in line.strip().strip('|').split('|')]
        if not line.strip().startswith('|') or len(cells) < 3 or set(cells[0].strip()) <= set('-: '):
            continue
        unit = unit_name(cells[0])
        if unit in ('folder', ''):
            continue
        libs = names(cells[2])
        unknown = libs - set(LIBRARIES)
        if unknown:
            raise TableError(f'{readme}:{first_line + offset}: unknown library '
                             f'{", ".join(sorted(unknown))} (known: {", ".join(LIBRARIES)})')
        table[unit] = {'uses': names(cells[1]), 'libs': libs, 'line': first_line + offset}
    if not table:
        raise TableError(f'{readme}: the dependency table has no rows')
    for unit, row in table.items():
        for used in row['uses']:
            if used not in table:
                raise TableError(f'{readme}:{row["line"]}: {unit} may include "{used}", '
                                 'which has no row of its own')
    return table


def unit_of(path, root, table):
    """The table row a file belongs to: the longest row naming one of its folders."""
    rel = os.path.relpath(path, root).replace(os.sep, '/')
    top, _, rest = rel.partition('/')
    if top == 'models':
        folder = os.path.dirname(rest)
        while folder:
            if folder in table:
                return folder
            folder = os.path.dirname(folder)
        return None
    return top if top in table else None


def qt_modules(qt_root):
    """Header name -> Qt module folder, for the modules the table restricts."""
    owner = {}
    wanted = {m for lib in LIBRARIES.values() for m in lib.get('qt', [])}
    for module in sorted(wanted):
        d = os.path.join(qt_root, module)
        if os.path.isdir(d):
            for f in os.listdir(d):
                owner.setdefault(f, module)
    return owner


def library_of(header, qt_owner):
    for name, lib in LIBRARIES.items():
        if any(header == p or header.startswith(p) for p in lib.get('prefixes', [])):
            return name
        module = header.split('/')[0] if '/' in header else qt_owner.get(header)
        if module in lib.get('qt', []):
            return name
    return None


def check(root, table, qt_owner):
    violations = []
    folders_seen = set()
    include_roots = [os.path.join(root, 'models'), root]
    for top in ('models', 'ui', 'app'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for f in sorted(filenames):
                if not f.endswith(('.h', '.cpp')):
                    continue
                path = os.path.join(dirpath, f)
                rel = os.path.relpath(path, root)
                unit = unit_of(path, root, table)
                if unit is None:
                    violations.append(f'{rel}:1: its folder has no row in README\'s dependency '
                                      'table: add one saying what it may include')
                    continue
                folders_seen.add(unit)
                row = table[unit]
                if not os.path.isfile(path):  # a FIFO named like a source would block the read
                    violations.append(f'{rel}:1: not a regular file')
                    continue
                try:
                    lines = open(path, encoding='utf-8').read().splitlines()
                except (OSError, UnicodeDecodeError) as e:
                    violations.append(f'{rel}:1: cannot read: {e}')
                    continue
                for n, line in enumerate(lines, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    kind, header = m.groups()
                    if header.endswith('.moc') or re.match(r'(moc|ui)_\w+\.(cpp|h)$', header):
                        continue  # generated by AUTOMOC/AUTOUIC into the build folder
                    ours = None
                    for base in ([dirpath] if kind == '"' else []) + include_roots:
                        candidate = os.path.normpath(os.path.join(base, header))
                        if os.path.isfile(candidate):
                            ours = candidate
                            break
                    if kind == '<':
                        if ours is not None:
                            violations.append(f'{rel}:{n}: <{header}> is a header of ours: '
                                              'include it with quotes, so this check sees it')
                            continue
                        lib = library_of(header, qt_owner)
                        if lib and lib not in row['libs']:
                            violations.append(f'{rel}:{n}: {unit} may not use {lib} (<{header}>); '
                                              'README\'s table does not list it for this folder')
                        continue
                    if ours is None:
                        violations.append(f'{rel}:{n}: "{header}" is not a file of ours '
                                          '(quoted includes are for our own headers)')
                        continue
                    used = unit_of(ours, root, table)
                    if used is None:
                        violations.append(f'{rel}:{n}: "{header}" is outside the folders '
                                          'README\'s table lays out')
                        continue
                    if used == unit or used in row['uses']:
                        continue
                    allowed = ', '.join(sorted(row['uses'])) or 'nothing'
                    violations.append(f'{rel}:{n}: {unit} may not include {used} '
                                      f'("{header}"); README\'s table allows: {allowed}')
    return violations


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--root', required=True, help='the source tree (models/, ui/, app/)')
    p.add_argument('--readme', required=True, help='the README holding the dependency table')
    p.add_argument('--qt-include-root', default='', help='the folder holding QtCore/, QtWidgets/')
    a = p.parse_args()
    try:
        table = read_table(a.readme)
    except TableError as e:
        print(f'check_layering: {e}', file=sys.stderr)
        return 2
    if not os.path.isdir(os.path.join(a.root, 'models')):
        print(f'check_layering: {a.root}: no models/ folder', file=sys.stderr)
        return 2
    qt_owner = qt_modules(a.qt_include_root) if a.qt_include_root else {}
    violations = check(a.root, table, qt_owner)
    for v in violations:
        print(v)
    if violations:
        print(f'check_layering: {len(violations)} include(s) break the layering', file=sys.stderr)
        return 1
    print(f'check_layering: every include follows README\'s table ({len(table)} folders)')
    return 0


if __name__ == '__main__':
    sys.exit(main())
