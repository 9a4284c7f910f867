"""catalog_compare.py - compare `strata inspect --json` documents of the
same tables on several dialects (used by cross_dialect.sh).  Prints each
difference and exits 1 when there is any."""
import json
import re
import sys

# Live types by family.  SQLite keeps the declared names of generic
# sections (VARCHAR(32), BOOLEAN, DATETIME ...), read by name; a name
# not listed falls back to its affinity, which may stand for several.
FAMILY = {
    "int": ["integer", "int", "bigint", "smallint", "int4", "int8", "serial"],
    "bool": ["boolean", "bool", "tinyint(1)"],
    "real": ["real", "float", "double", "double precision", "float8"],
    "text": ["text", "longtext", "varchar", "character varying", "char(36)"],
    "time": ["timestamp with time zone", "timestamptz", "datetime(6)",
             "timestamp without time zone", "timestamp", "date", "datetime"],
    "json": ["json", "jsonb"],
    "numeric": ["numeric", "decimal"],
}
AFFINITY = {"integer": {"int", "bool"}, "text": {"text", "time", "json"},
            "real": {"real"}, "numeric": {"int", "real", "bool", "time"},
            "blob": {"blob"}}


def family(t):
    t = t.lower()
    base = t.split("(")[0].strip()
    for fam, names in FAMILY.items():
        if t in names or base in names:
            return {fam}
    return {t}


def affinity(t):
    """SQLite's rules (datatype3 3.1), in their order."""
    t = t.upper()
    if "INT" in t:
        return "integer"
    if any(w in t for w in ("CHAR", "CLOB", "TEXT")):
        return "text"
    if not t or "BLOB" in t:
        return "blob"
    if any(w in t for w in ("REAL", "FLOA", "DOUB")):
        return "real"
    return "numeric"


# Firebird 3 keeps text, json and jsonb in one text blob.
FIREBIRD = {"blob sub_type text": {"text", "json"}}


def fam_of(dialect, t):
    if dialect == "firebird" and t.lower() in FIREBIRD:
        return FIREBIRD[t.lower()]
    if dialect != "sqlite":
        return family(t)
    fam = family(t)
    return fam if fam != {t.lower()} else AFFINITY[affinity(t)]


# Derived names are cut to the shortest identifier limit among the
# dialects compared (Firebird 3: 31 bytes), PostgreSQL's way: such a
# name compares by its kind's suffix alone.
LIMIT = {"firebird": 31}
limit = None


def cut(name):
    if limit and name and len(name.encode()) >= limit:
        return "~" + name.rsplit("_", 1)[-1]
    return name


def shape(dialect, table):
    # An auto id's sequence default (PostgreSQL's serial) is no default.
    cols = [(c["name"], c["notnull"], c["pk"],
             c["default"] is not None and not c["autoincrement"])
            for c in table["columns"]]
    # A CHECK is its expression: which columns an engine lists for it
    # (PostgreSQL: all it references; others: the one it was written on)
    # is not part of what the migration built.
    # MySQL keeps one kind of unique key: a UNIQUE constraint and a
    # unique index are the same thing there.  So unique keys are
    # compared as one set, whichever way they were built.
    cons = sorted((k["kind"], cut(k["name"]),
                   norm_expr(k["check"]) if k["kind"] == "check"
                   else tuple(k["columns"]),
                   k["ref_table"], tuple(k["ref_columns"]),
                   (k["on_delete"] or "no action").lower(),
                   (k["on_update"] or "no action").lower())
                  for k in table["constraints"] if k["kind"] != "unique")
    uniq = {(cut(k["name"]), tuple(k["columns"]), None)
            for k in table["constraints"] if k["kind"] == "unique"}
    # (An index backing a constraint is that constraint.)
    uniq |= {(cut(i["name"]), tuple(k.get("column") or norm_expr(k.get("expr"))
                               for k in i["keys"]), norm_expr(i["where"]))
             for i in table["indexes"] if i["unique"] and not i["constraint"]}
    cons.append(("unique keys", tuple(sorted(uniq))))
    idx = sorted((cut(i["name"]), i["unique"],
                  tuple((k.get("column") or norm_expr(k.get("expr")),
                         k["desc"]) for k in i["keys"]),
                  norm_expr(i["where"]) or "")
                 for i in table["indexes"]
                 if not i["constraint"] and not i["unique"])
    types = {c["name"]: fam_of(dialect, c["type"]) for c in table["columns"]}
    # (An auto id's default is the engine's sequence, not the migration's.)
    defaults = [(c["name"], None if c["autoincrement"]
                 else norm_expr(c["default"])) for c in table["columns"]]
    return cols, cons, idx, types, defaults


# How each engine re-prints an expression, undone: PostgreSQL's casts
# ('a'::character varying, x::text) and its IN rewritten as
# = ANY (ARRAY[...]); MySQL's UTC_TIMESTAMP(6), which strata writes for
# CURRENT_TIMESTAMP on a timestamptz column; booleans as 0 and 1; != as
# <>.
CAST = re.compile(r"::\s*(?:character varying|double precision|"
                  r"timestamp with(?:out)? time zone|[a-z_][a-z0-9_]*)"
                  r"(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])?", re.I)
ANY_ARRAY = re.compile(r"=\s*any\s*\(\s*array\s*\[(.*?)\]\s*\)", re.I)
SAME = {"utc_timestamp ( 6 )": "current_timestamp", "utc_timestamp ( )":
        "current_timestamp", "now ( )": "current_timestamp",
        "false": "0", "true": "1"}
TOKEN = re.compile(r"'(?:[^']|'')*'|[A-Za-z_][A-Za-z0-9_$]*|\d+(?:\.\d+)?|"
                   r"[\"`][^\"`]*[\"`]|<>|!=|<=|>=|\|\||\S")
# Words after which '(' groups rather than calls.
GROUPING = {"and", "or", "not", "when", "then", "else", "case", "between"}


def norm_expr(e):
    """An expression as the engines agree on it, for comparing: casts
    and engine spellings undone, names unquoted, words lowered outside
    literals, and without grouping parentheses, which PostgreSQL adds and
    drops as it likes (so (a OR b) AND c would equal a OR (b AND c): no
    chain compared here relies on that)."""
    if e is None:
        return None
    e = ANY_ARRAY.sub(r" in (\1)", CAST.sub("", e))
    out, keep = [], []
    for tok in TOKEN.findall(e):
        if tok[:1] in ("\"", "`"):
            tok = tok[1:-1]
        if tok[:1] != "'":
            tok = {"!=": "<>"}.get(tok.lower(), tok.lower())
        if tok == "(":
            prev = out[-1] if out else ""
            keep.append(bool(re.match(r"[a-z_]", prev)) and
                        prev not in GROUPING)
            if not keep[-1]:
                continue
        elif tok == ")" and keep and not keep.pop():
            continue
        out.append(tok)
    e = " ".join(out)
    return SAME.get(e, e)


def main():
    docs = {}
    for path in sys.argv[1:]:
        dialect = path.rsplit("/", 1)[-1].split(".")[0]
        docs[dialect] = {t["name"]: t for t in json.load(open(path))["tables"]}
    names = list(docs)
    global limit
    limit = min((LIMIT[d] for d in names if d in LIMIT), default=None)
    ref = names[0]
    bad = 0
    for tname, t in docs[ref].items():
        if not t["exists"]:
            print(f"{ref}: {tname} does not exist")
            bad = 1
            continue
        rcols, rcons, ridx, rtypes, rdefs = shape(ref, t)
        for d in names[1:]:
            other = docs[d].get(tname)
            if not other or not other["exists"]:
                print(f"{d}: {tname} does not exist")
                bad = 1
                continue
            cols, cons, idx, types, defs = shape(d, other)
            for what, a, b in (("columns", rcols, cols),
                               ("defaults", rdefs, defs),
                               ("constraints", rcons, cons),
                               ("indexes", ridx, idx)):
                if a != b:
                    print(f"{tname} {what}: {ref} {a}\n  {d} {b}")
                    bad = 1
            for col, fams in types.items():
                if not (fams & rtypes.get(col, set())):
                    print(f"{tname}.{col} type: {ref} {sorted(rtypes.get(col, []))}"
                          f", {d} {sorted(fams)}")
                    bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main())
