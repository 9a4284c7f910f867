#!/usr/bin/env python3
"""junit_check.py - read a JUnit XML report and check it has the shape
of the common JUnit schema (the Ant/Jenkins junit.xsd CI systems read:
testsuites > testsuite > testcase > failure | error | skipped), with the
attributes they show and counts that add up.

  tests/junit_check.py FILE            exit 1 naming what is wrong
  tests/junit_check.py FILE --summary  also print a line per testcase:
                                       status<TAB>classname<TAB>name<TAB>message
"""
import sys
import xml.etree.ElementTree as ET

SUITES_ATTRS = {"name", "tests", "failures", "errors", "skipped", "time"}
SUITE_REQUIRED = {"name", "tests", "failures", "errors", "time",
                  "timestamp"}
SUITE_ALLOWED = SUITE_REQUIRED | {"skipped", "hostname", "id", "package",
                                  "file"}
CASE_REQUIRED = {"name", "classname", "time"}
CASE_ALLOWED = CASE_REQUIRED | {"file", "line", "assertions"}
RESULT_ELEMENTS = {"failure", "error", "skipped"}


def check(path):
    problems = []
    cases = []
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        return [f"{path}: not XML: {e}"], cases

    def count(el, attr, where):
        try:
            v = int(el.get(attr))
            if v < 0:
                raise ValueError
            return v
        except (TypeError, ValueError):
            problems.append(f"{where}: {attr}={el.get(attr)!r} is not a count")
            return 0

    def seconds(el, where):
        try:
            if float(el.get("time")) < 0:
                raise ValueError
        except (TypeError, ValueError):
            problems.append(f"{where}: time={el.get('time')!r} is not seconds")

    if root.tag != "testsuites":
        problems.append(f"root is <{root.tag}>, not <testsuites>")
    for a in root.attrib:
        if a not in SUITES_ATTRS:
            problems.append(f"<testsuites> has an unknown attribute {a}")
    totals = dict(tests=0, failures=0, errors=0, skipped=0)
    suites = list(root)
    if not suites:
        problems.append("<testsuites> holds no <testsuite>")
    for s in suites:
        where = f"testsuite {s.get('name')!r}"
        if s.tag != "testsuite":
            problems.append(f"<testsuites> holds <{s.tag}>")
            continue
        missing = SUITE_REQUIRED - set(s.attrib)
        if missing:
            problems.append(f"{where}: lacks {sorted(missing)}")
        for a in s.attrib:
            if a not in SUITE_ALLOWED:
                problems.append(f"{where}: unknown attribute {a}")
        seconds(s, where)
        ts = s.get("timestamp", "")
        if len(ts) != 19 or ts[4] != "-" or ts[10] != "T":
            problems.append(f"{where}: timestamp {ts!r} is not "
                            "YYYY-MM-DDTHH:MM:SS")
        got = dict(tests=0, failures=0, errors=0, skipped=0)
        for c in s:
            cw = f"testcase {c.get('name')!r}"
            if c.tag in ("properties", "system-out", "system-err"):
                continue
            if c.tag != "testcase":
                problems.append(f"{where} holds <{c.tag}>")
                continue
            got["tests"] += 1
            missing = CASE_REQUIRED - set(c.attrib)
            if missing:
                problems.append(f"{cw}: lacks {sorted(missing)}")
            for a in c.attrib:
                if a not in CASE_ALLOWED:
                    problems.append(f"{cw}: unknown attribute {a}")
            seconds(c, cw)
            status, message = "passed", ""
            results = [r for r in c if r.tag in RESULT_ELEMENTS]
            for r in c:
                if r.tag not in RESULT_ELEMENTS | {"system-out",
                                                   "system-err"}:
                    problems.append(f"{cw} holds <{r.tag}>")
            if len(results) > 1:
                problems.append(f"{cw}: {len(results)} results; one at most")
            for r in results[:1]:
                if r.tag in ("failure", "error"):
                    for a in ("message", "type"):
                        if not r.get(a):
                            problems.append(f"{cw}: <{r.tag}> lacks {a}")
                    got["failures" if r.tag == "failure" else "errors"] += 1
                else:
                    got["skipped"] += 1
                status, message = r.tag, r.get("message", "")
            cases.append((status, c.get("classname"), c.get("name"),
                          message, (results[0].text or "") if results
                          else ""))
        for k, v in got.items():
            if k in s.attrib or k != "skipped":
                if count(s, k, where) != v:
                    problems.append(f"{where}: {k}={s.get(k)} but it holds "
                                    f"{v}")
            totals[k] += v
    for k, v in totals.items():
        if k in root.attrib and count(root, k, "<testsuites>") != v:
            problems.append(f"<testsuites>: {k}={root.get(k)} but the "
                            f"suites hold {v}")
    return problems, cases


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    problems, cases = check(argv[1])
    for p in problems:
        print(f"{argv[1]}: {p}", file=sys.stderr)
    if "--summary" in argv[2:]:
        for status, cls, name, message, text in cases:
            print(f"{status}\t{cls}\t{name}\t{message}")
            for line in text.splitlines()[1:]:
                print(f"\t\t\t{line}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
