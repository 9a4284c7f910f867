"""layouts_more.py - for run_layouts.py: the Liquibase, Diesel, Drizzle,
Prisma and popx fixtures as each tool reads them, written independently
of strata's readers (regular expressions over the files, as each tool's
source does).  Each function takes the folder strata reads and a dialect
and returns [(revision, up text, down text or None)] in the tool's order,
the texts ready for the engine's own client (see join)."""
import json
import os
import re

# The folder strata reads for a tool: one per dialect, or one for all.
SHARED = {"diesel", "popx", "liquibase"}


def folder(root, tool, dialect):
    return os.path.join(root, tool) if tool in SHARED \
        else os.path.join(root, tool, dialect)


def _read(*path):
    with open(os.path.join(*path)) as f:
        return f.read()


def join(dialect, stmts):
    """Statements the tool sends one by one, as one file for the client:
    ';' between them for psql and sqlite3 (which split them back), the
    delimiter run_layouts gives MariaDB otherwise (one request each)."""
    stmts = [s.strip() for s in stmts if s.strip()]
    if dialect == "mysql":
        return "\n%%%%\n".join(stmts)
    return "\n".join(s if s.endswith(";") else s + ";" for s in stmts)


def diesel(root, dialect):
    """[<backend>/]<version>_<name>/up.sql + down.sql by version (the
    folder name's digits before '_')."""
    base = os.path.join(root, dialect)
    if not os.path.isdir(base):
        base = root  # one backend: the migrations themselves
    out = []
    for d in os.listdir(base):
        if not os.path.isfile(os.path.join(base, d, "up.sql")):
            continue
        v = d.split("_")[0].replace("-", "")
        down = os.path.join(base, d, "down.sql")
        out.append((v, _read(base, d, "up.sql"),
                    _read(down) if os.path.exists(down) else ""))
    return sorted(out)


def prisma(folder_, dialect):
    """<ts>_<name>/migration.sql in name order; no downs."""
    return [(d.split("_")[0], _read(folder_, d, "migration.sql"), None)
            for d in sorted(os.listdir(folder_))
            if os.path.isfile(os.path.join(folder_, d, "migration.sql"))]


def drizzle(folder_, dialect):
    """meta/_journal.json's entries in order, each file cut at
    '--> statement-breakpoint' (Drizzle sends each piece alone)."""
    j = json.loads(_read(folder_, "meta", "_journal.json"))
    return [(e["tag"].split("_")[0],
             join(dialect, _read(folder_, e["tag"] + ".sql")
                  .split("--> statement-breakpoint")), None)
            for e in j["entries"]]


POPX = {"postgres": "postgres", "mysql": "mysql", "sqlite": "sqlite3"}
POPX_RE = re.compile(
    r"^(\d+)_([^.]+)(\.[a-z0-9]+)?(\.autocommit)?\.(up|down)\.(sql)$")


def popx(folder_, dialect):
    """Versions in string order; per direction the dialect's own file,
    else the generic one."""
    files = {}
    for n in os.listdir(folder_):
        m = POPX_RE.match(n)
        if not m:
            continue
        db = m.group(3)[1:] if m.group(3) else "all"
        if db == "autocommit":
            db = "all"
        files.setdefault(m.group(1), {})[(db, m.group(5))] = n
    out = []
    for v in sorted(files):
        f = files[v]

        def pick(direction):
            n = f.get((POPX[dialect], direction)) or f.get(("all", direction))
            return _read(folder_, n) if n else None
        out.append((v, pick("up"), pick("down")))
    return out


LB_DBMS = {"postgres": {"postgresql"}, "mysql": {"mysql", "mariadb"},
           "sqlite": {"sqlite"}}
LB_CS = re.compile(r"^\s*--\s*changeset\s+(\S+?):(\S+)(.*)$", re.I)


def _lb_applies(attrs, dialect):
    m = re.search(r"\bdbms:(\S+)", attrs)
    if not m:
        return True
    names = m.group(1).lower().split(",")
    if any(n.lstrip("!") in LB_DBMS[dialect] for n in names if
           n.startswith("!")):
        return False
    pos = [n for n in names if not n.startswith("!")]
    return not pos or "all" in pos or bool(set(pos) & LB_DBMS[dialect])


def _lb_stmts(body, attrs, dialect):
    """The changeset's statements for the client: psql and sqlite3 split
    by themselves; an endDelimiter becomes ';'."""
    m = re.search(r"\bendDelimiter:(\S+)", attrs)
    if m:
        body = re.sub(r"(?m)^\s*" + re.escape(m.group(1)) + r"\s*$", ";",
                      body)
    if dialect == "mysql":
        return "\n%%%%\n".join(s.strip() for s in re.split(r"(?m)^;$", body)
                             if s.strip()) if m else body
    return body


def liquibase(root, dialect):
    """Files in name order; each '--changeset' whose dbms: allows the
    engine; its --rollback lines and rollback block as the down."""
    out = []
    for dp, _, names in sorted(os.walk(root)):
        for n in sorted(names):
            if not n.endswith(".sql"):
                continue
            cs = None
            for line in _read(dp, n).split("\n") + ["--changeset end:end"]:
                m = LB_CS.match(line)
                if m:
                    if cs and _lb_applies(cs["attrs"], dialect):
                        down = cs["rb"]
                        if down is not None and re.match(
                                r"\s*(not required|empty)", down, re.I):
                            down = ""
                        out.append((cs["id"], _lb_stmts(
                            "\n".join(cs["body"]), cs["attrs"], dialect),
                            down))
                    cs = {"id": m.group(2), "attrs": m.group(3),
                          "body": [], "rb": None, "block": False}
                    continue
                if cs is None:
                    continue
                if cs["block"]:
                    if line.rstrip().endswith("*/"):
                        cs["block"] = False
                        line = line.rstrip()[:-2]
                    cs["rb"] += line
                    continue
                r = re.match(r"^\s*--\s*rollback (.*)$", line, re.I)
                if r:
                    cs["rb"] = (cs["rb"] or "") + r.group(1) + "\n"
                elif re.match(r"^\s*/\*\s*liquibase\s+rollback\s*$", line,
                              re.I):
                    cs["block"] = True
                    cs["rb"] = cs["rb"] or ""
                else:
                    cs["body"].append(line)
    return out


TOOLS = {"diesel": diesel, "prisma": prisma, "drizzle": drizzle,
         "popx": popx, "liquibase": liquibase}
