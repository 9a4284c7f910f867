#!/usr/bin/env python3
"""run_real.py - real projects' migration folders (tests/adopt/third_party,
named in tests/adopt/SOURCES.md) run unchanged on every dialect they ship
files for: one migration at a time through the engine's own client, in
the tool's order, and through `strata upgrade +1`, the catalogs compared
after each file; then down file by file where the folder has downs.

  tests/adopt/run_real.py --dialect sqlite|postgres|mysql [--strata PATH]
      [--work DIR] [-v]"""
import argparse
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fidelity"))
sys.path.insert(0, HERE)
import compare  # noqa: E402
import layouts_more  # noqa: E402
import run as fidelity  # noqa: E402
import run_layouts  # noqa: E402

# folder under third_party/: (tool, the dialect its files are written for)
PROJECTS = {
    "umami-postgresql": ("prisma", "postgres"),
    "ai-chatbot": ("drizzle", "postgres"),
    "actix-jwt": ("diesel", "postgres"),
    "atuin-client": ("sqlx", "sqlite"),
    "atuin-server-postgres": ("sqlx", "postgres"),
}


def sqlx(folder, dialect):
    """sqlx's simple form: <version>_<name>.sql by version, no downs."""
    out = []
    for n in os.listdir(folder):
        v = n.split("_")[0]
        if n.endswith(".sql") and v.isdigit():
            with open(os.path.join(folder, n)) as f:
                out.append((int(v), f.read(), None))
    return [(str(v), up, down) for v, up, down in sorted(out)]


TOOLS = dict(layouts_more.TOOLS, sqlx=sqlx)


def run_project(args, eng, name, tool, problems):
    d = eng.dialect
    folder = os.path.join(HERE, "third_party", name)
    migs = TOOLS[tool](folder, d)
    cdb, sdb = eng.fresh("real_" + name.replace("-", "_"))
    work = tempfile.mkdtemp(dir=eng.work)

    def step(verb, i, rev, text):
        eng.run_file(cdb, run_layouts.client_file(eng, work, f"{i}.{verb}",
                                                  text))
        rc, _, err = run_layouts.strata(args, eng, sdb, folder, tool,
                                        *(("upgrade", "+1") if verb == "up"
                                          else ("downgrade", "-1")))
        if rc != 0:
            problems.append(f"{name}/{d} {verb} {rev}: exit {rc}: "
                            f"{err.strip()}")
            return False
        for x in compare.diff(*eng.catalogs(cdb, sdb)):
            problems.append(f"{name}/{d} {verb} {rev}: {x.text()}")
        return True

    for i, (rev, up, _) in enumerate(migs):
        if not step("up", i, rev, up):
            return
    for i, (rev, _, down) in reversed(list(enumerate(migs))):
        if down is None or not step("down", i, rev, down):
            break
    if args.v:
        print(f"{name}/{d}: {len(migs)} migrations, catalogs equal file by "
              "file")
    eng.drop((cdb, sdb))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dialect", required=True,
                    choices=["sqlite", "postgres", "mysql"])
    ap.add_argument("--strata", default=os.environ.get("STRATA",
                                                       "build/strata"))
    ap.add_argument("--work")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    args.strata = os.path.abspath(args.strata)
    work = args.work or tempfile.mkdtemp(prefix="strata-real-")
    os.makedirs(work, exist_ok=True)
    eng = fidelity.Engine(args.dialect, work)
    problems, n = [], 0
    try:
        for name, (tool, dialect) in sorted(PROJECTS.items()):
            if dialect == args.dialect:
                run_project(args, eng, name, tool, problems)
                n += 1
    finally:
        eng.finish(False)
    for p in problems:
        print(p)
    print(f"run_real: {args.dialect}: {n} projects, {len(problems)} "
          "problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
