#!/usr/bin/env python3
"""run_layouts.py - each fixture folder of tests/adopt/layouts/<tool>/
<dialect>/ (written in another tool's layout) applied twice on fresh
databases of one engine: file by file through the engine's own client,
in the tool's order, and through `strata upgrade`; the catalogs must be
equal.  Then both go down to base (the tool's down files in reverse
order; Flyway never undoes a repeatable) and are compared again.  The
comparison is tests/fidelity's (catalog.py, compare.py).

  tests/adopt/run_layouts.py --dialect sqlite|postgres|mysql
      [--layout GLOB] [--strata PATH] [--work DIR] [-v]

PostgreSQL and MariaDB come from STRATA_TEST_PG_URL and
STRATA_TEST_MYSQL_URL (tests/servers.sh)."""
import argparse
import fnmatch
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fidelity"))
import compare  # noqa: E402
import run as fidelity  # noqa: E402
import layouts_more  # noqa: E402


# --- each tool's order and texts, as the tool itself reads its folder ----

def _num(s):
    return int(s)


def golang_migrate(folder):
    """<version>_<title>.up.sql / .down.sql, by version as a number."""
    migs = {}
    for n in os.listdir(folder):
        m = re.match(r"^(\d+)_(.*)\.(up|down)\.sql$", n)
        if m:
            migs.setdefault(m.group(1), {})[m.group(3)] = _read(folder, n)
    return [(v, t["up"], t.get("down")) for v, t in
            sorted(migs.items(), key=lambda kv: _num(kv[0]))]


sqlx = golang_migrate  # the reversible form: the same pairs


def dbmate(folder):
    """<version>_<name>.sql, by file name; the blocks between markers."""
    out = []
    for n in sorted(os.listdir(folder)):
        m = re.match(r"^(\d+).*\.sql$", n)
        if not m:
            continue
        text = _read(folder, n)
        up = re.search(r"(?m)^-- migrate:up.*\n", text)
        down = re.search(r"(?m)^-- migrate:down.*\n", text)
        out.append((m.group(1), text[up.end():down.start() if down else None],
                    text[down.end():] if down else None))
    return out


def goose(folder):
    """<version>_<name>.sql by version; Up and Down sections."""
    out = []
    for n in os.listdir(folder):
        m = re.match(r"^(\d+)_.*\.sql$", n)
        if not m:
            continue
        text = _read(folder, n)
        up = re.search(r"(?m)^-- \+goose Up\s*\n", text)
        down = re.search(r"(?m)^-- \+goose Down\s*\n", text)
        out.append((m.group(1), text[up.end():down.start() if down else None],
                    text[down.end():] if down else None))
    return sorted(out, key=lambda t: _num(t[0]))


def flyway(folder):
    """V by version (part by part), U their undo; R__ after them, never
    undone."""
    def key(v):
        parts = [int(p) for p in re.split(r"[._]", v)]
        while parts and parts[-1] == 0:
            parts.pop()
        return parts
    vs, us, rs = {}, {}, []
    for n in os.listdir(folder):
        m = re.match(r"^([VU])([\d._]+?)__.*\.sql$", n)
        if m:
            (vs if m.group(1) == "V" else us)[m.group(2)] = _read(folder, n)
        elif re.match(r"^R__.+\.sql$", n):
            rs.append((n[:-4], _read(folder, n), ""))
    out = [(v, vs[v], us.get(v)) for v in sorted(vs, key=key)]
    return out + sorted(rs)


TOOLS = {"golang-migrate": golang_migrate, "dbmate": dbmate,
         "goose": goose, "flyway": flyway, "sqlx": sqlx}
# Layouts auto cannot tell from another one: strata is told.
FORMAT = {"sqlx": "sqlx"}


def _read(folder, name):
    with open(os.path.join(folder, name)) as f:
        return f.read()


# --- one folder ------------------------------------------------------------

def client_file(eng, work, tag, text):
    """The text as the tool hands it to the engine: MariaDB gets the
    whole file in one multi-statement request (golang-migrate, dbmate,
    sqlx send it so), through a delimiter that never occurs."""
    path = os.path.join(work, tag + ".sql")
    with open(path, "w") as f:
        if eng.dialect == "mysql":
            f.write("DELIMITER %%%%\n" + text + "\n%%%%\n")
        else:
            f.write(text + "\n")
    return path


def strata(args, eng, db, folder, tool, *verb):
    cmd = [args.strata, "--url", eng.url(db), "--migrations", folder,
           "--allow-locking"] + list(verb)
    if tool in FORMAT:
        cmd[1:1] = ["--format", FORMAT[tool]]
    p = subprocess.run(cmd, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def run_folder(args, eng, tool, folder, problems):
    d = eng.dialect
    migs = TOOLS[tool](folder) if tool in TOOLS \
        else layouts_more.TOOLS[tool](folder, d)
    cdb, sdb = eng.fresh(f"ad_{tool}")
    work = tempfile.mkdtemp(dir=eng.work)
    where = f"{tool}/{d}"

    def diff(step):
        for x in compare.diff(*eng.catalogs(cdb, sdb)):
            problems.append(f"{where} {step}: {x.text()}")

    for i, (rev, up, _) in enumerate(migs):
        eng.run_file(cdb, client_file(eng, work, f"{i}.up", up))
    rc, out, err = strata(args, eng, sdb, folder, tool, "upgrade")
    if rc != 0:
        problems.append(f"{where} upgrade: exit {rc}: {err.strip()}")
        return
    if tool not in FORMAT and f"read as a {tool} folder" not in err:
        problems.append(f"{where}: format = auto did not name {tool}: "
                        f"{err.strip()}")
    if len(migs) < 10:
        problems.append(f"{where}: {len(migs)} migrations, fewer than 10")
    diff("up")
    if all(down is None for _, _, down in migs):
        if args.v:
            print(f"{where}: {len(migs)} migrations up (no downs), "
                  "catalogs equal")
        eng.drop((cdb, sdb))
        return  # a layout without downs (Drizzle, Prisma)
    downs = [(rev, down) for rev, _, down in migs if down is not None]
    for i, (rev, down) in reversed(list(enumerate(downs))):
        eng.run_file(cdb, client_file(eng, work, f"{i}.down", down))
    rc, out, err = strata(args, eng, sdb, folder, tool, "downgrade", "base")
    if rc != 0:
        problems.append(f"{where} downgrade: exit {rc}: {err.strip()}")
        return
    diff("down")
    if args.v:
        print(f"{where}: {len(migs)} migrations up and down, catalogs equal")
    eng.drop((cdb, sdb))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dialect", required=True,
                    choices=["sqlite", "postgres", "mysql"])
    ap.add_argument("--layout", default="*")
    ap.add_argument("--strata", default=os.environ.get("STRATA",
                                                       "build/strata"))
    ap.add_argument("--work")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    args.strata = os.path.abspath(args.strata)
    work = args.work or tempfile.mkdtemp(prefix="strata-adopt-")
    os.makedirs(work, exist_ok=True)
    eng = fidelity.Engine(args.dialect, work)
    problems, n = [], 0
    root = os.path.join(HERE, "layouts")
    try:
        for tool in sorted(os.listdir(root)):
            folder = layouts_more.folder(root, tool, args.dialect)
            if (tool in TOOLS or tool in layouts_more.TOOLS) and fnmatch.fnmatchcase(tool, args.layout) \
                    and os.path.isdir(folder):
                run_folder(args, eng, tool, folder, problems)
                n += 1
    finally:
        eng.finish(False)
    for p in problems:
        print(p)
    print(f"run_layouts: {args.dialect}: {n} layouts, "
          f"{len(problems)} problems")
    return 1 if problems or not n else 0


if __name__ == "__main__":
    sys.exit(main())
