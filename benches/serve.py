#!/usr/bin/env python3
"""The live preview's save-to-reload time (see benches/README.md): `cyberkit serve` on a copy of
the example project, a client on the page's events stream, and a file saved RUNS times (a module's
title, then a profile's practice name); each figure is from the save to the `reload` event.

usage: benches/serve.py BINARY [RUNS] [-- SERVE OPTIONS...]
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

PATIENCE = 120


def events(address):
    """A reader of the page's events stream, its head read."""
    host, port = address.rsplit(":", 1)
    sock = socket.create_connection((host, int(port)), timeout=PATIENCE)
    sock.sendall(f"GET /__cyberkit/events HTTP/1.1\r\nHost: {address}\r\n\r\n".encode())
    stream = sock.makefile("rb")
    while stream.readline() not in (b"\r\n", b""):
        pass
    return stream


def next_event(stream):
    name = None
    while True:
        line = stream.readline()
        if not line:
            raise SystemExit("the events stream ended")
        line = line.decode().rstrip("\r\n")
        if line.startswith("event: "):
            name = line[len("event: "):]
        elif not line and name:
            return name


def edit(path, old, new):
    """Saves `path` with its first `old` replaced by `new`; the time of the save."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert old in text, f"{old!r} not in {path}"
    start = time.monotonic()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))
    return start


def main():
    args = sys.argv[1:]
    options = args[args.index("--") + 1:] if "--" in args else []
    args = args[: args.index("--")] if "--" in args else args
    binary = os.path.realpath(args[0])
    runs = int(args[1]) if len(args) > 1 else 5
    repo = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    work = tempfile.mkdtemp()
    try:
        for folder in ("content", "profiles"):
            shutil.copytree(os.path.join(repo, folder), os.path.join(work, folder))
        server = subprocess.Popen(
            [binary, "serve", "--port", "0", *options], cwd=work,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            address = server.stdout.readline().strip().removeprefix("http://").rstrip("/")
            stream = events(address)
            module = os.path.join(work, "content/modules/passwords.en.md")
            profile = os.path.join(work, "profiles", sorted(
                p for p in os.listdir(os.path.join(work, "profiles")) if p.endswith(".toml"))[0])
            with open(profile, encoding="utf-8") as f:
                name_line = next(line for line in f if line.startswith("name = "))
            for what, path, old in (("module", module, 'title = "'), ("profile", profile, name_line.strip())):
                times = []
                for i in range(runs):
                    new = f'title = "Edit {i} ' if what == "module" else name_line.strip()[:-1] + f' {i}"'
                    start = edit(path, old, new)
                    old = new
                    event = next_event(stream)
                    times.append(time.monotonic() - start)
                    assert event == "reload", event
                    time.sleep(0.3)
                print(f"{what:7} save to reload: " + ", ".join(f"{t:.2f}" for t in times)
                      + f" s (median {sorted(times)[len(times) // 2]:.2f} s)")
        finally:
            server.terminate()
            server.wait(timeout=PATIENCE)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
