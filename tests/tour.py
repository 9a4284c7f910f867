#!/usr/bin/env python3
"""tour.py - run the README's five-minute tour for real and compare what
each command prints with what the README shows under it.

The tour is the ```console block after the `<!-- tour:` marker in
README.md: `$ ` lines are commands (a here-document's lines belong to
its command), the lines after a command are its output (stdout and
stderr, as a terminal shows them).  Before comparing, both sides are
normalised: times and durations become placeholders, the scratch folder
becomes `~`, and runs of spaces one space, so that a column widened by a
longer duration does not count.  Every command must exit 0.

    tests/tour.py --strata build/strata [--readme README.md] [--work DIR]
    tests/tour.py --strata build/strata --update   # rewrite the block

Exit 0 when they match, 1 with a diff when not."""
import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

MARKER = "<!-- tour:"
MARK = "@@strata-tour-step@@"


def find_block(lines):
    """(first, end): the block's lines are lines[first:end]."""
    for i, line in enumerate(lines):
        if line.startswith(MARKER):
            for j in range(i + 1, len(lines)):
                if lines[j].startswith("```"):
                    for k in range(j + 1, len(lines)):
                        if lines[k].startswith("```"):
                            return j + 1, k
                    break
            break
    raise SystemExit("tour.py: no ```console block after %r in the README"
                     % MARKER)


def parse(block):
    """[(command lines, expected output lines)]."""
    steps = []
    i = 0
    while i < len(block):
        line = block[i]
        if not line.startswith("$ "):
            if not steps:
                raise SystemExit("tour.py: output before the first command: "
                                 + line)
            steps[-1][1].append(line)
            i += 1
            continue
        cmd = [line[2:]]
        m = re.search(r"<<-?'?(\w+)'?", line)
        i += 1
        if m:  # the here-document is part of the command
            while i < len(block):
                cmd.append(block[i])
                i += 1
                if block[i - 1] == m.group(1):
                    break
        steps.append((cmd, []))
    return steps


def strip_comment(cmd):
    """A trailing '  # ...' on the command line is the README's note."""
    return re.sub(r"\s{2,}#.*$", "", cmd)


def run(steps, strata, work):
    """The output of each step, from one shell (cd carries over)."""
    bindir = os.path.join(work, ".bin")
    os.makedirs(bindir)
    os.symlink(os.path.abspath(strata), os.path.join(bindir, "strata"))
    script = ["exec 2>&1"]
    for n, (cmd, _) in enumerate(steps):
        script.append("printf '%s %d\\n'" % (MARK, n))
        script.append(strip_comment(cmd[0]))
        script.extend(cmd[1:])
        script.append("rc=$?; [ $rc -eq 0 ] || printf '%s exit %%d\\n' $rc"
                      % MARK)
    env = {k: v for k, v in os.environ.items()
           if k not in ("STRATA_URL", "DATABASE_URL", "STRATA_DRIVER_PATH")}
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    out = subprocess.run(["bash", "-c", "\n".join(script)], cwd=work,
                         env=env, stdout=subprocess.PIPE, check=False,
                         universal_newlines=True).stdout
    outputs, failed = [[] for _ in steps], []
    n = -1
    for line in out.split("\n"):
        if line.startswith(MARK + " exit "):
            failed.append((n, line.split()[-1]))
        elif line.startswith(MARK + " "):
            n = int(line.split()[-1])
        elif n >= 0:
            outputs[n].append(line)
    for o in outputs:
        while o and o[-1] == "":
            o.pop()
    return outputs, failed


def normalise(line, work):
    line = line.replace(os.path.realpath(work), "~").replace(work, "~")
    line = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", "<time>",
                  line)
    line = re.sub(r"\b\d+(\.\d+)? ?ms\b", "<ms>", line)
    if "<time>" in line:  # a history row: its numbers past the id
        head, _, rest = line.partition(" ")
        line = head + " " + re.sub(r"(?<![\w.])\d+(?![\w.])", "<n>", rest)
    return re.sub(r" +", " ", line).rstrip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--strata", required=True)
    ap.add_argument("--readme", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "README.md"))
    ap.add_argument("--work", help="scratch folder (default: a new one)")
    ap.add_argument("--update", action="store_true",
                    help="rewrite the README's block with this run")
    a = ap.parse_args()
    with open(a.readme, encoding="utf-8") as f:
        lines = f.read().split("\n")
    first, end = find_block(lines)
    steps = parse(lines[first:end])
    work = a.work or tempfile.mkdtemp(prefix="strata-tour.")
    os.makedirs(work, exist_ok=True)
    try:
        outputs, failed = run(steps, a.strata, work)
    finally:
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)
    for n, rc in failed:
        print("tour.py: '%s' exited %s:" % (steps[n][0][0], rc))
        print("\n".join("    " + l for l in outputs[n]))
    if failed:
        return 1
    if a.update:
        block = []
        for (cmd, _), out in zip(steps, outputs):
            block.extend(["$ " + cmd[0]] + cmd[1:] + out)
        lines[first:end] = block
        with open(a.readme, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        print("tour.py: %s rewritten from this run" % a.readme)
        return 0
    want, got = [], []
    for (cmd, expected), out in zip(steps, outputs):
        want.extend(["$ " + cmd[0]] + cmd[1:] +
                    [normalise(l, work) for l in expected])
        got.extend(["$ " + cmd[0]] + cmd[1:] +
                    [normalise(l, work) for l in out])
    if want == got:
        print("tour.py: the README's tour matches a real run (%d commands)"
              % len(steps))
        return 0
    print("tour.py: the README's tour differs from a real run (- README, "
          "+ strata; normalised); fix the program or the README "
          "(tests/tour.py --strata build/strata --update rewrites it):")
    sys.stdout.writelines(l + "\n" for l in difflib.unified_diff(
        want, got, "README.md", "strata", lineterm="", n=2))
    return 1


if __name__ == "__main__":
    sys.exit(main())
