#!/usr/bin/env python3
"""import.py - convert a public project's per-dialect migration folder
into a chain of strata files (one file per version, each dialect's file
as a dialect section), as the corpus's real chains were made:

  import.py LAYOUT GITDIR COMMIT FOLDER OUT [--first N] [--dialect D]

LAYOUT popx: FOLDER/<version>_<name>[.<dialect>].<up|down>.sql (ory's
  popx/fizz); a version's dialect file wins over its generic one, as popx
  runs them, so the generic text becomes the section of every dialect
  without its own file (or a generic section when none has one).
LAYOUT dirs: FOLDER/<dialect>/<version><sep><name>.<up|down>.sql
  (golang-migrate style, one folder per dialect).
Dialect names sqlite3/sqlite, postgres/postgresql, mysql; others
(cockroach) are left out. An empty file is kept as an empty section: it
runs nothing on either side. --dialect keeps one dialect only."""
import argparse
import os
import re
import subprocess

DIALECT = {"sqlite3": "sqlite", "sqlite": "sqlite", "postgres": "postgres",
           "postgresql": "postgres", "mysql": "mysql"}
ORDER = ["sqlite", "postgres", "mysql"]


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir] + list(args),
                          capture_output=True, text=True, check=True).stdout


def files(gitdir, commit, folder):
    out = git(gitdir, "ls-tree", "-r", "--name-only", commit, folder + "/")
    return [f for f in out.split("\n") if f.endswith(".sql")]


def parse(layout, folder, path):
    rel = path[len(folder) + 1:]
    if layout == "popx":
        m = re.fullmatch(r"(\d+)_([^.]+)(?:\.([a-z0-9]+))?\.(up|down)\.sql", rel)
        if not m or (m.group(3) and m.group(3) not in DIALECT):
            return None
        return m.group(1), m.group(2), DIALECT.get(m.group(3)), m.group(4)
    m = re.fullmatch(r"([a-z0-9]+)/([A-Za-z]?\d+)[._]+([^/]*?)\.(up|down)\.sql",
                     rel)
    if not m or m.group(1) not in DIALECT:
        return None
    # the name is part of the version: one folder may reuse a number
    return (m.group(2) + "_" + m.group(3))[:64], m.group(3), \
        DIALECT[m.group(1)], m.group(4)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("layout", choices=["popx", "dirs"])
    ap.add_argument("gitdir")
    ap.add_argument("commit")
    ap.add_argument("folder")
    ap.add_argument("out")
    ap.add_argument("--first", type=int)
    ap.add_argument("--dialect")
    ap.add_argument("--repo", default="")
    a = ap.parse_args()
    versions = {}
    for f in files(a.gitdir, a.commit, a.folder):
        p = parse(a.layout, a.folder, f)
        if not p:
            continue
        ver, name, dia, direction = p
        if a.dialect and dia not in (None, a.dialect):
            continue
        v = versions.setdefault(ver, {"name": name, "parts": {}})
        v["parts"][(dia, direction)] = (f, git(a.gitdir, "show",
                                               f"{a.commit}:{f}"))
    order = sorted(versions)[:a.first] if a.first else sorted(versions)
    os.makedirs(a.out, exist_ok=True)
    prev = "base"
    for ver in order:
        v = versions[ver]
        parts = v["parts"]
        dialects = [d for d in ORDER if any(k[0] == d for k in parts)]
        sources = sorted({f for f, _ in parts.values()})
        lines = [f"-- revision: {ver}", f"-- revises: {prev}",
                 f"-- message: {v['name']}"]
        lines += [f"-- from {a.repo} {a.commit[:12]} {s}" for s in sources]
        lines.append("")
        if not dialects:  # generic files only
            for direction in ("up", "down"):
                if (None, direction) in parts:
                    lines += [f"-- +{direction}",
                              parts[(None, direction)][1].rstrip("\n"), ""]
        else:
            targets = ORDER if a.layout == "popx" else dialects
            if a.dialect:
                targets = [a.dialect]
            for d in targets:
                for direction in ("up", "down"):
                    part = parts.get((d, direction)) or parts.get((None, direction))
                    if part is None:
                        continue
                    lines += [f"-- +{direction} {d}", part[1].rstrip("\n"), ""]
        name = ver if a.layout == "dirs" else f"{ver}_{v['name']}"
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", name)[:80]
        with open(os.path.join(a.out, name + ".sql"), "w") as fh:
            fh.write("\n".join(lines).rstrip("\n") + "\n")
        prev = ver


if __name__ == "__main__":
    main()
