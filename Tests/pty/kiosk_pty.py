#!/usr/bin/env python3
"""Drives a program through a pseudo-terminal and reads it back through a terminal emulator
(pyte), as a visitor at a kiosk sees it.

    kiosk_pty.py COLUMNS ROWS -- PROGRAM ARGS...   (the script of steps as JSON on stdin)

Steps, in order:
  {"send": "1\\r"}                   keys typed (a string; "\\u0003" is Ctrl-C)
  {"expect": "text", "timeout": 20}  wait until the screen shows text (spaces ignored)
  {"snapshot": "name"}               record the screen, and the output since the last ESC[3J
  {"sleep": 1.5}                     let time pass (an idle visitor)
  {"signal": "TERM"}                 send a signal to the program

Prints one JSON object: {"snapshots": {name: {"screen": [lines], "sinceClear": text}},
"alive": bool (before any TERM), "exit": the exit status or -signal, "error": text or null}.
"""
import json
import os
import pty
import select
import signal
import struct
import sys
import termios
import fcntl
import time

import pyte


def main():
    columns, rows = int(sys.argv[1]), int(sys.argv[2])
    command = sys.argv[sys.argv.index("--") + 1:]
    steps = json.load(sys.stdin)
    screen = pyte.Screen(columns, rows)
    stream = pyte.ByteStream(screen)
    raw = bytearray()

    pid, fd = pty.fork()
    if pid == 0:
        # A test runner may block signals in its threads; a terminal's program starts with none blocked.
        signal.pthread_sigmask(signal.SIG_SETMASK, [])
        os.environ["TERM"] = "xterm"
        os.execvp(command[0], command)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    status = None

    def pump(seconds):
        nonlocal status
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                return
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b""
            if not data:
                if status is None:
                    _, status = os.waitpid(pid, 0)
                time.sleep(min(left, 0.05))
                return
            raw.extend(data)
            stream.feed(data)

    def exited():
        nonlocal status
        if status is None:
            done, code = os.waitpid(pid, os.WNOHANG)
            if done:
                status = code
        return status is not None

    def text():
        return "".join(line.rstrip() for line in screen.display).replace(" ", "")

    result = {"snapshots": {}, "alive": None, "exit": None, "error": None}
    for step in steps:
        if "send" in step:
            os.write(fd, step["send"].encode("utf-8"))
            pump(0.05)
        elif "expect" in step:
            wanted = step["expect"].replace(" ", "")
            deadline = time.monotonic() + step.get("timeout", 20)
            while wanted not in text() and time.monotonic() < deadline and status is None:
                pump(0.1)
            if wanted not in text():
                result["error"] = "never shown: %r\nscreen:\n%s" % (step["expect"], "\n".join(screen.display))
                break
        elif "snapshot" in step:
            pump(0.3)
            cleared = raw.rfind(b"\x1b[3J")
            since = raw[cleared + 4:] if cleared >= 0 else raw
            result["snapshots"][step["snapshot"]] = {
                "screen": [line.rstrip() for line in screen.display],
                "sinceClear": since.decode("utf-8", "replace"),
            }
        elif "sleep" in step:
            pump(step["sleep"])
        elif "signal" in step:
            pump(0.3)
            result["alive"] = not exited()
            if result["alive"]:
                os.kill(pid, getattr(signal, "SIG" + step["signal"]))
    if result["alive"] is None:
        result["alive"] = not exited()
    deadline = time.monotonic() + 10
    while not exited() and time.monotonic() < deadline:
        pump(0.2)
    if status is None:
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        result["error"] = result["error"] or "still running 10 s after the last step: killed"
    result["exit"] = os.waitstatus_to_exitcode(status)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
