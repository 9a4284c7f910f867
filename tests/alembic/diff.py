#!/usr/bin/env python3
"""diff.py - strata and Alembic side by side on random revision graphs.

Each graph (branches, merges of 2-3 parents, depends, branch labels, one
or two roots; fixed seed) is written twice: as strata migration files
and as an Alembic script directory, every revision creating a marker
table m_<id>.  The same random upgrade/downgrade commands then run on
both tools, each against its own SQLite database; after each command
the outcomes (ran / refused), the applied sets (the marker tables) and
the current revisions (`strata --json current`, alembic_version) must
agree.  A disagreement passes only when a rule of DEPARTURES explains
it; those are strata's deliberate departures and Alembic's bugs, listed
with their reasons in docs/design.md §9.2.  After a departure both
databases start again from empty.

usage: diff.py --strata PATH [--graphs N] [--commands M] [--seed S]
               [--keep DIR] [-v]
Exit 0 when every command agreed or departed by a listed rule.
"""
import argparse
import io
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import warnings

# Alembic iterates sets of revision ids in places (which row "-N" from
# several heads starts from): a fixed hash seed makes a run repeatable.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

try:
    import sqlalchemy
    from alembic.config import Config
    from alembic.runtime.environment import EnvironmentContext
    from alembic.script import ScriptDirectory
    from alembic.script.revision import RevisionError
    from alembic.util import CommandError
except ImportError as e:
    # Debian's python3-alembic serves the system interpreter, which may
    # not be the first python3 on PATH.
    SYSTEM = "/usr/bin/python3"
    if os.path.exists(SYSTEM) and \
            os.path.realpath(SYSTEM) != os.path.realpath(sys.executable) \
            and not os.environ.get("STRATA_ALEMBIC_REEXEC"):
        os.environ["STRATA_ALEMBIC_REEXEC"] = "1"
        os.execv(SYSTEM, [SYSTEM] + sys.argv)
    sys.exit("diff.py: Alembic is not importable (%s): install "
             "python3-alembic (scripts/deps.sh)" % e)


# --- the graph ---------------------------------------------------------

class Graph:
    """Revisions in creation order: id, parents, depends, label."""

    def __init__(self, rng):
        self.ids, self.parents, self.depends, self.label = [], {}, {}, {}
        n = rng.randint(4, 10)
        second_root = rng.random() < 0.5 and n > 4
        root2_at = rng.randint(2, n - 2) if second_root else -1
        nlabels = 0
        while len(self.ids) < n:
            i = len(self.ids)
            rid = "%04x" % rng.getrandbits(16)
            if any(o.startswith(rid) or rid.startswith(o) for o in self.ids):
                continue
            pars = []
            if i > 0 and i != root2_at:
                heads = self.heads()
                if len(heads) >= 2 and rng.random() < 0.3:
                    k = min(len(heads), rng.choice((2, 2, 3)))
                    pars = rng.sample(heads, k)
                elif rng.random() < 0.6:
                    pars = [rng.choice(heads)]
                else:
                    pars = [rng.choice(self.ids)]
            deps = []
            if i > 0 and rng.random() < 0.25:
                anc = self.ancestors_of(pars)
                cand = [o for o in self.ids if o not in anc]
                if cand:
                    deps = [rng.choice(cand)]
            lab = None
            if nlabels < 2 and rng.random() < 0.2:
                lab = "lb%d" % nlabels
                nlabels += 1
            self.ids.append(rid)
            self.parents[rid] = pars
            self.depends[rid] = deps
            self.label[rid] = lab

    def children(self, r):
        return [c for c in self.ids if r in self.parents[c]]

    def succ(self, r):  # children and dependents
        return [c for c in self.ids
                if r in self.parents[c] or r in self.depends[c]]

    def heads(self):
        return [r for r in self.ids if not self.children(r)]

    @staticmethod
    def closure(revs, step):  # revs and all that step reaches from them
        seen, todo = set(), list(revs)
        while todo:
            r = todo.pop()
            if r not in seen:
                seen.add(r)
                todo += step(r)
        return seen

    def ancestors_of(self, revs):  # revs and all above them
        return self.closure(revs, lambda r: self.parents[r] + self.depends[r])

    def descendants_of(self, revs):  # revs and all below them
        return self.closure(revs, self.succ)

    def describe(self):
        out = []
        for r in self.ids:
            s = r
            if self.parents[r]:
                s += " <- " + ",".join(self.parents[r])
            if self.depends[r]:
                s += " dep " + ",".join(self.depends[r])
            if self.label[r]:
                s += " [%s]" % self.label[r]
            out.append(s)
        return "; ".join(out)

    def write_strata(self, d):
        os.makedirs(d)
        for k, r in enumerate(self.ids):
            with open(os.path.join(d, "%04d_%s.sql" % (k + 1, r)), "w") as f:
                f.write("-- revision: %s\n" % r)
                if self.parents[r]:
                    f.write("-- revises: %s\n" % ", ".join(self.parents[r]))
                if self.depends[r]:
                    f.write("-- depends: %s\n" % ", ".join(self.depends[r]))
                if self.label[r]:
                    f.write("-- branch: %s\n" % self.label[r])
                f.write("-- +up\nCREATE TABLE m_%s (id integer);\n" % r)
                f.write("-- +down\nDROP TABLE m_%s;\n" % r)

    def write_alembic(self, d):
        os.makedirs(os.path.join(d, "versions"))
        for r in self.ids:
            p = self.parents[r]
            down = None if not p else p[0] if len(p) == 1 else tuple(p)
            lab = (self.label[r],) if self.label[r] else None
            dep = tuple(self.depends[r]) or None
            with open(os.path.join(d, "versions", "%s_m.py" % r), "w") as f:
                f.write("from alembic import op\n"
                        "revision = %r\ndown_revision = %r\n"
                        "branch_labels = %r\ndepends_on = %r\n\n"
                        "def upgrade():\n"
                        "    op.execute('CREATE TABLE m_%s (id integer)')\n\n"
                        "def downgrade():\n"
                        "    op.execute('DROP TABLE m_%s')\n"
                        % (r, down, lab, dep, r, r))


# --- the commands -------------------------------------------------------

def random_command(rng, g):
    """One command both tools understand: (verb, target)."""
    rev = rng.choice(g.ids)
    name = rev[:3] if rng.random() < 0.2 else rev  # ids share no prefix
    labels = [r for r in g.ids if g.label[r]]
    n = rng.choice((1, 1, 2, 3))
    if rng.random() < 0.55:
        forms = ["heads", "heads", "head", name, name, "+%d" % n,
                 "%s+%d" % (name, n), "%s-%d" % (name, n)]
        if labels:
            forms.append("%s@head" % g.label[rng.choice(labels)])
        return "upgrade", rng.choice(forms)
    forms = ["base", name, name, "-%d" % n, "-%d" % n, "%s-%d" % (name, n),
             "%s+%d" % (name, n)]
    return "downgrade", rng.choice(forms)


# --- running them -------------------------------------------------------

class Outcome:
    def __init__(self, ran, refused_msg="", crash=None, warned=()):
        self.ran = ran
        self.msg = refused_msg
        self.crash = crash  # Alembic: an exception that is no refusal
        self.warned = list(warned)

    def __repr__(self):
        if self.ran:
            return "ran"
        return "crashed (%s)" % self.crash if self.crash else \
            "refused (%s)" % self.msg


def read_state(db, version_table):
    """The applied marker tables and the version rows of a database."""
    if not os.path.exists(db):
        return frozenset(), frozenset()
    con = sqlite3.connect(db)
    try:
        names = {r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        applied = frozenset(n[2:] for n in names if n.startswith("m_"))
        rows = frozenset()
        if version_table in names:
            rows = frozenset(r[0] for r in con.execute(
                "SELECT * FROM %s" % version_table))
        return applied, rows
    finally:
        con.close()


class Strata:
    def __init__(self, exe, mdir, db):
        self.exe, self.mdir, self.db = exe, mdir, db

    def run(self, *args):
        p = subprocess.run([self.exe, "--url", "sqlite:///" + self.db,
                            "--migrations", self.mdir] + list(args),
                           capture_output=True, text=True)
        return p.returncode, p.stdout, p.stderr

    def command(self, verb, target):
        rc, out, err = self.run(verb, target)
        if rc == 0:
            return Outcome(True)
        if rc == 2:
            return Outcome(False, err.strip())
        raise SystemExit("strata %s %s failed (exit %d): %s%s"
                         % (verb, target, rc, out, err))

    def current(self):
        rc, out, err = self.run("--json", "current")
        if rc != 0:
            raise SystemExit("strata current failed: %s%s" % (out, err))
        return frozenset(c["revision"] for c in json.loads(out)["current"])

    def heads(self):
        rc, out, err = self.run("--json", "heads")
        if rc != 0:
            return None, err.strip()
        return frozenset(h["revision"] for h in json.loads(out)["heads"]), ""


class Alembic:
    def __init__(self, sdir, db):
        self.db = db
        self.cfg = Config(stdout=io.StringIO())
        self.cfg.set_main_option("script_location", sdir)
        self.script = ScriptDirectory(sdir)

    def heads(self):
        try:
            return frozenset(self.script.get_heads()), ""
        except Exception as e:  # a graph Alembic cannot load
            return None, "%s: %s" % (type(e).__name__, e)

    def command(self, verb, target):
        script = self.script

        def steps(rev, context):
            if verb == "upgrade":
                return script._upgrade_revs(target, rev)
            return script._downgrade_revs(target, rev)

        engine = sqlalchemy.create_engine("sqlite:///" + self.db)
        try:
            with warnings.catch_warnings(record=True) as w:
                warnings.simplefilter("always")
                with EnvironmentContext(self.cfg, script, fn=steps,
                                        destination_rev=target) as env:
                    with engine.connect() as conn:
                        env.configure(connection=conn)
                        with env.begin_transaction():
                            env.run_migrations()
            return Outcome(True, warned=[str(x.message) for x in w])
        except (CommandError, RevisionError) as e:
            return Outcome(False, str(e))
        except Exception as e:  # Alembic's own failures: see DEPARTURES
            return Outcome(False, crash="%s: %s" % (type(e).__name__, e))
        finally:
            engine.dispose()


# --- deliberate departures ----------------------------------------------
# Each rule gets (g, verb, target, before, s, a, s_state, a_state), where
# before is the applied set both shared before the command, s and a the
# Outcomes and *_state (applied, rows) after; it returns True when it
# explains the disagreement.  docs/design.md §9.2 lists the same names.

def step_start(g, target, before_rows):
    """The revision a -N / REV-N walks from, or None: (start, n)."""
    rev, _, n = target.rpartition("-")
    if not n.isdigit():
        return None, 0
    if rev == "":
        return (next(iter(before_rows)) if len(before_rows) == 1 else None,
                int(n))
    full = [r for r in g.ids if r.startswith(rev)]
    return (full[0] if len(full) == 1 else None), int(n)


def walked_line(g, start, n):
    """The revisions a step down of n from start walks over, or None when
    it crosses a merge or goes below base."""
    line, cur = [], start
    for _ in range(n):
        if cur is None or len(g.parents[cur]) > 1:
            return None
        line.append(cur)
        cur = g.parents[cur][0] if g.parents[cur] else None
    return line


def rule_several_heads(g, verb, target, before, s, a, ss, as_):
    # Alembic 1.8 only warns that "-N" from several heads is ambiguous
    # and walks from one of them; strata refuses and names REV-N forms.
    return (verb == "downgrade" and target.startswith("-") and not s.ran
            and "the database has several heads" in s.msg and a.ran
            and any("multiple heads is ambiguous" in m for m in a.warned))


def rule_one_line(g, verb, target, before, s, a, ss, as_, rows=None):
    # strata's -N / REV-N reverts the line it walks (and what depends on
    # it); Alembic reverts every child of the revision it lands on.
    if verb != "downgrade" or not (s.ran and a.ran):
        return False
    start, n = step_start(g, target, before[1])
    line = walked_line(g, start, n) if start else None
    if not line:
        return False
    want = before[0] - g.descendants_of([line[-1]])
    return ss[0] == want and ss[0] > as_[0]


def rule_at_most_n(g, verb, target, before, s, a, ss, as_):
    # strata's -N never reverts more than N migrations; Alembic does
    # when a revision off the walked line depends on one on it, or when
    # it lands on base with other roots applied.
    if not (verb == "downgrade" and target.startswith("-") and not s.ran
            and "would revert" in s.msg and a.ran):
        return False
    start, n = step_start(g, target, before[1])
    line = walked_line(g, start, n) if start else None
    return (bool(line) and len(before[0] - as_[0]) > n
            and len(before[0] & g.descendants_of([line[-1]])) > n)


def lands_on_base(g, target):
    """True when REV-N steps down exactly onto base."""
    start, n = step_start(g, target, frozenset())
    line = walked_line(g, start, n) if start else None
    return bool(line) and not g.parents[line[-1]]


def rule_walk_off_the_graph(g, verb, target, before, s, a, ss, as_):
    # Alembic bug: an upgrade to REV+N past a head, or to REV-N at or
    # below base, fails an assertion (its walk's None or "base" taken for
    # a revision) instead of a RevisionError.  strata refuses ("goes past
    # the head", "goes below base"); at base exactly it has nothing to do
    # on an empty database, and refuses an upgrade behind what is applied
    # (upgrade-behind: "use downgrade").
    if not (verb == "upgrade" and a.crash is not None
            and a.crash.startswith("AssertionError")):
        return False
    if not s.ran:
        return ("goes past the head" in s.msg or "goes below base" in s.msg
                or ("is behind" in s.msg and "downgrade" in s.msg
                    and lands_on_base(g, target)))
    return ss == before and lands_on_base(g, target)


def rule_merge_depends_keyerror(g, verb, target, before, s, a, ss, as_):
    # Alembic bug: running a merge one of whose parents or depends is no
    # version row, because another row depends on it, deletes that row
    # from its set of heads and fails with a KeyError (after running the
    # merge's upgrade).  strata runs it and records the merge.
    if not (s.ran and a.crash is not None
            and a.crash.startswith("KeyError")):
        return False
    missing = a.crash.split(": ", 1)[1].strip("'")
    return any(missing in g.parents[r] + g.depends[r]
               and len(g.parents[r] + g.depends[r]) > 1 for r in g.ids)


def rule_redundant_row(g, verb, target, before, s, a, ss, as_):
    # Alembic's rows after a downgrade through a merge can keep a
    # revision beside another that depends on it (its unmerge ignores
    # depends); strata records only the dependent.  The applied sets
    # agree and Alembic's rows imply strata's.
    if not (s.ran and a.ran and ss[0] == as_[0] and ss[1] != as_[1]):
        return False
    tips = {r for r in as_[1]
            if not any(r in g.ancestors_of([o]) - {o} for o in as_[1])}
    return tips == ss[1]


def rule_nothing_to_drop(g, verb, target, before, s, a, ss, as_):
    # Alembic refuses "downgrade REV" when REV is applied but no version
    # row and nothing above it goes (only revisions that depend on it are
    # applied): "not a valid downgrade target from current head(s)".
    # strata has nothing to do, as when REV is a row.
    return (verb == "downgrade" and s.ran and not a.ran and a.crash is None
            and "is not a valid downgrade target" in a.msg
            and ss == before)


def rule_upgrade_behind(g, verb, target, before, s, a, ss, as_):
    # An upgrade to a target that is already applied is a usage error
    # for strata (say `downgrade`); Alembic does nothing.
    return (verb == "upgrade" and not s.ran and a.ran and as_ == before
            and "downgrade" in s.msg)


DEPARTURES = [
    ("several-heads-step", rule_several_heads),
    ("one-line-step", rule_one_line),
    ("at-most-n", rule_at_most_n),
    ("alembic-walk-off-the-graph", rule_walk_off_the_graph),
    ("alembic-merge-depends-keyerror", rule_merge_depends_keyerror),
    ("alembic-redundant-row", rule_redundant_row),
    ("alembic-nothing-to-drop", rule_nothing_to_drop),
    ("upgrade-behind", rule_upgrade_behind),
]


# --- the run -------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--strata", required=True)
    ap.add_argument("--graphs", type=int, default=40)
    ap.add_argument("--commands", type=int, default=12)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--keep", help="work here and keep the files")
    ap.add_argument("-v", action="store_true")
    o = ap.parse_args()
    exe = os.path.abspath(o.strata)
    work = o.keep or tempfile.mkdtemp(prefix="strata-alembic-")
    os.makedirs(work, exist_ok=True)
    total = agreed = 0
    departed, failures = {}, []
    for gi in range(o.graphs):
        rng = random.Random(o.seed * 100003 + gi)
        g = Graph(rng)
        base = os.path.join(work, "g%03d" % gi)
        shutil.rmtree(base, ignore_errors=True)
        g.write_strata(os.path.join(base, "migrations"))
        g.write_alembic(os.path.join(base, "alembic"))
        sdb, adb = os.path.join(base, "s.db"), os.path.join(base, "a.db")
        st = Strata(exe, os.path.join(base, "migrations"), sdb)
        al = Alembic(os.path.join(base, "alembic"), adb)
        sh, serr = st.heads()
        ah, aerr = al.heads()
        if sh != ah:
            failures.append("graph %d (%s): heads differ: strata %s, "
                            "alembic %s" % (gi, g.describe(),
                                            sorted(sh or [serr]),
                                            sorted(ah or [aerr])))
            continue
        if o.v:
            print("graph %d: %s" % (gi, g.describe()))
        for _ in range(o.commands):
            verb, target = random_command(rng, g)
            before = read_state(sdb, "strata_version")
            s = st.command(verb, target)
            a = al.command(verb, target)
            ss = read_state(sdb, "strata_version")
            if s.ran:
                ss = (ss[0], st.current())
            as_ = read_state(adb, "alembic_version")
            total += 1
            if o.v:
                print("  %s %s: strata %r %s, alembic %r %s"
                      % (verb, target, s, sorted(ss[0]), a, sorted(as_[0])))
            same = (s.ran == a.ran and ss == as_ and a.crash is None) or \
                (not s.ran and not a.ran and a.crash is None)
            if same:
                agreed += 1
                continue
            rule = next((name for name, fn in DEPARTURES
                         if fn(g, verb, target, before, s, a, ss, as_)),
                        None)
            if rule:
                departed[rule] = departed.get(rule, 0) + 1
            else:
                failures.append(
                    "graph %d (%s)\n    %s %s from applied %s rows %s:\n"
                    "    strata %r -> applied %s rows %s\n"
                    "    alembic %r -> applied %s rows %s"
                    % (gi, g.describe(), verb, target, sorted(before[0]),
                       sorted(before[1]), s, sorted(ss[0]), sorted(ss[1]),
                       a, sorted(as_[0]), sorted(as_[1])))
            for db in (sdb, adb):  # start again from the same place
                if os.path.exists(db):
                    os.remove(db)
    pct = 100.0 * agreed / total if total else 0.0
    print("alembic-diff: %d graphs, %d commands: %d agreed (%.1f%%), "
          "%d deliberate departures%s, %d disagreements"
          % (o.graphs, total, agreed, pct, sum(departed.values()),
             " (" + ", ".join("%s %d" % kv for kv in sorted(departed.items()))
             + ")" if departed else "", len(failures)))
    for f in failures:
        print("DISAGREE " + f)
    if not o.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
