"""json_schema.py - check one `strata --json` run against docs/json.md
(used by json_schema.sh).

    json_schema.py DOCS SECTION EXIT_CODE < stdout

stdout must be one JSON document on one line whose members are those
docs/json.md lists for SECTION (a heading such as "## `upgrade`,
`downgrade`, `stamp`" names its sections) plus the members of every
document: each key documented, of a documented type, and every key not
marked optional present.  The elements of an array whose members are
documented (`a[].b`) are objects.  A failure before the verb built its document
is the common members only.  Prints each problem; exits 1 when any."""
import json
import re
import sys

TYPES = {"string": str, "integer": int, "boolean": bool, "array": list,
         "object": dict, "null": type(None)}


def load_schema(path):
    """{section: {key path: (set of type names, optional)}}"""
    sections, current = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            head = re.match(r"^## (.*)", line)
            if head:
                names = re.findall(r"`([^`]+)`", head.group(1))
                if head.group(1) == "Every document":
                    names = ["*"]
                current = {}
                for n in names:
                    sections[n] = current
                continue
            row = re.match(r"^\| `([^`]+)` \| ([^|]+) \|", line)
            if row and current is not None:
                kinds = row.group(2).strip()
                optional = kinds.endswith(", optional")
                kinds = kinds.replace(", optional", "")
                types = {t.strip() for t in kinds.split(" or ")}
                bad = types - set(TYPES) - {"any"}
                if bad:
                    sys.exit(f"{path}: `{row.group(1)}`: unknown type {bad}")
                current[row.group(1)] = (types, optional)
    return sections


def type_name(v):
    for name, t in TYPES.items():
        # bool is an int in Python: match it first, and only as boolean.
        if isinstance(v, bool):
            return "boolean"
        if isinstance(v, t):
            return name
    return "?"


def check(doc, spec, problems):
    def walk(v, path):
        if path not in spec and any(k.startswith(path + ".") for k in spec):
            spec[path] = ({"object"}, False)  # `a[]` of `a[].b` rows
        if path not in spec:
            problems.append(f"undocumented key `{path}`")
            return
        types, _ = spec[path]
        if "any" in types:
            return
        if type_name(v) not in types:
            problems.append(f"`{path}` is {type_name(v)}, documented as "
                            f"{' or '.join(sorted(types))}")
        if isinstance(v, dict):
            members(v, path + ".")
        elif isinstance(v, list):
            for x in v:
                walk(x, path + "[]")

    def members(obj, prefix):
        for k, x in obj.items():
            walk(x, prefix + k)
        for key, (_, optional) in spec.items():
            if (key.startswith(prefix) and "." not in key[len(prefix):]
                    and not key.endswith("[]") and not optional
                    and key[len(prefix):] not in obj):
                problems.append(f"missing key `{key}`")

    if not isinstance(doc, dict):
        problems.append("the document is not an object")
        return
    members(doc, "")


def main():
    docs, section, code = sys.argv[1], sys.argv[2], int(sys.argv[3])
    schemas = load_schema(docs)
    text = sys.stdin.read()
    problems = []
    if section not in schemas:
        print(f"docs/json.md has no section for `{section}`")
        return 1
    if text.count("\n") != 1 or not text.endswith("\n"):
        problems.append(f"stdout is not one line: {text!r}")
    try:
        doc = json.loads(text)
    except ValueError as e:
        print(f"stdout is not JSON ({e}): {text!r}")
        return 1
    common = schemas["*"]
    if isinstance(doc, dict) and set(doc) <= set(common):
        spec = common  # a failure before the verb built its document
    else:
        spec = dict(common)
        spec.update(schemas[section])
    check(doc, spec, problems)
    if isinstance(doc, dict):
        if doc.get("exit_code") != code:
            problems.append(f"exit_code {doc.get('exit_code')}, exit {code}")
        if doc.get("ok") != (code == 0):
            problems.append(f"ok {doc.get('ok')} with exit {code}")
        if not doc.get("ok") and not isinstance(doc.get("error"), str):
            problems.append("a failure without an error message")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
