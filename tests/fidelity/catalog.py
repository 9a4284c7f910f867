"""catalog.py - read one database's structure into a normalised dict, per
engine, from the engine's own catalog: SQLite's sqlite_schema and pragmas,
PostgreSQL's pg_catalog (format_type, pg_get_constraintdef,
pg_get_indexdef), MariaDB's information_schema and SHOW CREATE TABLE.
strata's own tables are left out.

Shape (the same on every engine, so one comparer serves all three):
  {"tables": {name: {"columns": {name: {...}},
                     "constraints": {key: {"name", "sig", ...}},
                     "indexes": {key: {"name", "sig", ...}},
                     "options": {...}}},
   "views": {...}, "triggers": {...}, "sequences": {...}, "types": {...},
   "routines": {...}}
A constraint or index is keyed by its name, or by "~" + its definition
when the engine keeps no name; "sig" is its definition without the name,
so the comparer can pair the same object under two names."""
import json
import re
import sqlite3
import subprocess
import xml.etree.ElementTree as ET

import sqltext

OWN = ("strata_history", "strata_version")


def _keyed(items):
    out = {}
    for it in items:
        key = it["name"] if it.get("name") else "~" + it["sig"]
        while key in out:  # two unnamed twins: keep both
            key += "'"
        out[key] = it
    return out


# --- SQLite ---------------------------------------------------------------

def sqlite_catalog(path):
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return _sqlite(con)
    finally:
        con.close()


def _sqlite(con):
    q = con.execute
    out = {"tables": {}, "views": {}, "triggers": {}}
    rows = q("SELECT type, name, tbl_name, sql FROM sqlite_schema "
             "ORDER BY type, name").fetchall()
    sqls = {(t, n): s for t, n, _, s in rows}
    for typ, name, tbl, sql in rows:
        if name in OWN or tbl in OWN or name.startswith("sqlite_"):
            continue
        if typ in ("view", "trigger"):
            out[typ + "s"][name] = {"table": tbl, "sql": sqltext.norm_expr(sql)}
    for (typ, name), sql in sqls.items():
        if typ != "table" or name in OWN or name.startswith("sqlite_"):
            continue
        parsed = sqltext.sqlite_table(sql)
        t = {"columns": {}, "constraints": {}, "indexes": {}, "options": {}}
        for cid, cname, ctype, notnull, dflt, pk, hidden in q(
                f'PRAGMA table_xinfo("{name}")'):
            extra = parsed["columns"].get(cname, {})
            t["columns"][cname] = {
                "position": cid,
                # SQLite matches type names without regard to case
                # (affinity, and the drivers that read them)
                "type": re.sub(r"\s*([(),])\s*", r"\1", ctype).lower(),
                "notnull": bool(notnull),
                "default": sqltext.norm_expr(dflt),
                "pk": pk,
                "hidden": hidden,
                "collate": extra.get("collate"),
                "generated": extra.get("generated"),
                "autoincrement": extra.get("autoincrement", False),
            }
        # foreign keys as the engine resolved them (the text may spell
        # the default actions or not); deferrability from the text
        fks = {}
        for fid, _, rt, frm, to, upd, dele, match in q(
                f'PRAGMA foreign_key_list("{name}")'):
            f = fks.setdefault(fid, {"ref": rt, "columns": [], "to": [],
                                     "on_update": upd, "on_delete": dele,
                                     "match": match})
            f["columns"].append(frm)
            f["to"].append(to)
        cons = []
        for c in parsed["constraints"]:
            c = dict(c)
            if c["kind"] == "check":  # column or table level: one thing
                c["columns"] = []
            if c["kind"] == "foreign key":
                m = re.search(r"(not )?deferrable( initially \w+)?", c["def"])
                ref = re.match(r"references (\S+?)\(", c["def"] + "(")
                for fid, f in list(fks.items()):
                    if [x.lower() for x in f["columns"]] == \
                            [x.lower() for x in c["columns"]] and ref and \
                            f["ref"].lower() == ref.group(1).strip('"'):
                        c["def"] = dict(f, deferrable=m and m.group(0))
                        del fks[fid]
                        break
            c["sig"] = (f'{c["kind"]} ({",".join(c["columns"])}) '
                        + json.dumps(c["def"], sort_keys=True))
            cons.append(c)
        t["constraints"] = _keyed(cons)
        idx = []
        for _, iname, unique, origin, partial in q(
                f'PRAGMA index_list("{name}")'):
            keys = []
            for _, cid, col, desc, coll, key in q(
                    f'PRAGMA index_xinfo("{iname}")'):
                if key:
                    keys.append([col, bool(desc), coll])
            where = None
            isql = sqls.get(("index", iname))
            if isql:
                exprs, where = sqltext.sqlite_index(isql)
                for k, e in zip(keys, exprs):
                    if k[0] is None:  # parentheses make no node
                        k[0] = sqltext.strip_parens(
                            re.sub(r" (asc|desc)$", "", e))
            sig = f'{"unique " if unique else ""}{origin} {keys} {where}'
            # autoindexes are numbered by position in the table's text:
            # their name is not part of the schema anyone writes
            auto = iname.startswith("sqlite_autoindex_")
            idx.append({"name": None if auto else iname, "sig": sig,
                        "unique": bool(unique), "origin": origin,
                        "keys": keys, "where": where})
        t["indexes"] = _keyed(idx)
        info = q(f"SELECT strict, wr FROM pragma_table_list "
                 f"WHERE name = ?", (name,)).fetchone()
        t["options"] = {"strict": bool(info[0]), "without_rowid": bool(info[1])}
        out["tables"][name] = t
    return out


# --- PostgreSQL -------------------------------------------------------------

PG_QUERY = r"""
WITH t AS (
  SELECT c.oid, c.relname, c.relkind, c.relpersistence, c.reloptions
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
    AND c.relname NOT IN ('strata_history', 'strata_version'))
SELECT json_build_object(
 'tables', (SELECT coalesce(json_object_agg(t.relname, json_build_object(
   'kind', t.relkind, 'persistence', t.relpersistence,
   'options', t.reloptions, 'partkey', pg_get_partkeydef(t.oid),
   'comment', obj_description(t.oid, 'pg_class'),
   'inherits', (SELECT json_agg(i.inhparent::regclass::text ORDER BY i.inhseqno)
                FROM pg_inherits i WHERE i.inhrelid = t.oid),
   'columns', (SELECT json_agg(json_build_object(
       'name', a.attname, 'position', a.attnum,
       'type', format_type(a.atttypid, a.atttypmod),
       'notnull', a.attnotnull, 'default', pg_get_expr(d.adbin, d.adrelid),
       'collation', CASE WHEN a.attcollation <> ty.typcollation
                         THEN co.collname END,
       'identity', a.attidentity, 'generated', a.attgenerated,
       'comment', col_description(t.oid, a.attnum)) ORDER BY a.attnum)
     FROM pg_attribute a JOIN pg_type ty ON ty.oid = a.atttypid
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     LEFT JOIN pg_collation co ON co.oid = a.attcollation
     WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped),
   'constraints', (SELECT json_agg(json_build_object(
       'name', k.conname, 'type', k.contype, 'def', pg_get_constraintdef(k.oid),
       'deferrable', k.condeferrable, 'deferred', k.condeferred,
       'validated', k.convalidated,
       'comment', obj_description(k.oid, 'pg_constraint')) ORDER BY k.conname)
     FROM pg_constraint k WHERE k.conrelid = t.oid),
   'indexes', (SELECT json_agg(json_build_object(
       'name', ic.relname, 'def', pg_get_indexdef(i.indexrelid),
       'unique', i.indisunique, 'primary', i.indisprimary,
       'valid', i.indisvalid,
       'predicate', pg_get_expr(i.indpred, i.indrelid),
       'constraint', (SELECT k.conname FROM pg_constraint k
                      WHERE k.conindid = i.indexrelid AND k.conrelid = t.oid
                      LIMIT 1)) ORDER BY ic.relname)
     FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
     WHERE i.indrelid = t.oid))), '{}') FROM t),
 'views', (SELECT coalesce(json_object_agg(c.relname, json_build_object(
     'kind', c.relkind, 'def', pg_get_viewdef(c.oid))), '{}')
   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = current_schema() AND c.relkind IN ('v', 'm')),
 'sequences', (SELECT coalesce(json_object_agg(c.relname, json_build_object(
     'type', format_type(s.seqtypid, NULL), 'start', s.seqstart,
     'increment', s.seqincrement, 'min', s.seqmin, 'max', s.seqmax,
     'cache', s.seqcache, 'cycle', s.seqcycle,
     'owned_by', (SELECT r.relname || '.' || a.attname FROM pg_depend dp
                  JOIN pg_class r ON r.oid = dp.refobjid
                  JOIN pg_attribute a ON a.attrelid = r.oid
                       AND a.attnum = dp.refobjsubid
                  WHERE dp.objid = c.oid AND dp.classid = 'pg_class'::regclass
                    AND dp.deptype IN ('a', 'i') LIMIT 1))), '{}')
   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   JOIN pg_sequence s ON s.seqrelid = c.oid
   WHERE n.nspname = current_schema()
     AND c.relname NOT LIKE 'strata\_%'),
 'types', (SELECT coalesce(json_object_agg(ty.typname, json_build_object(
     'kind', ty.typtype,
     'labels', (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder)
                FROM pg_enum e WHERE e.enumtypid = ty.oid),
     'base', CASE WHEN ty.typtype = 'd'
                  THEN format_type(ty.typbasetype, ty.typtypmod) END)), '{}')
   FROM pg_type ty JOIN pg_namespace n ON n.oid = ty.typnamespace
   WHERE n.nspname = current_schema() AND ty.typtype IN ('e', 'd')),
 'triggers', (SELECT coalesce(json_object_agg(c.relname || '.' || tg.tgname,
     pg_get_triggerdef(tg.oid)), '{}')
   FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
   JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = current_schema() AND NOT tg.tgisinternal),
 'routines', (SELECT coalesce(json_object_agg(
     p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
     pg_get_functiondef(p.oid)), '{}')
   FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
   WHERE n.nspname = current_schema() AND p.prokind IN ('f', 'p')))
"""


def pg_catalogs(urls):
    """The catalogs of several databases, read by one psql."""
    args = ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", urls[0]]
    for i, url in enumerate(urls):
        if i:
            args += ["-c", "\\c " + url]
        args += ["-c", PG_QUERY]
    out = subprocess.run(args, capture_output=True, text=True,
                         check=True).stdout
    return [_pg(json.loads(line)) for line in out.split("\n") if line.strip()]


def _pg(raw):
    res = {k: raw[k] for k in ("views", "sequences", "types", "triggers",
                               "routines")}
    res["tables"] = {}
    for name, t in raw["tables"].items():
        cols = {}
        for c in t["columns"] or []:
            c = dict(c)
            cols[c.pop("name")] = c
        cons = []
        for k in t["constraints"] or []:
            k = dict(k)
            k["sig"] = k["type"] + " " + k["def"]
            cons.append(k)
        idx = []
        for i in t["indexes"] or []:
            if i["constraint"]:  # the constraint's definition says it
                continue
            i = dict(i)
            # the definition without the index's own name
            i["sig"] = i["def"].replace(
                " INDEX " + _pg_ident(i["name"]) + " ON ", " INDEX ON ", 1)
            idx.append(i)
        opts = {k: t[k] for k in ("kind", "persistence", "options", "partkey",
                                  "comment", "inherits")}
        res["tables"][name] = {"columns": cols, "constraints": _keyed(cons),
                               "indexes": _keyed(idx), "options": opts}
    return res


def _pg_ident(name):
    if re.fullmatch(r"[a-z_][a-z0-9_$]*", name):
        return name
    return '"' + name.replace('"', '""') + '"'


# --- MariaDB ----------------------------------------------------------------

MY_QUERIES = [
    ("tables", "SELECT table_name, table_type, engine, row_format, "
     "table_collation, create_options, table_comment "
     "FROM information_schema.tables WHERE table_schema = DATABASE()"),
    ("columns", "SELECT table_name, column_name, ordinal_position, "
     "column_type, is_nullable, column_default, character_set_name, "
     "collation_name, extra, generation_expression, column_comment "
     "FROM information_schema.columns WHERE table_schema = DATABASE()"),
    ("stats", "SELECT table_name, index_name, non_unique, seq_in_index, "
     "column_name, sub_part, collation, index_type, index_comment "
     "FROM information_schema.statistics WHERE table_schema = DATABASE() "
     "ORDER BY table_name, index_name, seq_in_index"),
    ("kcu", "SELECT table_name, constraint_name, column_name, "
     "referenced_table_name, referenced_column_name "
     "FROM information_schema.key_column_usage "
     "WHERE constraint_schema = DATABASE() AND referenced_table_name IS NOT NULL "
     "ORDER BY table_name, constraint_name, ordinal_position"),
    ("refs", "SELECT table_name, constraint_name, update_rule, delete_rule "
     "FROM information_schema.referential_constraints "
     "WHERE constraint_schema = DATABASE()"),
    ("checks", "SELECT table_name, constraint_name, check_clause, level "
     "FROM information_schema.check_constraints "
     "WHERE constraint_schema = DATABASE()"),
    ("views", "SELECT table_name, view_definition, check_option, "
     "is_updatable, security_type, algorithm "
     "FROM information_schema.views WHERE table_schema = DATABASE()"),
    ("triggers", "SELECT trigger_name, event_manipulation, "
     "event_object_table, action_statement, action_timing, action_order "
     "FROM information_schema.triggers WHERE trigger_schema = DATABASE()"),
    ("routines", "SELECT routine_name, routine_type, routine_definition, "
     "data_type FROM information_schema.routines "
     "WHERE routine_schema = DATABASE()"),
]


def _my_rows(client, db, sql):
    """Rows of each result set of sql (several statements), via --xml."""
    out = subprocess.run(client + ["--xml", "-D", db, "-e", sql],
                         capture_output=True, text=True, check=True).stdout
    sets = []
    nil = "{http://www.w3.org/2001/XMLSchema-instance}nil"
    for doc in out.split('<?xml version="1.0"?>'):
        if not doc.strip():
            continue
        root = ET.fromstring(doc)
        rows = []
        for row in root.findall("row"):
            rows.append({f.get("name").lower():
                         None if f.get(nil) == "true" else (f.text or "")
                         for f in row.findall("field")})
        sets.append(rows)
    return sets


def my_catalogs(client, dbs):
    """The catalogs of several databases: two mariadb runs in all."""
    nq = len(MY_QUERIES)
    sql = ";\n".join(f"USE `{db}`;\n" + ";\n".join(q for _, q in MY_QUERIES)
                     for db in dbs)
    sets = _my_rows(client, dbs[0], sql)
    datas = [dict(zip([n for n, _ in MY_QUERIES], sets[i * nq:(i + 1) * nq]))
             for i in range(len(dbs))]
    bases = [[r for r in data["tables"] if r["table_type"] == "BASE TABLE"
              and r["table_name"] not in OWN] for data in datas]
    wanted = [(db, r["table_name"]) for db, bs in zip(dbs, bases) for r in bs]
    shows = {}
    if wanted:
        sql = ";\n".join("SHOW CREATE TABLE `%s`.`%s`" % (
            db, n.replace("`", "``")) for db, n in wanted)
        for key, rows in zip(wanted, _my_rows(client, dbs[0], sql)):
            shows[key] = rows[0]["create table"]
    return [_my(data, bs, db, shows) for data, bs, db in zip(datas, bases, dbs)]


def _my(data, bases, db, shows):
    res = {"tables": {}, "views": {}, "triggers": {}, "routines": {}}
    dbq = re.escape("`" + db + "`.")
    for r in bases:
        n = r["table_name"]
        show = shows.get((db, n), "")
        # the options follow the line that closes the column list
        tail = show[show.rfind("\n)") + 2:]
        tail = re.sub(r"\s*AUTO_INCREMENT=\d+", "", tail).strip()
        res["tables"][n] = {
            "columns": {}, "constraints": {}, "indexes": {},
            "options": {"engine": r["engine"], "row_format": r["row_format"],
                        "collation": r["table_collation"],
                        "create_options": r["create_options"],
                        "comment": r["table_comment"],
                        "show_create_options": tail}}
    for c in data["columns"]:
        t = res["tables"].get(c["table_name"])
        if t is None:
            continue
        t["columns"][c["column_name"]] = {
            "position": int(c["ordinal_position"]), "type": c["column_type"],
            "notnull": c["is_nullable"] == "NO", "default": c["column_default"],
            "charset": c["character_set_name"], "collation": c["collation_name"],
            "extra": c["extra"], "generated": c["generation_expression"],
            "comment": c["column_comment"]}
    idx = {}
    for s in data["stats"]:
        if s["table_name"] not in res["tables"]:
            continue
        i = idx.setdefault((s["table_name"], s["index_name"]), {
            "name": s["index_name"], "unique": s["non_unique"] == "0",
            "type": s["index_type"], "comment": s["index_comment"], "keys": []})
        i["keys"].append([s["column_name"], s["sub_part"], s["collation"]])
    for (tn, _), i in idx.items():
        i["sig"] = f'{"unique " if i["unique"] else ""}{i["type"]} {i["keys"]}'
        res["tables"][tn]["indexes"].setdefault(i["name"], i)
    # PRIMARY KEY and UNIQUE are indexes there (above); foreign keys and
    # checks are constraints, checks in a namespace of their own
    fk = {}
    for k in data["kcu"]:
        f = fk.setdefault((k["table_name"], k["constraint_name"]),
                          {"columns": [], "ref": k["referenced_table_name"],
                           "ref_columns": []})
        f["columns"].append(k["column_name"])
        f["ref_columns"].append(k["referenced_column_name"])
    for k in data["refs"]:
        f = fk.get((k["table_name"], k["constraint_name"]))
        if f:
            f["on_update"], f["on_delete"] = k["update_rule"], k["delete_rule"]
    for (tn, cn), f in fk.items():
        if tn in res["tables"]:
            f.update(name=cn, sig="FOREIGN KEY " + json.dumps(f, sort_keys=True))
            res["tables"][tn]["constraints"][cn] = f
    for k in data["checks"]:
        if k["table_name"] in res["tables"]:
            c = {"name": k["constraint_name"], "clause": k["check_clause"],
                 "level": k["level"]}
            # (the level is compared once paired: a name and a level
            # are two differences, not one missing and one extra check)
            c["sig"] = f'CHECK {c["clause"]}'
            res["tables"][k["table_name"]]["constraints"][
                "check " + k["constraint_name"]] = c
    for v in data["views"]:
        res["views"][v["table_name"]] = {
            k: re.sub(dbq, "", v[k] or "") for k in v if k != "table_name"}
    for g in data["triggers"]:
        res["triggers"][g["trigger_name"]] = {
            k: re.sub(dbq, "", g[k] or "") for k in g if k != "trigger_name"}
    for p in data["routines"]:
        res["routines"][p["routine_name"]] = p
    return res
