#!/usr/bin/env python3
"""run.py - the differential fidelity suite: every chain under chains/
runs on two fresh databases of one engine, once through the engine's own
client file by file (sqlite3 -bail, psql -X -v ON_ERROR_STOP=1, mariadb)
and once through `strata upgrade`; the two catalogs must be equal. Then
both go down one migration at a time, compared after each step, as far
as the chain has downs. A difference fails unless ALLOWED.md or
PENDING.md lists it (docs/fidelity.md).

  tests/fidelity/run.py --dialect sqlite|postgres|mysql [--chain GLOB]
      [--strata PATH] [--work DIR] [--keep] [-v]

PostgreSQL and MariaDB come from STRATA_TEST_PG_URL and
STRATA_TEST_MYSQL_URL (tests/servers.sh)."""
import argparse
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlsplit, unquote as urlunquote

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import catalog  # noqa: E402
import compare  # noqa: E402
import sqltext  # noqa: E402


# A long chain is compared at about this many points each way.
CHECKPOINTS = 12


class ClientError(Exception):
    pass


class BrokenChain(Exception):
    """The engine's own client refuses the chain's up: fix the corpus."""


class Engine:
    """Fresh databases, the client, strata's URL and the catalog of one
    engine."""

    def __init__(self, dialect, work):
        self.dialect, self.work = dialect, work
        if dialect == "postgres":
            url = os.environ.get("STRATA_TEST_PG_URL")
            if not url:
                sys.exit("run.py: STRATA_TEST_PG_URL is not set")
            self.admin = url
            self.base = url.rsplit("/", 1)[0]
        elif dialect == "mysql":
            url = os.environ.get("STRATA_TEST_MYSQL_URL")
            if not url:
                sys.exit("run.py: STRATA_TEST_MYSQL_URL is not set")
            u = urlsplit(url)
            self.base = url.rsplit("/", 1)[0]
            self.client = ["mariadb", "--no-defaults",
                           "-u" + urlunquote(u.username or ""),
                           "-p" + urlunquote(u.password or ""),
                           "-h" + (u.hostname or "127.0.0.1"),
                           "-P" + str(u.port or 3306)]

    def fresh(self, tag):
        """Two new empty databases, the client's and strata's, as handles
        (paths or names). On PostgreSQL, where CREATE DATABASE costs a
        quarter of a second, one pair serves the whole run and each
        chain gets it back with an empty public schema."""
        if self.dialect == "postgres":
            pair = ("fid_client", "fid_strata")
            if not getattr(self, "made", False):
                _run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d",
                      self.admin]
                     + [a for db in pair for a in (
                         "-c", f"DROP DATABASE IF EXISTS {db}",
                         "-c", f"CREATE DATABASE {db}")])
                self.made = True
            else:
                for db in pair:
                    _run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d",
                          self.url(db), "-c", "DROP SCHEMA public CASCADE",
                          "-c", "CREATE SCHEMA public"])
            return pair
        names = [re.sub(r"[^a-z0-9_]", "_", f"{tag}_{s}".lower())[:60]
                 for s in ("c", "s")]
        if self.dialect == "sqlite":
            paths = [os.path.join(self.work, n + ".db") for n in names]
            for p in paths:
                if os.path.exists(p):
                    os.remove(p)
            return paths
        _run(self.client + ["-e", "; ".join(
            f"DROP DATABASE IF EXISTS {n}; CREATE DATABASE {n}"
            for n in names)])
        return names

    def drop(self, pair):
        if self.dialect == "sqlite":
            for p in pair:
                os.path.exists(p) and os.remove(p)
        elif self.dialect == "mysql":
            _run(self.client + ["-e", "; ".join(
                f"DROP DATABASE IF EXISTS {db}" for db in pair)])

    def finish(self, keep):
        """The end of the run: PostgreSQL's pair goes (unless kept)."""
        if self.dialect == "postgres" and getattr(self, "made", False) \
                and not keep:
            _run(["psql", "-X", "-q", "-d", self.admin, "-c",
                  "DROP DATABASE IF EXISTS fid_client",
                  "-c", "DROP DATABASE IF EXISTS fid_strata"])

    def url(self, db):
        if self.dialect == "sqlite":
            return "sqlite:///" + db
        return f"{self.base}/{db}"

    def run_file(self, db, path):
        """The engine's own client runs one file; ClientError on failure."""
        if self.dialect == "sqlite":
            cmd, stdin = ["sqlite3", "-bail", db], open(path)
        elif self.dialect == "postgres":
            cmd, stdin = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d",
                          self.url(db), "-f", path], None
        else:
            cmd, stdin = self.client + [db], open(path)
        p = subprocess.run(cmd, stdin=stdin, capture_output=True, text=True)
        if stdin:
            stdin.close()
        if p.returncode != 0 or (self.dialect == "sqlite" and "Error" in p.stderr):
            raise ClientError((p.stderr or p.stdout).strip())

    def catalogs(self, cdb, sdb):
        """Both databases' catalogs (one psql for both on PostgreSQL)."""
        if self.dialect == "sqlite":
            return catalog.sqlite_catalog(cdb), catalog.sqlite_catalog(sdb)
        if self.dialect == "postgres":
            return catalog.pg_catalogs([self.url(cdb), self.url(sdb)])
        return catalog.my_catalogs(self.client, [cdb, sdb])


def _run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:2])}: {p.stderr.strip()}")
    return p.stdout


class Chain:
    def __init__(self, path):
        self.path, self.name = path, os.path.basename(path)
        files = []
        for root, _, names in os.walk(path):
            files += [os.path.join(root, n) for n in names if n.endswith(".sql")]
        migs = [sqltext.Migration(f) for f in sorted(files)]
        by_parent = {m.revises: m for m in migs}
        self.migrations, cur = [], "base"
        while cur in by_parent:  # the corpus is linear
            m = by_parent.pop(cur)
            self.migrations.append(m)
            cur = m.revision
        if by_parent:
            raise SystemExit(f"run.py: {path}: not one linear chain "
                             f"({len(by_parent)} migrations off it)")

    def runs_on(self, dialect):
        return any(m.has("up", dialect) or m.has("down", dialect)
                   for m in self.migrations)

    def generic(self, dialect):
        """Written in generic sections only, for this dialect."""
        return not any(m.scoped(dialect) for m in self.migrations)


def strata(args, eng, db, chain, *verb):
    cmd = [args.strata, "--url", eng.url(db), "--migrations", chain.path,
           "--allow-locking", "--json"] + list(verb)
    session = os.path.join(chain.path, f"session.{eng.dialect}")
    if os.path.exists(session):
        # the chain's session settings, on strata's connection as well
        ini = os.path.join(eng.work, "session.ini")
        with open(ini, "w") as fh:
            fh.write("[dev]\nsession_sql = " + open(session).read().strip()
                     + "\n")
        cmd[1:1] = ["-c", ini]
    p = subprocess.run(cmd, capture_output=True, text=True)
    err = ""
    if p.returncode != 0:
        try:
            doc = json.loads(p.stdout)
            err = (doc.get("error") or {}).get("message") or ""
            for m in doc.get("migrations", []):
                if m.get("outcome") == "failed":
                    err = f'{m["revision"]}: {err}'
        except (ValueError, AttributeError):
            pass
        err = err or p.stderr.strip().split("\n")[0]
    return p.returncode, err


def run_chain(args, eng, chain, rules, report):
    d = eng.dialect
    generic = chain.generic(d)
    tag = f"fid_{chain.name}"
    cdb, sdb = eng.fresh(tag)
    diffs = []
    nstmt = nddl = 0
    step_dir = tempfile.mkdtemp(dir=eng.work)

    session = os.path.join(chain.path, f"session.{d}")
    session = open(session).read().strip() if os.path.exists(session) else ""
    notes = []

    def client(m, direction):
        nonlocal nstmt, nddl
        text = m.text(direction, d)
        stmts = sqltext.statements(text, d)
        if not stmts:
            return True
        nstmt += len(stmts)
        nddl += sum(map(sqltext.is_ddl, stmts))
        f = os.path.join(step_dir, f"{m.revision}.{direction}.sql")
        with open(f, "w") as fh:
            fh.write((session + "\n" if session else "") + text + "\n")
        try:
            eng.run_file(cdb, f)
        except ClientError as e:
            if direction == "down":
                # the project's own downs break here: compared so far
                notes.append(f"the {d} client's down of {m.revision} fails "
                             f"({str(e).splitlines()[-1] if str(e) else ''}); "
                             f"downs compared to that point")
                return False
            raise BrokenChain(f"the {d} client refuses {m.path} "
                              f"({direction}): {e}")
        return True

    def compare_now(step):
        for x in compare.diff(*eng.catalogs(cdb, sdb)):
            x.step = step
            diffs.append(x)

    def run_failed(step, rc, err):
        x = compare.Diff("run", step, "exit 0", f"exit {rc}: {err}")
        x.step = step
        diffs.append(x)

    # Compared after every migration on a short chain; on a long one at
    # checkpoints (strata goes there in one run, the client file by file).
    migs = chain.migrations
    every = max(1, -(-len(migs) // CHECKPOINTS))
    marks = {i for i in range(len(migs)) if (i + 1) % every == 0}
    marks.add(len(migs) - 1)
    ok = True
    for i, m in enumerate(migs):
        try:
            client(m, "up")
        except BrokenChain:
            if not args.keep:
                eng.drop((cdb, sdb))
            raise
        if i in marks:
            rc, err = strata(args, eng, sdb, chain, "upgrade", m.revision)
            if rc != 0:
                run_failed(f"up@{m.revision}", rc, err)
                ok = False
                break
            compare_now(f"up@{m.revision}")
    # down, one migration at a time, while the chain has downs
    for i in range(len(migs) - 1, -1, -1) if ok else ():
        m = migs[i]
        if m.has("up", d) and not m.has("down", d):
            break
        target = migs[i - 1].revision if i else "base"
        if not client(m, "down"):
            break
        if i - 1 in marks or i == 0:
            rc, err = strata(args, eng, sdb, chain, "downgrade", target)
            if rc != 0:
                run_failed(f"down@{target}", rc, err)
                break
            compare_now(f"down@{target}")

    # a difference is reported at the first step it shows
    seen, first = set(), []
    for x in diffs:
        if x.text() not in seen:
            seen.add(x.text())
            first.append(x)
    bad = 0
    for x in first:
        kind, rule = compare.classify(x, d, chain.name, generic, *rules)
        report.append((chain.name, kind, x, rule))
        bad += kind == "new"
    if not args.keep:
        eng.drop((cdb, sdb))
        shutil.rmtree(step_dir, ignore_errors=True)
    for n in notes:
        report.append((chain.name, "note", n, None))
    return nstmt, nddl, bad, len(first)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dialect", required=True,
                    choices=["sqlite", "postgres", "mysql"])
    ap.add_argument("--chain", default="*")
    ap.add_argument("--strata", default=os.environ.get("STRATA", "build/strata"))
    ap.add_argument("--work")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("-v", action="store_true", help="list pending and allowed")
    args = ap.parse_args()
    args.strata = os.path.abspath(args.strata)
    work = args.work or tempfile.mkdtemp(prefix="strata-fidelity-")
    os.makedirs(work, exist_ok=True)
    eng = Engine(args.dialect, work)
    allowed = compare.load_rules(os.path.join(HERE, "ALLOWED.md"),
                                 ["rule", "dialect", "difference", "why"])
    pending = compare.load_rules(os.path.join(HERE, "PENDING.md"),
                                 ["defect", "dialect", "chain", "difference"])
    # Chains written here, and real projects' chains imported unchanged
    # (third_party/: their own repeats are not ours to factor out).
    chains = [Chain(os.path.join(HERE, d, c))
              for d in ("chains", "third_party")
              for c in sorted(os.listdir(os.path.join(HERE, d)))
              if fnmatch.fnmatchcase(c, args.chain)]
    report = []
    total = ddl = nchains = failed = 0
    t0 = time.time()
    for ch in chains:
        if not ch.runs_on(args.dialect):
            continue
        nchains += 1
        t1 = time.time()
        try:
            n, nd, bad, ndiff = run_chain(args, eng, ch, (allowed, pending),
                                          report)
        except BrokenChain as e:
            print(f"  FAIL   {ch.name}: the corpus is broken: {e}")
            failed += 1
            continue
        total += n
        ddl += nd
        failed += bad
        state = "pass" if not bad else f"FAIL ({bad} new)"
        if ndiff and not bad:
            state += f" ({ndiff} listed)"
        print(f"  {state:<6} {ch.name} ({len(ch.migrations)} migrations, "
              f"{n} statements, {time.time() - t1:.1f}s)")
    for chain, kind, x, rule in report:
        if kind == "note":
            print(f"    note    {chain}: {x}")
        elif kind == "new" or args.v:
            print(f"    {kind:<7} {chain} {x.step}: {x.text()}"
                  + (f"  [{rule}]" if rule else ""))
    if args.chain == "*":
        for r in pending:
            if not r.used and r.dialect(args.dialect):
                print(f"  note  pending entry matched nothing (fixed? remove "
                      f"it): {r}")
    npend = sum(1 for r in report if r[1] == "pending")
    nallow = sum(1 for r in report if r[1] == "allowed")
    print(f"  {args.dialect}: {nchains} chains, {total} statements "
          f"({ddl} DDL), {failed} new differences, {npend} pending, "
          f"{nallow} allowed; {time.time() - t0:.0f}s")
    eng.finish(args.keep)
    if not args.work and not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
