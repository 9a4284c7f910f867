# colour.sh - outcomes and errors are coloured on a terminal, and not
# when the stream is not a terminal, when NO_COLOR is set (to anything,
# even empty) or with --no-color (issue 15).  A pty makes the terminal.
# dialects: sqlite
new_db
write_first_migration
write_failing_migration
# tty [ENV=VALUE...] -- ARGS: run strata with stdout and stderr on two
# ptys; sets OUT, ERR (the escape byte shown as ESC) and RC.
tty() {
    python3 - "$STRATA" "$WORK/tty" "$@" <<'PY'
import os, subprocess, sys
strata, base, args = sys.argv[1], sys.argv[2], sys.argv[3:]
env = dict(os.environ, TERM="xterm")
env.pop("NO_COLOR", None)
while args and args[0] != "--":
    k, _, v = args.pop(0).partition("=")
    env[k] = v
args = args[1:]
ptys = [os.openpty() for _ in range(2)]
p = subprocess.Popen([strata] + args, stdout=ptys[0][1], stderr=ptys[1][1],
                     env=env)
for _, s in ptys:
    os.close(s)
for (m, _), name in zip(ptys, ("out", "err")):
    data = b""
    while True:
        try:
            chunk = os.read(m, 4096)
        except OSError:  # EIO: the child's side is closed
            break
        if not chunk:
            break
        data += chunk
    with open(f"{base}.{name}", "wb") as f:
        f.write(data.replace(b"\r", b"").replace(b"\x1b", b"ESC"))
with open(f"{base}.rc", "w") as f:
    f.write(str(p.wait()))
PY
    OUT=$(cat "$WORK/tty.out") ERR=$(cat "$WORK/tty.err") RC=$(cat "$WORK/tty.rc")
}
# On a terminal: the outcome words and the error are painted.
tty -- --url "$URL" upgrade
expect_rc 1
expect_out "ESC[32mapplied"
expect_out "ESC[1;31mfailed"
expect_out "ESC[33mrolled back"
expect_err "ESC[1;31mstrata:ESC[0m "
# ... not on a pipe, nor with NO_COLOR (any value, even empty), --no-color, TERM=dumb.
for how in "NO_COLOR=1 --" "NO_COLOR= --" "-- --no-color" "TERM=dumb --"; do
    # shellcheck disable=SC2086
    tty $how --url "$URL" upgrade
    expect_rc 1 "$how"
    expect_out "failed"
    case "$OUT$ERR" in *ESC*) fail "colour with $how" ;; esac
done
st --url "$URL" upgrade
expect_rc 1
case "$OUT$ERR" in *$(printf '\033')*) fail "colour on a pipe" ;; esac
# A parse error is painted too, and not with --no-color.
tty -- --frob
expect_rc 2
expect_err "ESC[1;31mstrata:ESC[0m unknown option"
tty -- --no-color --frob
expect_err "strata: unknown option"
case "$ERR" in *ESC*) fail "colour with --no-color" ;; esac
