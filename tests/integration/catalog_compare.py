"""catalog_compare.py - compare `strata inspect --json` documents of the
same tables on several dialects (used by cross_dialect.sh).  Prints each
difference and exits 1 when there is any."""
import json
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


def fam_of(dialect, t):
    if dialect != "sqlite":
        return family(t)
    fam = family(t)
    return fam if fam != {t.lower()} else AFFINITY[affinity(t)]


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
    cons = sorted((k["kind"], k["name"],
                   () if k["kind"] == "check" else tuple(k["columns"]),
                   k["ref_table"], tuple(k["ref_columns"]),
                   (k["on_delete"] or "no action").lower(),
                   (k["on_update"] or "no action").lower())
                  for k in table["constraints"] if k["kind"] != "unique")
    uniq = {(k["name"], tuple(k["columns"])) for k in table["constraints"]
            if k["kind"] == "unique"}
    # (An index backing a constraint is that constraint.)
    uniq |= {(i["name"], tuple(k.get("column") or k.get("expr")
                               for k in i["keys"]))
             for i in table["indexes"] if i["unique"] and not i["constraint"]}
    cons.append(("unique keys", tuple(sorted(uniq))))
    idx = sorted((i["name"], i["unique"],
                  tuple((k.get("column") or k.get("expr"), k["desc"])
                        for k in i["keys"]))
                 for i in table["indexes"]
                 if not i["constraint"] and not i["unique"])
    types = {c["name"]: fam_of(dialect, c["type"]) for c in table["columns"]}
    return cols, cons, idx, types


def main():
    docs = {}
    for path in sys.argv[1:]:
        dialect = path.rsplit("/", 1)[-1].split(".")[0]
        docs[dialect] = {t["name"]: t for t in json.load(open(path))["tables"]}
    names = list(docs)
    ref = names[0]
    bad = 0
    for tname, t in docs[ref].items():
        if not t["exists"]:
            print(f"{ref}: {tname} does not exist")
            bad = 1
            continue
        rcols, rcons, ridx, rtypes = shape(ref, t)
        for d in names[1:]:
            other = docs[d].get(tname)
            if not other or not other["exists"]:
                print(f"{d}: {tname} does not exist")
                bad = 1
                continue
            cols, cons, idx, types = shape(d, other)
            for what, a, b in (("columns", rcols, cols),
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
