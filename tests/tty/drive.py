#!/usr/bin/env python3
"""Runs a command on a real pseudo-terminal and answers its prompts, like a person would.

Usage: drive.py TIMEOUT_SECONDS STEPS_JSON -- COMMAND ARGS...
STEPS_JSON is a list of [expected_text, answer]: wait until the terminal shows expected_text
(after the previous match), then type answer. Prints one JSON object: {"exit": code, "output": text}.
Exit code 0 when the script ran to completion (whatever the command's exit), 2 on a timeout.
"""
import json, os, pty, select, sys, time


def main():
    timeout = float(sys.argv[1])
    steps = json.loads(sys.argv[2])
    command = sys.argv[sys.argv.index("--") + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    output, seen, deadline = b"", 0, time.time() + timeout

    def read_some():
        nonlocal output
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                return False
            if not chunk:
                return False
            output += chunk
        return True

    for expected, answer in steps:
        while expected.encode() not in output[seen:]:
            if time.time() > deadline or not read_some():
                report(pid, output, timeout_hit=time.time() > deadline, waiting_for=expected)
                return
        seen = output.index(expected.encode(), seen) + len(expected)
        time.sleep(0.1)
        os.write(fd, answer.encode())
    while time.time() < deadline and read_some():
        pass
    report(pid, output, timeout_hit=time.time() > deadline)


def report(pid, output, timeout_hit=False, waiting_for=None):
    if timeout_hit:
        os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    print(json.dumps({"exit": code, "output": output.decode("utf-8", "replace"),
                      "timeout": timeout_hit, "waiting_for": waiting_for}))
    sys.exit(2 if timeout_hit else 0)


if __name__ == "__main__":
    main()
