#!/usr/bin/env python3
"""docrefs.py - point the tree's references to the old design notes
(`DESIGN §4`, `DIALECTS §3`, `STYLE §1 "Loader steps"`, `shared/DESIGN.md`)
at the project's own docs (`docs/design.md §3`), using the table below.

    scripts/docrefs.py [--check] [PATH...]

Rewrites every tracked text file outside docs/ (or only PATHs), then
re-wraps comment lines the longer text pushed past 79 columns.  A chain
of references ("DESIGN §6, §0", "DIALECTS §5 and §7") becomes one
("docs/design.md §7, §7.7").  Idempotent: the new form is not matched
again.  --check changes nothing and exits 1 when something would change.
Exit 1 also names every reference it cannot map: add it to SECTIONS,
TITLES or CONTEXT and run again."""
import os
import re
import subprocess
import sys

WIDTH = 79
DOCS = {"DESIGN": "design", "DIALECTS": "dialects", "STYLE": "style"}

# (old document, old section) -> (new document, new section or None for
# the whole document).  Sections absent here are unmappable on purpose.
SECTIONS = {
    ("DESIGN", "1"): ("architecture", "2"),
    ("DESIGN", "2"): ("design", "1"),
    ("DESIGN", "3"): ("design", "2"),
    ("DESIGN", "4"): ("design", "3"),
    ("DESIGN", "4.1"): ("design", "6"),
    ("DESIGN", "5"): ("abi", "1"),
    ("DESIGN", "6"): ("design", "7"),
    ("DESIGN", "7"): ("design", "8"),
    ("DESIGN", "8"): ("design", "9"),
    ("DESIGN", "9"): ("design", "10"),
    ("DESIGN", "10"): ("style", "5"),
    ("DESIGN", "11"): ("design", "12"),
    # STYLE §1 is the ABI sketch; every citation of it is the loader's.
    ("STYLE", "1"): ("abi", "7"),
    ("DIALECTS", "1"): ("dialects", "3"),
    ("DIALECTS", "2"): ("dialects", "4"),
    ("DIALECTS", "3"): ("dialects", "5"),
    ("DIALECTS", "4"): ("dialects", "2"),
    ("DIALECTS", "5"): ("dialects", "6"),
    ("DIALECTS", "6"): ("dialects", "4.1"),
    ("DIALECTS", "7"): ("dialects", "7"),
    ("DIALECTS", "8"): ("dialects", "8"),
    ("DIALECTS", "9"): ("dialects", "10"),
    ("DIALECTS", "10"): ("dialects", "9"),
}

# (old document, old section, title) -> new place.  Titles are matched
# case-insensitively with blanks folded.  DESIGN §0 has no place of its
# own: untitled, it is mapped by CONTEXT or not at all.
TITLES = {
    ("DESIGN", "0", "driver abi"): ("abi", "4"),
    ("DESIGN", "0", "loader"): ("abi", "7"),
    ("DESIGN", "0", "transactions"): ("design", "7"),
    ("DESIGN", "0", "lock timeouts and retries"): ("design", "5.3"),
    ("DESIGN", "0", "lock timeouts"): ("design", "5.3"),
    ("DESIGN", "0", "ensure outcomes"): ("design", "3.3"),
    ("DESIGN", "0", "fidelity"): ("design", "3.2"),
    ("DESIGN", "0", "derived downgrades"): ("design", "4"),
    ("DESIGN", "0", "sections"): ("design", "2.2"),
    ("DESIGN", "0", "mysql/mariadb online forms"): ("design", "5.2"),
    ("DESIGN", "0", "types"): ("dialects", "9"),
    ("DESIGN", "0", "checksums"): ("design", "2.5"),
    ("DESIGN", "0", "offline sql and lint"): ("design", "11"),
    ("DESIGN", "0", "schemas"): ("design", "10.1"),
    ("DESIGN", "0", "history tables"): ("design", "7.7"),
    ("DESIGN", "0", "exit codes"): ("design", "9.5"),
    ("DESIGN", "0", "options"): ("design", "10"),
    ("DESIGN", "4", "derived downgrades"): ("design", "4"),
    ("DESIGN", "4", "ensure semantics"): ("design", "3.3"),
    ("DESIGN", "4", "ensure semantics (idempotency)"): ("design", "3.3"),
    ("DESIGN", "4", "online operations, per dialect"): ("design", "5"),
    ("DESIGN", "4", "online operations"): ("design", "5"),
    ("DESIGN", "6", "commit shape"): ("design", "7.2"),
    ("DESIGN", "8", "output"): ("design", "9.4"),
    ("STYLE", "1", "loader steps"): ("abi", "7"),
}

# Where a file means something narrower than the section's default:
# (path suffix, old document, old section, title (None: untitled only;
# "*": any), regex the reference's line and the one before must match or
# None) -> place.  The first entry that fits wins; they are tried before
# the tables above.
CONTEXT = [
    # untitled DESIGN §0 (and the bare "(§0)" of runner.c)
    ("mysql/introspect.c", "DESIGN", "0", None, None, ("dialects", "3")),
    ("mysql/render.c", "DESIGN", "0", None, None, ("design", "5.2")),
    ("mysql/my.h", "DESIGN", "0", None, None, ("design", "11.2")),
    ("util/config.c", "DESIGN", "0", None, None, ("design", "10.2")),
    ("integration/boundary.sh", "DESIGN", "0", None, None,
     ("design", "11.3")),
    ("run/report.h", "DESIGN", "0", None, None, ("design", "3.3")),
    ("sql/ensure.h", "DESIGN", "0", None, None, ("design", "3.3")),
    ("chain/checksum.h", "DESIGN", "0", None, None, ("design", "2.5")),
    ("db/history.h", "DESIGN", "0", None, None, ("design", "7.7")),
    ("run/runner.c", "DESIGN", "0", None, None, ("design", "7.4")),
    # checksums are part of DESIGN §6; ours are design §2.5
    ("chain/checksum.h", "DESIGN", "6", None, None, ("design", "2.5")),
    ("chain/chain.h", "DESIGN", "6", None, r"[Cc]hecksum", ("design", "2.5")),
    ("db/history.h", "DESIGN", "6", None, None, ("design", "7.7")),
    ("sqlite_1000.sh", "DESIGN", "6", None, None, ("design", "7.2")),
    ("RESULTS.md", "DESIGN", "6", None, None, ("design", "7.2")),
    # exit codes and targets within DESIGN §8
    ("cli/main.c", "DESIGN", "8", None, None, ("design", "9.5")),
    ("util/error.h", "DESIGN", "8", None, None, ("design", "9.5")),
    ("cli/cli.c", "DESIGN", "8", None, r"exit code", ("design", "9.5")),
    ("data/bad/README.md", "DESIGN", "8", None, None, ("design", "9.5")),
    ("chain/target.h", "DESIGN", "8", None, None, ("design", "9.2")),
    # types, online forms and ensure within DESIGN §4
    ("types.c", "DESIGN", "4", None, None, ("dialects", "9")),
    ("postgres/pg.h", "DESIGN", "4", None, r"type", ("dialects", "9")),
    ("mysql/my.h", "DESIGN", "4", None, r"type", ("dialects", "9")),
    ("sqlite/sqlite.h", "DESIGN", "4", None, r"type", ("dialects", "9")),
    ("mysql/render.c", "DESIGN", "4", None, r"mapped|type",
     ("dialects", "9")),
    ("mysql/render.c", "DESIGN", "4", None, r"online forms",
     ("design", "5")),
    ("postgres/render.c", "DESIGN", "4", None, r"online forms",
     ("design", "5")),
    ("strata/driver.h", "DESIGN", "4", None, r"core decides|online",
     ("design", "3.4")),
    ("plan/group.h", "DESIGN", "4", None, None, ("design", "3.4")),
    ("plan/catcache.h", "DESIGN", "4", None, None, ("design", "3.4")),
    ("sql/ensure.h", "DESIGN", "4", None, None, ("design", "3.3")),
    ("sql/catalog.h", "DESIGN", "4", None, r"ensure", ("design", "3.3")),
    # the loader within DESIGN §5
    ("db/loader.h", "DESIGN", "5", None, None, ("abi", "7")),
    ("unit/test_loader.c", "DESIGN", "5", None, None, ("abi", "7")),
]

# What is scanned: tracked files outside these, read as UTF-8 text.
SKIP_DIRS = ("docs/", ".git/")
SKIP_FILES = ("scripts/docrefs.py",)
REFLOW = re.compile(r"(\.(c|h|sh|py)|(^|/)Makefile)$")

NBSP = "\x00"  # keeps "docs/x.md" and "§N" on one line while re-wrapping

# A line break inside a comment: the next line's comment leader.
BREAK = r"(?:[ \t]*\n[ \t]*(?:\*(?!/)|#+|//|--)?[ \t]*)"
GAP = r"(?:[ \t]+|%s)" % BREAK
DOCNAME = (r"(?<![A-Za-z0-9_/.])(?P<pre>(?:\.\./)?shared/)?"
           r"(?P<doc>DESIGN|DIALECTS|STYLE)(?P<md>\.md)?(?![A-Za-z0-9_])")
SECTION = r"§(?P<sec>\d+(?:\.\d+)?[a-z]?)(?![0-9])"
QUOTED = r'"(?P<qt>[^"\n]*(?:%s[^"\n]*)?)"' % BREAK

HEAD = re.compile(DOCNAME)
BARE = re.compile(r"(?<=\()%s(?=\))" % SECTION)


def norm_title(t):
    t = re.sub(BREAK, " ", t)
    return re.sub(r"\s+", " ", t).strip().lower()


def known_titles(doc, sec):
    return {t for (d, s, t) in TITLES if d == doc and s == sec}


class Ref:
    def __init__(self, doc, sec, title, start, end):
        self.doc, self.sec, self.title = doc, sec, title
        self.start, self.end = start, end


def parse_one(text, pos, doc):
    """At pos: GAP? §N [title] ['s].  Returns (sec, title, end) or None."""
    m = re.compile(r"(?:%s)?%s" % (GAP, SECTION)).match(text, pos)
    if not m:
        return None
    sec, end, title = m.group("sec"), m.end(), None
    q = re.compile(r"(?:%s)?%s" % (GAP, QUOTED)).match(text, end)
    if q:
        title, end = norm_title(q.group("qt")), q.end()
    else:
        # "DESIGN §0, Checksums", "DESIGN §6, "Commit shape"": a title
        # after a comma only when it is one the tables know.
        c = re.compile(r",%s(?:%s|(?P<w>[A-Za-z/]+(?: [A-Za-z/]+)*))"
                       % (GAP, QUOTED)).match(text, end)
        known = known_titles(doc, sec)
        if c and c.group("qt") is not None:
            if norm_title(c.group("qt")) in known:
                title, end = norm_title(c.group("qt")), c.end()
        elif c:
            words = list(re.finditer(r"[A-Za-z/]+", c.group("w")))
            for k in range(len(words), 0, -1):
                cand = " ".join(w.group(0) for w in words[:k]).lower()
                if cand in known:
                    title, end = cand, c.start("w") + words[k - 1].end()
                    break
    return sec, title, end


def parse_chain(text, m):
    """A chain of references starting with the document name at m."""
    doc = m.group("doc")
    one = parse_one(text, m.end(), doc)
    if not one:
        return None
    refs = [Ref(doc, one[0], one[1], m.start(), one[2])]
    pos = one[2]
    sep = re.compile(r"(?P<sep>,%s|%sand%s)" % (GAP, GAP, GAP))
    while True:
        s = sep.match(text, pos)
        if not s:
            break
        nxt = s.end()
        h = HEAD.match(text, nxt)
        if h and not h.group("pre"):
            one = parse_one(text, h.end(), h.group("doc"))
            if not one:
                break
            refs.append(Ref(h.group("doc"), one[0], one[1], nxt, one[2]))
        else:
            one = parse_one(text, nxt, doc) if text.startswith("§", nxt) \
                else None
            if not one:
                break
            refs.append(Ref(refs[-1].doc, one[0], one[1], nxt, one[2]))
        refs[-1].sep = s.group("sep")
        pos = one[2]
    poss = text.startswith("'s", pos)
    return refs, m.start(), pos + (2 if poss else 0), "'s" if poss else ""


def place(path, text, ref, context_only=False):
    """The new (doc, section) of ref, or None."""
    ls = text.rfind("\n", 0, ref.start)
    ls = text.rfind("\n", 0, ls) if ls > 0 else -1
    le = text.find("\n", ref.end)
    window = text[ls + 1:le if le >= 0 else len(text)]
    for suffix, doc, sec, title, rx, new in CONTEXT:
        if (path == suffix or path.endswith("/" + suffix)) and \
                doc == ref.doc and sec == ref.sec and \
                (title == "*" or title == ref.title) and \
                (rx is None or re.search(rx, window)):
            return new
    if context_only:
        return None
    if ref.title is not None:
        return TITLES.get((ref.doc, ref.sec, ref.title))
    if ref.doc == "DESIGN" and ref.sec == "0":
        return None
    return SECTIONS.get((ref.doc, ref.sec))


def render(places, seps):
    out, prev = [], None
    for i, (doc, sec) in enumerate(places):
        if i:
            out.append(seps[i] if seps else ", ")
        if doc != prev or sec is None:
            out.append("docs/%s.md" % doc + ("%s§%s" % (NBSP, sec)
                                               if sec else ""))
        else:
            out.append("§%s" % sec)
        prev = doc
    return "".join(out)


def one_line(sep):
    return re.sub(BREAK, " ", sep) if "\n" in sep else sep


def rewrite(path, text):
    """(new text, [unmapped messages], changed spans as (start, end))."""
    edits, bad = [], []

    def line_of(off):
        return text.count("\n", 0, off) + 1

    taken = []
    for m in HEAD.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        start = m.start()
        # "shared/DIALECTS.md section 8" and a bare "shared/DESIGN.md"
        if m.group("pre") or m.group("md"):
            s = re.compile(r"[ \t]+section[ \t]+(\d+)").match(text, m.end())
            if s:
                new = SECTIONS.get((m.group("doc"), s.group(1)))
                if new:
                    edits.append((start, s.end(), render([new], None)))
                else:
                    bad.append("%s:%d: %s section %s" % (
                        path, line_of(start), m.group(0), s.group(1)))
                taken.append((start, s.end()))
                continue
            if not re.compile(GAP + "?§").match(text, m.end()):
                edits.append((start, m.end(),
                              "docs/%s.md" % DOCS[m.group("doc")]))
                taken.append((start, m.end()))
                continue
        chain = parse_chain(text, m)
        if not chain:
            continue  # the word alone ("DESIGN" in other prose)
        refs, cstart, cend, poss = chain
        places = []
        for r in refs:
            p = place(path, text, r)
            if p is None:
                what = "%s §%s%s" % (r.doc, r.sec,
                                     ' "%s"' % r.title if r.title else "")
                bad.append("%s:%d: %s" % (path, line_of(r.start), what))
            places.append(p)
        taken.append((cstart, cend))
        if None in places:
            continue
        dedup = []
        for p in places:
            if p not in dedup:
                dedup.append(p)
        seps = None
        if len(dedup) == len(places):
            seps = [""] + [one_line(r.sep) for r in refs[1:]]
        edits.append((cstart, cend, render(dedup, seps) + poss))
    for m in BARE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        # A bare "(§N)" means the old design notes only where CONTEXT
        # says so for this file.
        r = Ref("DESIGN", m.group("sec"), None, m.start(), m.end())
        p = place(path, text, r, context_only=True)
        if p is None:
            bad.append("%s:%d: bare §%s" % (path, line_of(m.start()),
                                            r.sec))
            continue
        edits.append((m.start(), m.end(), render([p], None)))
    out, pos, spans = [], 0, []
    for a, b, new in sorted(edits):
        out.append(text[pos:a])
        at = sum(len(x) for x in out)
        out.append(new)
        spans.append((at, at + len(new)))
        pos = b
    out.append(text[pos:])
    return "".join(out), bad, spans


# ---- re-wrapping comment lines --------------------------------------------

def leader(line):
    """(column where the text starts, leader for a new line, kind) of a
    comment line, or None."""
    m = re.match(r"^(\s*)/\*\s", line)
    if m:
        return m.end(), m.group(1) + " * ", "c"
    m = re.match(r"^(\s*)\*(?!/)\s", line)
    if m:
        return m.end(), m.group(1) + "* ", "c"
    m = re.match(r"^(\s*#+)\s", line)
    if m:
        return m.end(), m.group(1) + " ", "#"
    i = line.find("/*")
    if i > 0:
        return i + 3, " " * i + " * ", "c"
    return None


def joinable(tail, nxt, lead, kind):
    """May tail, the words cut from a line, go to the front of nxt?"""
    if kind != "c" or "*/" in tail or not nxt.startswith(lead):
        return False
    body = nxt[len(lead):]
    return bool(body) and not body[0].isspace() and body.strip() != "*/"


def reflow(lines, i, warn):
    while i < len(lines) and len(lines[i]) > WIDTH:
        line = lines[i]
        lead = leader(line)
        cut = line.rfind(" ", 0, WIDTH + 1) if lead else -1
        # a comment's "*/" goes with the last word, not alone
        while lead and cut > lead[0] and line[cut:].strip().startswith("*/"):
            cut = line.rfind(" ", 0, cut)
        if not lead or cut <= lead[0]:
            warn(i, line)
            return
        head, tail = line[:cut].rstrip(), line[cut:].strip()
        if not tail:
            lines[i] = head
            return
        lines[i] = head
        start, new_lead, kind = lead
        if i + 1 < len(lines) and joinable(tail, lines[i + 1], new_lead,
                                           kind):
            body = lines[i + 1][len(new_lead):]
            gap = "  " if re.search(r"[.!?][)\"']?$", tail) and \
                body[:1].isupper() else " "
            lines[i + 1] = new_lead + tail + gap + body
        else:
            lines.insert(i + 1, new_lead + tail)
        i += 1


def rewrap(text, spans, warn):
    lines = text.split("\n")
    starts, off = [], 0
    for ln in lines:
        starts.append(off)
        off += len(ln) + 1
    touched = sorted({max(j for j, s in enumerate(starts) if s <= a)
                      for a, _ in spans})
    # bottom up, so that inserted lines do not move the ones still to do
    for j in reversed(touched):
        reflow(lines, j, warn)
    return "\n".join(lines)


# ---- files ----------------------------------------------------------------

def tracked(top):
    try:
        out = subprocess.run(["git", "-C", top, "ls-files", "-z"],
                             capture_output=True, check=True).stdout
        return [p for p in out.decode().split("\0") if p]
    except (OSError, subprocess.CalledProcessError):
        found = []
        for d, dirs, files in os.walk(top):
            dirs[:] = [x for x in dirs
                       if not x.startswith(".") and not x.startswith("build")]
            found += [os.path.relpath(os.path.join(d, f), top) for f in files]
        return found


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    top = os.path.normpath(os.path.join(os.path.dirname(
        os.path.abspath(__file__)), ".."))
    paths = args or tracked(top)
    changed, bad, long_lines = [], [], []
    for rel in sorted(paths):
        rel = os.path.relpath(os.path.join(top, rel), top).replace(os.sep,
                                                                   "/")
        if rel.startswith(SKIP_DIRS) or rel in SKIP_FILES:
            continue
        full = os.path.join(top, rel)
        try:
            with open(full, encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError):
            continue
        if "§" not in text and "shared/" not in text:
            continue
        new, unmapped, spans = rewrite(rel, text)
        bad += unmapped
        if new == text:
            continue
        if REFLOW.search(rel):
            new = rewrap(new, spans, lambda i, ln: long_lines.append(
                "%s:%d: still %d columns" % (rel, i + 1, len(ln))))
        new = new.replace(NBSP, " ")
        changed.append(rel)
        if not check:
            with open(full, "w", encoding="utf-8") as f:
                f.write(new)
    verb = "would change" if check else "changed"
    for c in changed:
        print("docrefs: %s %s" % (verb, c))
    for w in long_lines:
        print("docrefs: warning: %s" % w, file=sys.stderr)
    for b in bad:
        print("docrefs: cannot map %s" % b, file=sys.stderr)
    if bad:
        print("docrefs: %d reference(s) left as they were; add them to "
              "the tables in scripts/docrefs.py" % len(bad), file=sys.stderr)
    if not changed and not bad:
        print("docrefs: every reference points into docs/")
    return 1 if bad or (check and changed) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
