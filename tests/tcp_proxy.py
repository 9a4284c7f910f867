#!/usr/bin/env python3
"""tcp_proxy.py - a database server that comes up late, for the --wait
tests: after DELAY seconds, listen on 127.0.0.1:PORT and forward every
connection to HOST:TARGET.  Runs until killed.

    tests/tcp_proxy.py PORT HOST TARGET DELAY"""
import socket
import sys
import threading
import time


def pump(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    for s in (src, dst):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def main():
    port, host, target, delay = (int(sys.argv[1]), sys.argv[2],
                                 int(sys.argv[3]), float(sys.argv[4]))
    time.sleep(delay)
    lsn = socket.socket()
    lsn.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsn.bind(("127.0.0.1", port))
    lsn.listen(16)
    while True:
        client, _ = lsn.accept()
        server = socket.create_connection((host, target))
        for a, b in ((client, server), (server, client)):
            threading.Thread(target=pump, args=(a, b), daemon=True).start()


if __name__ == "__main__":
    main()
