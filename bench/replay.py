#!/usr/bin/env python3
"""bench/replay.py - driven by bench/replay.sh.  For each engine: capture
the statements strata sends for a chain's apply and downgrade from the
server's own log (SQLite: strata's `--sql` script), write them back as
one file for the engine's client (same message boundaries), then time
strata, the client replaying them and the client's floor file,
interleaved, each on a fresh database.
Prints a Markdown table of medians (bench/RESULTS.md, issue 16)."""
import os, re, statistics, subprocess, sys, time

E = os.environ
STRATA, WORK, N, RUNS = E["STRATA_BIN"], E["WORK"], int(E["SIZE"]), int(E["RUNS"])
ENGINES = [e for e in E["ENGINES"].split(",") if e]
# --single-transaction: strata's run in one transaction, against the
# client's file in one transaction too.
ONE = E.get("ONE_TX") == "1"


def die(msg):
    sys.exit("replay.py: error: " + msg)


def sh(cmd, env=None, check=True):
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if check and p.returncode != 0:
        die("%s: exit %d: %s" % (" ".join(cmd[:3]), p.returncode, p.stderr.strip()[-400:]))
    return p.stdout


def timed(cmd, env=None):
    t = time.monotonic()
    sh(cmd, env)
    return time.monotonic() - t


def gen_chain(d):
    os.makedirs(d, exist_ok=True)
    w = len(str(N))
    rid = lambda i: "r%0*d" % (w, i)
    for i in range(1, N + 1):
        with open(os.path.join(d, rid(i) + ".sql"), "w") as f:
            f.write("-- revision: %s\n-- revises: %s\n\n-- +up\n"
                    "CREATE TABLE t%d (id integer PRIMARY KEY, name varchar(64));\n"
                    "CREATE INDEX t%d_name ON t%d (name);\n-- +down\nDROP TABLE t%d;\n"
                    % (rid(i), "base" if i == 1 else rid(i - 1), i, i, i, i))


class Postgres:
    name = "PostgreSQL"
    floor = "one transaction" if ONE else "tx per migration"

    def __init__(self):
        self.base = E["PG_BASE"]
        self.log = os.path.join(E["PG_DIR"], "server.log")

    def url(self, db):
        return "%s/%s" % (self.base, db)

    def sql(self, sql, db="postgres"):
        return sh(["psql", "-qXAt", "-v", "ON_ERROR_STOP=1", self.url(db), "-c", sql])

    def fresh(self, db):
        self.sql("DROP DATABASE IF EXISTS %s" % db)
        self.sql("CREATE DATABASE %s" % db)

    def client(self, db, path):
        return ["psql", "-qX", "-v", "ON_ERROR_STOP=1", self.url(db), "-f", path]

    def tables(self, db):
        return int(self.sql("SELECT count(*) FROM pg_tables WHERE schemaname = "
                            "current_schema() AND tablename LIKE 't%'", db))

    def floor_files(self):
        b, c = ("", "") if ONE else ("BEGIN;\n", "COMMIT;\n")
        up = "".join(b + "CREATE TABLE t%d (id integer PRIMARY KEY, name varchar(64));\n"
                     "CREATE INDEX t%d_name ON t%d (name);\n" % (i, i, i) + c for i in range(1, N + 1))
        down = "".join(b + "DROP TABLE t%d;\n" % i + c for i in range(N, 0, -1))
        if ONE:
            up, down = "BEGIN;\n" + up + "COMMIT;\n", "BEGIN;\n" + down + "COMMIT;\n"
        return up, down

    def capture(self, argv):
        self.sql("ALTER SYSTEM SET log_statement = 'all'")
        self.sql("ALTER SYSTEM SET log_line_prefix = '%p|'")
        self.sql("SELECT pg_reload_conf()")
        start = os.path.getsize(self.log)
        sh(argv)
        self.sql("ALTER SYSTEM RESET log_statement")
        self.sql("ALTER SYSTEM RESET log_line_prefix")
        self.sql("SELECT pg_reload_conf()")
        with open(self.log, errors="replace") as f:
            f.seek(start)
            text = f.read()
        entries = []
        for line in text.split("\n"):
            m = re.match(r"^(\d+)\|(LOG|DETAIL|ERROR|STATEMENT|NOTICE|WARNING|HINT|CONTEXT):  (.*)$", line)
            if m:
                entries.append([m.group(1), m.group(2), m.group(3)])
            elif entries:
                entries[-1][2] += "\n" + line
        counts = {}
        for p, k, t in entries:
            if k == "LOG" and (t.startswith("statement: ") or t.startswith("execute ")):
                counts[p] = counts.get(p, 0) + 1
        if not counts:
            die("no statement of strata's in the PostgreSQL log")
        pid = max(counts, key=counts.get)
        out = []
        for i, (p, k, t) in enumerate(entries):
            if p != pid or k != "LOG":
                continue
            # strata's probes for other tools' history tables fail by
            # design; a replay under ON_ERROR_STOP leaves them out.
            if any(q == pid and kk == "ERROR" for q, kk, _ in entries[i + 1:i + 3]):
                continue
            if t.startswith("statement: "):
                sql = t[len("statement: "):]
            elif t.startswith("execute "):
                sql = t.split(": ", 1)[1]
                nxt = entries[i + 1] if i + 1 < len(entries) else None
                if nxt and nxt[1] == "DETAIL" and nxt[2].startswith("parameters: "):
                    par = dict(re.findall(r"\$(\d+) = ('(?:[^']|'')*'|NULL)", nxt[2]))
                    sql = re.sub(r"\$(\d+)", lambda m: par.get(m.group(1), m.group(0)), sql)
            else:
                continue
            # One message of several statements stays one: psql's \;
            parts = [s for s in re.split(r"\n\t;", sql.rstrip().rstrip(";")) if s.strip()]
            out.append(" \\;\n".join(parts) + ";")
        return "\n".join(out) + "\n", len(out)


class MySQL:
    name = "MariaDB"
    floor = "one file"

    def __init__(self):
        self.host, self.port = E["MY_HOST"], E["MY_PORT"]
        self.user, self.env = E["MY_USER"], dict(E, MYSQL_PWD=E["MY_PASSWORD"])

    def url(self, db):
        return "mysql://%s:%s@%s:%s/%s" % (self.user, E["MY_PASSWORD"], self.host, self.port, db)

    def cli(self, db=None):
        c = ["mariadb", "--no-defaults", "-u", self.user, "-h", self.host, "-P", self.port, "--batch"]
        return c + ([db] if db else [])

    def sql(self, sql, db=None):
        return sh(self.cli(db) + ["-N", "--raw", "-e", sql], self.env)

    def fresh(self, db):
        self.sql("DROP DATABASE IF EXISTS %s; CREATE DATABASE %s" % (db, db))

    def client(self, db, path):
        # --force: strata's probes for other tools' history tables fail
        # by design (the general log does not say which).
        return self.cli(db) + ["--force", "-e", "source " + path]

    def tables(self, db):
        return int(self.sql("SELECT count(*) FROM information_schema.TABLES WHERE "
                            "TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 't%'", db))

    def floor_files(self):
        up = "".join("CREATE TABLE t%d (id integer PRIMARY KEY, name varchar(64));\n"
                     "CREATE INDEX t%d_name ON t%d (name);\n" % (i, i, i) for i in range(1, N + 1))
        down = "".join("DROP TABLE t%d;\n" % i for i in range(N, 0, -1))
        return up, down

    def capture(self, argv):
        self.sql("TRUNCATE TABLE mysql.general_log; SET GLOBAL log_output = 'TABLE'; "
                 "SET GLOBAL general_log = 1")
        sh(argv)
        self.sql("SET GLOBAL general_log = 0")
        rows = self.sql("SELECT thread_id, command_type, REPLACE(REPLACE(argument, '\\\\', "
                        "'\\\\\\\\'), '\\n', '\\\\n') FROM mysql.general_log")
        self.sql("TRUNCATE TABLE mysql.general_log")
        rows = [r.split("\t", 2) for r in rows.split("\n") if r.count("\t") >= 2]
        counts = {}
        for t, k, _ in rows:
            if k == "Query":
                counts[t] = counts.get(t, 0) + 1
        if not counts:
            die("no statement of strata's in MariaDB's general log")
        tid = max(counts, key=counts.get)
        unesc = lambda s: re.sub(r"\\(n|\\)", lambda m: "\n" if m.group(1) == "n" else "\\", s)
        out = [unesc(a) for t, k, a in rows if t == tid and k == "Query"]
        if any("$$" in s for s in out):
            die("a statement holds the delimiter $$")
        # One logged packet stays one: a delimiter no statement holds.
        return "DELIMITER $$\n" + "".join(s + "$$\n" for s in out), len(out)

    def retarget(self, text, frm, to):
        return text.replace("'%s'" % frm, "'%s'" % to).replace("strata:%s:" % frm, "strata:%s:" % to)


class SQLite:
    """No statement log: strata's own script of the run (`--sql`), which
    holds the statements a live run sends, a savepoint per migration and
    the history and version rows (their ids by INSERT ... SELECT, where a
    live run writes the value), run by sqlite3 -bail."""
    name = "SQLite"
    floor = "one transaction"

    def path(self, db):
        return os.path.join(WORK, db + ".sqlite")

    def url(self, db):
        return "sqlite:///" + self.path(db)

    def fresh(self, db):
        for sfx in ("", "-journal", "-wal", ".lock"):
            if os.path.exists(self.path(db) + sfx):
                os.unlink(self.path(db) + sfx)

    def client(self, db, path):
        return ["sqlite3", "-bail", self.path(db), ".read " + path]

    def tables(self, db):
        return int(sh(["sqlite3", self.path(db), "SELECT count(*) FROM sqlite_schema "
                       "WHERE type = 'table' AND name GLOB 't[0-9]*'"]))

    def floor_files(self):
        up = "".join("CREATE TABLE t%d (id integer PRIMARY KEY, name varchar(64));\n"
                     "CREATE INDEX t%d_name ON t%d (name);\n" % (i, i, i) for i in range(1, N + 1))
        down = "".join("DROP TABLE t%d;\n" % i for i in range(N, 0, -1))
        return "BEGIN;\n" + up + "COMMIT;\n", "BEGIN;\n" + down + "COMMIT;\n"

    def capture(self, argv):
        text = sh(argv + ["--sql"])
        return text, sum(1 for l in text.split("\n") if l.endswith(";"))


def main():
    chain = os.path.join(WORK, "chain")
    gen_chain(chain)
    rows = []
    for en in ENGINES:
        eng = {"postgres": Postgres, "mysql": MySQL, "sqlite": SQLite}[en]()
        st = lambda db, *verb: ([STRATA, "-q", "--url", eng.url(db), "--migrations", chain]
                                + (["--single-transaction"] if ONE else []) + list(verb))
        eng.fresh("cap")
        files = {}
        up, nup = eng.capture(st("cap", "upgrade", "head"))
        down, ndown = eng.capture(st("cap", "downgrade", "base"))
        fup, fdown = eng.floor_files()
        for name, text in (("up", up), ("down", down), ("floor_up", fup), ("floor_down", fdown)):
            if hasattr(eng, "retarget") and name in ("up", "down"):
                text = eng.retarget(text, "cap", "rb")
            files[name] = os.path.join(WORK, "%s_%s.sql" % (en, name))
            with open(files[name], "w") as f:
                f.write(text)
        print("replay: %s: %d statements (messages) up, %d down, for %d revisions"
              % (eng.name, nup, ndown, N), file=sys.stderr)
        t = {k: [] for k in ("sa", "ra", "fa", "sd", "rd", "fd")}
        for k in range(RUNS):
            for db in ("sa", "rb", "fc"):
                eng.fresh(db)
            env = getattr(eng, "env", None)
            t["sa"].append(timed(st("sa", "upgrade", "head")))
            t["ra"].append(timed(eng.client("rb", files["up"]), env))
            t["fa"].append(timed(eng.client("fc", files["floor_up"]), env))
            built = [eng.tables(db) for db in ("sa", "rb", "fc")]
            if built != [N, N, N]:
                die("%s: %s tables after the applies (strata, replay, floor), "
                    "not %d each" % (eng.name, built, N))
            t["sd"].append(timed(st("sa", "downgrade", "base")))
            t["rd"].append(timed(eng.client("rb", files["down"]), env))
            t["fd"].append(timed(eng.client("fc", files["floor_down"]), env))
            left = [eng.tables(db) for db in ("sa", "rb", "fc")]
            if left != [0, 0, 0]:
                die("%s: %s tables left after the downgrades, not 0" % (eng.name, left))
            print("replay: %s run %d/%d" % (eng.name, k + 1, RUNS), file=sys.stderr)
        m = {k: statistics.median(v) for k, v in t.items()}
        for op, s, r, f in (("apply", "sa", "ra", "fa"), ("downgrade base", "sd", "rd", "fd")):
            op += ", `--single-transaction`" if ONE else ""
            rows.append("| %s | %s | %.2f | %.2f | %.2f (%s) | %.2f | %.2f | %.2f |"
                        % (eng.name, op, m[s], m[r], m[f], eng.floor, m[s] / m[r], m[r] / m[f], m[s] / m[f]))
        print("replay: %s samples (s): %s" % (eng.name, " ".join(
            "%s=%s" % (k, ",".join("%.2f" % x for x in v)) for k, v in t.items())), file=sys.stderr)
    print("| engine | operation | strata s | client replaying strata's statements s "
          "| client floor s | strata ÷ replay | replay ÷ floor | strata ÷ floor |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))


main()
