#!/usr/bin/env python3
"""docs_files.py - docs/architecture.md names every source file of core/,
abi/, drivers/ and plugins/, and only files that exist.  A name may cover a pair:
`core/util/buf.{c,h}`.  Exit 1 listing each file missing from the doc and
each file the doc names that the tree does not have."""
import os
import re
import sys

ROOTS = ("core", "abi", "drivers", "plugins")
SOURCE = re.compile(r"\.(c|h)$")
# A path under one of the roots (not inside a longer path such as
# tests/drivers/), with an optional {a,b} suffix group.
NAMED = re.compile(r"(?<![A-Za-z0-9_./-])((?:core|abi|drivers|plugins)/[A-Za-z0-9_./-]*?"
                   r"(?:\{[A-Za-z0-9_,]+\}|\.[ch]))(?![A-Za-z0-9_])")


def tree_files(top):
    found = set()
    for root in ROOTS:
        base = os.path.join(top, root)
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                if SOURCE.search(name):
                    rel = os.path.relpath(os.path.join(dirpath, name), top)
                    found.add(rel.replace(os.sep, "/"))
    return found


def expand(name):
    """`a/b.{c,h}` -> a/b.c, a/b.h; `a/b{.c,.h}` works too."""
    m = re.match(r"^(.*)\{([^}]*)\}$", name)
    if not m:
        return [name]
    return [m.group(1) + part for part in m.group(2).split(",")]


def doc_files(text):
    named = {}
    for n, line in enumerate(text.splitlines(), 1):
        for m in NAMED.finditer(line):
            for f in expand(m.group(1)):
                if SOURCE.search(f):
                    named.setdefault(f, n)
    return named


def main():
    top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    doc = os.path.join(top, "docs", "architecture.md")
    try:
        with open(doc, encoding="utf-8") as f:
            named = doc_files(f.read())
    except OSError as e:
        print("docs_files: %s: %s" % (doc, e.strerror), file=sys.stderr)
        return 1
    files = tree_files(top)
    bad = []
    for f in sorted(files - set(named)):
        bad.append("%s is not named in docs/architecture.md (add its row "
                   "to section 4)" % f)
    for f in sorted(set(named) - files):
        bad.append("docs/architecture.md:%d names %s, which does not exist"
                   % (named[f], f))
    for b in bad:
        print("docs_files: " + b, file=sys.stderr)
    if not bad:
        print("docs_files: docs/architecture.md names all %d source files "
              "of %s" % (len(files), ", ".join(r + "/" for r in ROOTS)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
