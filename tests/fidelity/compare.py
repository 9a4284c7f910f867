"""compare.py - the differences between two normalised catalogs (the
engine's client's and strata's), and the two lists that may excuse one:
ALLOWED.md (deliberate, documented, generic sections only) and PENDING.md
(known defects being fixed; emptied as fixes land)."""
import fnmatch
import json
import re


class Diff:
    def __init__(self, path, attr, client, strata):
        self.path, self.attr = path, attr
        self.client, self.strata = client, strata
        self.step = ""

    def text(self):
        return (f"{self.path} {self.attr}: client={_j(self.client)} "
                f"strata={_j(self.strata)}")


def _j(v):
    return json.dumps(v, sort_keys=True, ensure_ascii=False)


def _values(path, a, b, out, skip=("sig",)):
    """Attribute by attribute: a dict's keys, anything else by equality."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b), key=str):
            if k in skip:
                continue
            if k not in a or k not in b or a[k] != b[k]:
                if isinstance(a.get(k), dict) and isinstance(b.get(k), dict):
                    _values(f"{path} {k}", a[k], b[k], out, skip)
                else:
                    out.append(Diff(path, k, a.get(k), b.get(k)))
    elif a != b:
        out.append(Diff(path, "value", a, b))


def _objects(kind, path, a, b, out, pair=False):
    """Objects of one kind keyed by name; with pair, an object present on
    both sides under two names (same definition) is one object whose
    name differs."""
    only_a = [k for k in a if k not in b]
    only_b = [k for k in b if k not in a]
    if pair:
        for ka in list(only_a):
            kb = next((k for k in only_b if b[k].get("sig") == a[ka].get("sig")),
                      None)
            if kb is None:
                continue
            only_a.remove(ka)
            only_b.remove(kb)
            name = a[ka].get("name") or "(unnamed)"
            out.append(Diff(f"{path}{kind} {name}", "name",
                            a[ka].get("name"), b[kb].get("name")))
            _values(f"{path}{kind} {name}", dict(a[ka], name=None),
                    dict(b[kb], name=None), out)
    for k in only_a:
        out.append(Diff(f"{path}{kind} {k}", "exists", True, False))
    for k in only_b:
        out.append(Diff(f"{path}{kind} {k}", "exists", False, True))
    for k in a:
        if k in b:
            _values(f"{path}{kind} {k}", a[k], b[k], out)


def diff(client, strata):
    out = []
    ct, st = client.get("tables", {}), strata.get("tables", {})
    for name in sorted(set(ct) | set(st)):
        if name not in st or name not in ct:
            out.append(Diff(f"table {name}", "exists", name in ct, name in st))
            continue
        a, b = ct[name], st[name]
        p = f"table {name} / "
        _objects("column", p, a["columns"], b["columns"], out)
        _objects("constraint", p, a["constraints"], b["constraints"], out,
                 pair=True)
        _objects("index", p, a["indexes"], b["indexes"], out, pair=True)
        _values(f"table {name}", a["options"], b["options"], out)
    for sec in sorted((set(client) | set(strata)) - {"tables"}):
        _objects(sec.rstrip("s"), "", client.get(sec, {}),
                 strata.get(sec, {}), out)
    return out


# --- the lists ------------------------------------------------------------

def _cells(line):
    return [c.strip().strip("`").strip() for c in line.strip().strip("|").split("|")]


def read_table(path, columns):
    """Rows of the first markdown table in path whose header has these
    columns, as dicts (backquotes around a cell are dropped)."""
    rows, head = [], None
    for line in open(path, encoding="utf-8"):
        if not line.lstrip().startswith("|"):
            if head:
                break
            continue
        cells = _cells(line)
        if head is None:
            if [c.lower() for c in cells[:len(columns)]] == columns:
                head = cells
            continue
        if set("".join(cells)) <= set("-: "):
            continue
        rows.append(dict(zip(columns, cells)))
    return rows


class Rule:
    """One row of ALLOWED.md or PENDING.md."""

    def __init__(self, row, source, n):
        self.row, self.source, self.n = row, source, n
        self.used = False

    def matches(self, dialect, chain, d):
        r = self.row
        return (self.dialect(dialect)
                and fnmatch.fnmatchcase(chain, r.get("chain", "*") or "*")
                and fnmatch.fnmatchcase(d.step + " " + d.text(),
                                        "*" + r["difference"]))

    def dialect(self, dialect):
        """The dialect cell: a pattern, or several separated by commas."""
        return any(fnmatch.fnmatchcase(dialect, p.strip())
                   for p in self.row["dialect"].split(","))

    def __str__(self):
        return f"{self.source} row {self.n}: {self.row['difference']}"


def load_rules(path, columns):
    return [Rule(r, path.rsplit("/", 1)[-1], n + 1)
            for n, r in enumerate(read_table(path, columns))]


def classify(d, dialect, chain, generic, allowed, pending):
    """'allowed', 'pending' or 'new' (a failure). An allowed rule applies
    only to a chain written in generic sections for this dialect: a
    difference in a dialect section is never allowed."""
    if generic:
        for r in allowed:
            if r.matches(dialect, chain, d) and _generic_ok(r, d):
                r.used = True
                return "allowed", r
    for r in pending:
        if r.matches(dialect, chain, d):
            r.used = True
            return "pending", r
    return "new", None


def _generic_ok(rule, d):
    # A name strata gave an unnamed constraint is strata's derived name
    # (docs/design.md §3.5): it never equals a name the client chose.
    if rule.row["rule"] == "generic-name":
        return d.attr == "name" and d.client != d.strata and \
            re.fullmatch(r"\w+", str(d.strata or "")) is not None
    return True
