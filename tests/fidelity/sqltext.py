"""sqltext.py - the text side of the fidelity suite: migration files cut
into sections, statements counted, and SQL expressions normalised so that
two spellings of one definition compare equal (quotes, case, spacing)."""
import re

DIRECTIVE = re.compile(r"^--\s*\+(up|down|verify)\b\s*([A-Za-z0-9_,\s]*)$")
HEADER = re.compile(r"^--\s*([a-z_][a-z0-9_]*):\s*(.*)$")


class Migration:
    """One migration file: header keys and its sections in file order,
    each (direction, dialects or None for generic, text)."""

    def __init__(self, path):
        self.path = path
        self.header = {}
        self.sections = []
        cur = None
        for line in open(path, encoding="utf-8").read().split("\n"):
            m = DIRECTIVE.match(line.strip())
            if m:
                names = [d.strip() for d in m.group(2).split(",") if d.strip()]
                cur = [m.group(1), names or None, []]
                self.sections.append(cur)
                continue
            if cur is None:
                h = HEADER.match(line.strip())
                if h:
                    self.header[h.group(1)] = h.group(2).strip()
                continue
            cur[2].append(line)
        self.sections = [(d, n, "\n".join(t)) for d, n, t in self.sections]
        self.revision = self.header.get("revision")
        self.revises = self.header.get("revises", "base")

    def has(self, direction, dialect):
        """True when a section of this direction applies to dialect."""
        return any(d == direction and (n is None or dialect in n)
                   for d, n, _ in self.sections)

    def scoped(self, dialect):
        """True when some section names dialect (a dialect section)."""
        return any(n is not None and dialect in n for _, n, _ in self.sections)

    def text(self, direction, dialect):
        """What the engine's client runs: the generic and the dialect's
        sections of one direction, in file order."""
        return "\n".join(t for d, n, t in self.sections
                         if d == direction and (n is None or dialect in n))


# --- tokens -------------------------------------------------------------

TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<lcomment>--[^\n]*)
  | (?P<bcomment>/\*.*?\*/)
  | (?P<dollar>\$(?P<tag>[A-Za-z_][A-Za-z0-9_]*)?\$.*?\$(?P=tag)?\$)
  | (?P<string>[EeNnXxBb]?'(?:[^'\\]|''|\\.)*')
  | (?P<qident>"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\])
  | (?P<number>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+)
  | (?P<word>[A-Za-z_\x80-\U0010ffff][A-Za-z0-9_$\x80-\U0010ffff]*)
  | (?P<op>::|<>|<=|>=|!=|\|\||->>|->|.)
""", re.X | re.S)


def tokens(sql, keep_comments=False):
    """(kind, text) pairs; whitespace and comments dropped."""
    out = []
    for m in TOKEN.finditer(sql):
        kind = m.lastgroup if m.lastgroup != "tag" else "dollar"
        if kind in ("ws",) or (kind.endswith("comment") and not keep_comments):
            continue
        if m.group("dollar") is not None:
            kind = "dollar"
        out.append((kind, m.group(0)))
    return out


def unquote(tok):
    kind, text = tok
    if kind == "qident":
        if text[0] == "[":
            return text[1:-1]
        q = text[0]
        return text[1:-1].replace(q + q, q)
    return text


def norm_expr(sql, fold=True):
    """An expression or definition as a canonical string: quoted
    identifiers unquoted, words lower-cased (identifiers in expressions
    are case-insensitive on the three engines, keywords always), strings
    kept, one space between tokens except around punctuation."""
    if sql is None:
        return None
    out = []
    for kind, text in tokens(sql):
        if kind == "qident":
            text = unquote((kind, text))
            if fold:
                text = text.lower()
        elif kind == "word" and fold:
            text = text.lower()
        out.append(text)
    s = " ".join(out)
    s = re.sub(r" ?([(),.]) ?", r"\1", s)
    return s


def strip_parens(s):
    """'((a > 0))' -> 'a > 0': engines add or drop outer parentheses."""
    while s and s.startswith("(") and s.endswith(")"):
        depth = 0
        for i, ch in enumerate(s):
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0 and i < len(s) - 1:
                return s
        s = s[1:-1].strip()
    return s


# --- statements -----------------------------------------------------------

DDL = ("create", "alter", "drop", "comment", "rename")


def statements(text, dialect):
    """The statements of a section, roughly as the engine's client cuts
    them (enough to count them): ';' outside quotes, comments and
    parentheses; trigger bodies (BEGIN ... END) kept whole, and MySQL's
    DELIMITER lines honoured."""
    if dialect == "mysql" and re.search(r"(?im)^\s*delimiter\s", text):
        out, delim, chunk = [], ";", []
        for line in text.split("\n") + ["DELIMITER ;"]:
            m = re.match(r"(?i)^\s*delimiter\s+(\S+)\s*$", line)
            if not m:
                chunk.append(line)
                continue
            body = "\n".join(chunk)
            if delim == ";":
                out += statements(body, "")
            else:
                out += [s.strip() for s in body.split(delim) if s.strip()]
            delim, chunk = m.group(1), []
        return out
    stmts, cur, depth, in_body = [], [], 0, 0
    for kind, t in tokens(text):
        w = t.upper() if kind == "word" else None
        if w in ("BEGIN", "CASE") and cur and cur[0][1].upper() == "CREATE":
            in_body += 1
        elif w == "END" and in_body:
            in_body -= 1
        if kind == "op" and t in "()":
            depth += 1 if t == "(" else -1
        if kind == "op" and t == ";" and depth == 0 and not in_body:
            if cur:
                stmts.append(cur)
            cur = []
            continue
        cur.append((kind, t))
    if cur:
        stmts.append(cur)
    return [" ".join(t for _, t in s) for s in stmts]


def is_ddl(stmt):
    w = stmt.split(None, 1)[0].lower() if stmt.strip() else ""
    return w in DDL


# --- SQLite CREATE TABLE --------------------------------------------------

COL_START = {"CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK",
             "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS"}
TABLE_START = {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"}


def _split_top(toks, sep=","):
    parts, cur, depth = [], [], 0
    for tok in toks:
        if tok[0] == "op" and tok[1] == "(":
            depth += 1
        elif tok[0] == "op" and tok[1] == ")":
            depth -= 1
        if depth == 0 and tok[0] == "op" and tok[1] == sep:
            parts.append(cur)
            cur = []
            continue
        cur.append(tok)
    if cur:
        parts.append(cur)
    return parts


def _text(toks):
    return norm_expr(" ".join(t for _, t in toks))


def _upper(tok):
    return tok[1].upper() if tok[0] == "word" else None


def _paren(toks, i):
    """Index after the parenthesised group starting at toks[i]."""
    depth = 0
    for j in range(i, len(toks)):
        if toks[j] == ("op", "("):
            depth += 1
        elif toks[j] == ("op", ")"):
            depth -= 1
            if depth == 0:
                return j + 1
    return len(toks)


def _clauses(toks):
    """Column or table constraint clauses: [(name or None, [tokens])]."""
    out, i, name = [], 0, None
    cur = None
    while i < len(toks):
        w = _upper(toks[i])
        if w == "CONSTRAINT":
            name = unquote(toks[i + 1])
            i += 2
            continue
        starts = w in COL_START or w == "FOREIGN"
        # NOT DEFERRABLE belongs to a REFERENCES clause, not NOT NULL
        if w == "NOT" and i + 1 < len(toks) and _upper(toks[i + 1]) == "DEFERRABLE":
            starts = False
        if w == "NULL" and cur and _upper(cur[1][-1]) in ("SET",):
            starts = False
        if w == "AS" and cur and _upper(cur[1][0]) == "GENERATED":
            starts = False
        if w == "NULL" and cur and _upper(cur[1][-1]) in ("NOT", "DEFAULT"):
            starts = False
        if starts:
            cur = (name, [])
            name = None
            out.append(cur)
        if toks[i] == ("op", "("):
            j = _paren(toks, i)
            cur[1].extend(toks[i:j])
            i = j
            continue
        if cur is None:
            cur = (None, [])
            out.append(cur)
        cur[1].append(toks[i])
        i += 1
    return out


def sqlite_table(sql):
    """Parse a CREATE TABLE text into what the pragmas do not show:
    per-column COLLATE, generated expressions, AUTOINCREMENT and the
    constraints (column and table level alike, with their names)."""
    toks = tokens(sql)
    i = next(k for k, t in enumerate(toks) if t == ("op", "("))
    j = _paren(toks, i)
    body, tail = toks[i + 1:j - 1], toks[j:]
    cols, cons = {}, []
    for item in _split_top(body):
        if _upper(item[0]) in TABLE_START:
            name = None
            if _upper(item[0]) == "CONSTRAINT":
                name, item = unquote(item[1]), item[2:]
            cons.append(_constraint(name, item, None))
            continue
        cname = unquote(item[0])
        k = 1
        while k < len(item) and _upper(item[k]) not in COL_START:
            k = _paren(item, k) if item[k] == ("op", "(") else k + 1
        info = {"collate": None, "generated": None, "autoincrement": False}
        for name, cl in _clauses(item[k:]):
            w = _upper(cl[0])
            if w == "COLLATE":
                info["collate"] = unquote(cl[1]).lower()
            elif w in ("GENERATED", "AS"):
                p = next(x for x, t in enumerate(cl) if t == ("op", "("))
                q = _paren(cl, p)
                kind = _upper(cl[q]) if q < len(cl) else None
                info["generated"] = {"expr": strip_parens(_text(cl[p:q])),
                                     "stored": kind == "STORED"}
            elif w == "PRIMARY":
                info["autoincrement"] = any(_upper(t) == "AUTOINCREMENT"
                                            for t in cl)
                cons.append(_constraint(name, cl, cname))
            elif w in ("UNIQUE", "CHECK", "REFERENCES"):
                cons.append(_constraint(name, cl, cname))
            elif name is not None:
                # CONSTRAINT n NOT NULL / DEFAULT: a name SQLite keeps
                cons.append({"kind": w.lower(), "name": name,
                             "columns": [cname], "def": _text(cl)})
        cols[cname] = info
    opts = sorted({_upper(t) for t in tail if _upper(t) in ("STRICT", "ROWID")})
    return {"columns": cols, "constraints": cons,
            "options": ["WITHOUT ROWID" if o == "ROWID" else o for o in opts]}


def _constraint(name, cl, column):
    w = _upper(cl[0])
    kind = {"PRIMARY": "primary key", "UNIQUE": "unique", "CHECK": "check",
            "FOREIGN": "foreign key", "REFERENCES": "foreign key"}.get(w, w)
    cols = [column] if column else []
    rest = cl
    if not column and kind in ("primary key", "unique", "foreign key"):
        p = next(x for x, t in enumerate(cl) if t == ("op", "("))
        q = _paren(cl, p)
        cols = [_text([t]) if t[0] != "qident" else unquote(t)
                for t in cl[p + 1:q - 1] if t != ("op", ",")]
        cols = [c for c in cols if c.upper() not in ("ASC", "DESC")]
        rest = cl[q:]
    if kind == "check":
        p = next(x for x, t in enumerate(cl) if t == ("op", "("))
        d = strip_parens(_text(cl[p:_paren(cl, p)]))
    elif kind == "foreign key":
        r = next(x for x, t in enumerate(rest) if _upper(t) == "REFERENCES")
        d = _text(rest[r:])
    else:
        d = _text(rest[2:]) if len(rest) > 2 else ""
    return {"kind": kind, "name": name, "columns": cols, "def": d}


def sqlite_index(sql):
    """The key expressions and the WHERE of a CREATE INDEX text."""
    toks = tokens(sql)
    i = next(k for k, t in enumerate(toks) if t == ("op", "("))
    j = _paren(toks, i)
    keys = [_text(k) for k in _split_top(toks[i + 1:j - 1])]
    where = None
    if j < len(toks) and _upper(toks[j]) == "WHERE":
        where = strip_parens(_text(toks[j + 1:]))
    return keys, where
