#!/usr/bin/env python3
"""Runs the README's main job for real and prints the transcript that opens the README.

Each command runs on a pseudo-terminal (as a user types it: the PFX password is asked twice and
typed here) in a fresh temporary HOME and working directory, with app.json copied from
fixtures/manifests. Usage: scripts/transcript.py [--certkit target/release/certkit]
"""
import argparse, os, pty, re, select, shutil, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "correct horse battery staple"


def run_on_pty(argv, cwd, env):
    """Runs argv on a pty, answers password prompts, returns what the terminal showed."""
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        os.execve(argv[0], argv, env)
    shown, pending = b"", b""
    while True:
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            os.kill(pid, 9)
            sys.exit(f"{argv} hung")
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
        pending += chunk
        if pending.rstrip().endswith(b":") and (b"password" in pending.lower() or b"Repeat" in pending):
            # The prompt library switches echo off after printing the prompt, discarding what
            # was typed before; a person is never that fast.
            time.sleep(0.2)
            os.write(fd, PASSWORD.encode() + b"\r")
            pending = b""
    os.waitpid(pid, 0)
    text = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", shown.decode()).replace("\r\n", "\n")
    # The prompt library clears its two prompt lines and leaves "PFX password: [hidden]": keep
    # what the user ends up seeing.
    lines = [l.split("\r")[-1] for l in text.split("\n")]
    if any(l.endswith("[hidden]") for l in lines):
        lines = [l for l in lines if l.rstrip() not in ("PFX password:", "Repeat it:")]
    return "\n".join(lines).rstrip("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--certkit", default=os.path.join(ROOT, "target/release/certkit"))
    args = ap.parse_args()
    certkit = os.path.abspath(args.certkit)
    with tempfile.TemporaryDirectory() as root:
        home, work = os.path.join(root, "home"), os.path.join(root, "work")
        os.makedirs(home)
        os.makedirs(work)
        shutil.copy(os.path.join(ROOT, "fixtures/manifests/msgraph-portal-crlf-tabs.json"),
                    os.path.join(work, "app.json"))
        env = {"HOME": home, "PATH": os.environ["PATH"], "TERM": "dumb", "NO_COLOR": "1",
               "COLUMNS": "100"}
        out = []
        for line in ["new --subject surveysapp", "manifest patch app.json", "thumbprint",
                     "thumbprint surveysapp"]:
            shown = run_on_pty([certkit] + line.split(), work, env)
            out.append(f"$ certkit {line}\n{shown}")
        text = "\n".join(out).replace(home, "/home/dev")
        print(text.replace(PASSWORD, "[typed]"))


if __name__ == "__main__":
    main()
