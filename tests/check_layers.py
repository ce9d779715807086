#!/usr/bin/env python3
"""The layer test (issue #13): every #include "x.h" in libsi/ must name a
header of the including file's own folder, of a folder libsi/layers.txt lets
it use, or a public header (include/).  Fails on any other edge, on a header
name found in two folders (the include path could not tell them apart), on a
header found nowhere, and on a source folder that layers.txt does not list.

    check_layers.py SOURCE-ROOT [--pretend FILE:HEADER]...

--pretend adds an #include line to FILE (relative to libsi/) for the test
that shows the check can fail.
"""
import os
import re
import sys

# Headers generated at build time into a folder's build directory (on that
# folder's include path): the schema tables of data/schemas and the step
# descriptors of data/steps (libsi/calc/meson.build).
GENERATED = {'schema_tables.h': 'calc', 'step_tables.h': 'calc'}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
EXTERN_SCHEME = re.compile(r'^\s*extern\s+const\s+lsi_scheme\b')


def read_layers(path):
    allowed = {}
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.split('#', 1)[0].strip()
            if not line:
                continue
            if ':' not in line:
                sys.exit(f'{path}:{n}: expected "folder: folders it may include"')
            folder, below = line.split(':', 1)
            allowed[folder.strip()] = set(below.split())
    return allowed


def sources(libsi):
    for dirpath, _, names in os.walk(libsi):
        for name in sorted(names):
            if name.endswith(('.c', '.h')):
                path = os.path.join(dirpath, name)
                yield os.path.relpath(path, libsi).replace(os.sep, '/')


def header_homes(files, public_root):
    homes = {}
    for rel in files:
        if rel.endswith('.h'):
            homes.setdefault(os.path.basename(rel), []).append(os.path.dirname(rel))
    for dirpath, _, names in os.walk(public_root):
        for name in names:
            rel = os.path.relpath(os.path.join(dirpath, name), public_root)
            homes.setdefault(rel.replace(os.sep, '/'), []).append('(public)')
    for name, folder in GENERATED.items():
        homes.setdefault(name, []).append(folder)
    return homes


def includes(libsi, rel, pretend):
    with open(os.path.join(libsi, rel), encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            m = INCLUDE.match(line)
            if m:
                yield n, m.group(1)
            elif rel.endswith('.c') and EXTERN_SCHEME.match(line):
                yield n, None
    for n, header in pretend.get(rel, []):
        yield n, header


def check(root, pretend):
    libsi = os.path.join(root, 'libsi')
    allowed = read_layers(os.path.join(libsi, 'layers.txt'))
    files = list(sources(libsi))
    homes = header_homes(files, os.path.join(root, 'include'))
    errors = []
    for name, where in sorted(homes.items()):
        if len(where) > 1:
            errors.append(f'header {name} is in {" and ".join(where)}: ambiguous')
    edges = set()
    for rel in files:
        folder = os.path.dirname(rel)
        if folder not in allowed:
            errors.append(f'libsi/{rel}: folder {folder} is not in libsi/layers.txt')
            continue
        for n, header in includes(libsi, rel, pretend):
            if header is None:
                errors.append(f'libsi/{rel}:{n}: a scheme declared extern in a .c file; '
                              'include its folder\'s header instead')
                continue
            if header == 'libsi.h' or header.startswith('libsi/'):
                continue  # public (include/, or generated in the build tree)
            where = homes.get(header, [])
            if not where:
                errors.append(f'libsi/{rel}:{n}: "{header}" is no header of libsi/ or include/')
                continue
            home = where[0]
            if home in ('(public)', folder):
                continue
            edges.add((folder, home))
            if home not in allowed[folder]:
                errors.append(f'libsi/{rel}:{n}: {folder} may not include {home}/{header} '
                              f'(libsi/layers.txt: {folder} uses {" ".join(sorted(allowed[folder])) or "nothing"})')
    return errors, edges


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    pretend = {}
    args = argv[2:]
    while args:
        if args[0] != '--pretend' or len(args) < 2 or ':' not in args[1]:
            sys.exit(__doc__)
        rel, header = args[1].split(':', 1)
        pretend.setdefault(rel, []).append((0, header))
        args = args[2:]
    errors, edges = check(argv[1], pretend)
    for e in errors:
        print('layers:', e)
    print(f'layers: {len(edges)} folder edges used, {len(errors)} not allowed')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
