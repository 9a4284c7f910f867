#!/usr/bin/env python3
"""ci_examples.py - read examples/ci's GitHub Actions workflow and GitLab
CI file: both parse as YAML, run one job (or matrix leg) per engine --
sqlite, postgres, mariadb, the two servers as service containers -- and
each runs `strata check` and `strata test --junit FILE`, FILE kept as a
report.  Then print the strata commands of one engine's job, one per
line (the arguments after `strata`, the matrix expression replaced), for
the scenario to run.

    tests/ci_examples.py DIR ENGINE     exit 1 naming what is wrong
"""
import shlex
import sys

import yaml

ENGINES = {"sqlite", "postgres", "mariadb"}


def lines(run):
    """Each command line of a run/script value (a string or a list)."""
    if isinstance(run, list):
        run = "\n".join(run)
    return [x.strip() for x in (run or "").splitlines() if x.strip()]


def strata_cmds(cmds):
    return [c for c in cmds if c.startswith("strata ")]


def check_cmds(where, cmds, problems):
    words = [shlex.split(c)[1:] for c in cmds]
    if not any("check" in w for w in words):
        problems.append(f"{where}: no 'strata check'")
    junit = [w[w.index("--junit") + 1] for w in words
             if "test" in w and "--junit" in w]
    if not junit:
        problems.append(f"{where}: no 'strata test --junit FILE'")
    return junit[0] if junit else None


def github(path, engine, problems):
    doc = yaml.safe_load(open(path, encoding="utf-8"))
    job = next(iter(doc["jobs"].values()))
    legs = job["strategy"]["matrix"]["include"]
    got = {leg["engine"] for leg in legs}
    if got != ENGINES:
        problems.append(f"{path}: the matrix runs {sorted(got)}, not "
                        f"{sorted(ENGINES)}")
    images = {s["image"].split(":")[0] for s in job["services"].values()}
    if images != {"postgres", "mariadb"}:
        problems.append(f"{path}: the service containers are {images}")
    leg = "${{ matrix.engine }}"
    cmds = strata_cmds([c.replace(leg, engine) for s in job["steps"]
                        for c in lines(s.get("run"))])
    junit = check_cmds(path, cmds, problems)
    kept = [s for s in job["steps"] if "upload-artifact" in s.get("uses", "")]
    if not kept or kept[0].get("if") != "always()" or \
            kept[0]["with"]["path"].replace(leg, engine) != junit:
        problems.append(f"{path}: the JUnit report {junit} is not kept "
                        "always")
    if job["env"]["DATABASE_URL"] != "${{ matrix.url }}":
        problems.append(f"{path}: DATABASE_URL is not the leg's url")
    return cmds


def gitlab(path, engine, problems):
    doc = yaml.safe_load(open(path, encoding="utf-8"))
    base = doc[".strata"]
    jobs = {k.split(":", 1)[1]: v for k, v in doc.items()
            if k.startswith("strata:")}
    if set(jobs) != ENGINES:
        problems.append(f"{path}: jobs for {sorted(jobs)}, not "
                        f"{sorted(ENGINES)}")
    for name, job in jobs.items():
        if job.get("extends") != ".strata":
            problems.append(f"{path}: strata:{name} does not extend .strata")
        images = {s["name"].split(":")[0] for s in job.get("services", [])}
        want = set() if name == "sqlite" else {name}
        if images != want:
            problems.append(f"{path}: strata:{name} has services {images}")
        if not job["variables"].get("DATABASE_URL", "").startswith(
                {"sqlite": "sqlite:", "postgres": "postgres:",
                 "mariadb": "mysql:"}[name]):
            problems.append(f"{path}: strata:{name}'s DATABASE_URL")
    cmds = strata_cmds(lines(base["script"]))
    junit = check_cmds(path, cmds, problems)
    if base["artifacts"]["reports"]["junit"] != junit or \
            base["artifacts"]["when"] != "always":
        problems.append(f"{path}: the JUnit report {junit} is not kept "
                        "always")
    return cmds


def main(argv):
    if len(argv) != 3 or argv[2] not in ENGINES:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    problems = []
    cmds = github(f"{argv[1]}/github-actions.yml", argv[2], problems)
    cmds += gitlab(f"{argv[1]}/gitlab-ci.yml", argv[2], problems)
    for p in problems:
        print(p, file=sys.stderr)
    for c in cmds:
        print(c[len("strata "):])
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
