#!/usr/bin/env python3
"""layers.py - the core's stages depend one way only: a file in core/S may
include headers of S and of the stages below S, never above.  The order is
the data path read bottom-up (docs/architecture.md).  Exit 1 naming each
upward include."""
import os
import re
import sys

ORDER = ["util", "db", "sql", "chain", "plan", "run", "cli"]

def stage_files(top):
    """A stage's files, its folders' too (core/chain/layouts belongs to
    chain), relative to the stage."""
    out = []
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            out.append(os.path.relpath(os.path.join(dirpath, name), top))
    return sorted(out)


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "core")
    bad = []
    for stage in sorted(os.listdir(root)):
        if stage not in ORDER:
            bad.append("core/%s: not a stage (known: %s)" % (stage, " ".join(ORDER)))
            continue
        for name in stage_files(os.path.join(root, stage)):
            path = os.path.join(root, stage, name)
            with open(path, encoding="utf-8") as f:
                for n, line in enumerate(f, 1):
                    m = re.match(r'\s*#\s*include\s+"([a-z]+)/[^"]+"', line)
                    if not m or m.group(1) not in ORDER:
                        continue
                    if ORDER.index(m.group(1)) > ORDER.index(stage):
                        bad.append("core/%s/%s:%d: %s includes the later stage %s"
                                   % (stage, name, n, stage, m.group(1)))
    for b in bad:
        print("layers: " + b, file=sys.stderr)
    if not bad:
        print("layers: %s, each including only itself and the stages before it"
              % " < ".join(ORDER))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
