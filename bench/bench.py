#!/usr/bin/env python3
"""Side-by-side timings of certkit against the tools people use today.

Each pair runs in the same process of this script, alternating, so machine load hits both alike.
Reports the median wall time over --runs runs, the ratio certkit/other, and the peak RSS of the
certkit command (from /usr/bin/time). Usage: bench/bench.py [--runs N] [--certkit PATH]
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(cmd, cwd, env=None, stdin=None):
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, shell=isinstance(cmd, str),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=stdin)
    return time.perf_counter() - start


def peak_rss_kib(cmd, cwd, env=None):
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, cwd=cwd, env=env, check=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(out.stderr.strip().splitlines()[-1])


def compare(name, ours, theirs, runs, prepare=None):
    a, b = [], []
    for _ in range(runs):
        if prepare:
            prepare()
        a.append(ours())
        if prepare:
            prepare()
        b.append(theirs())
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"{name:<44} certkit {ma*1000:8.1f} ms   other {mb*1000:8.1f} ms   ratio {ma/mb:5.2f}")
    return ma, mb


def bench_new(certkit, work, runs):
    env = dict(os.environ, CERTKIT_STORE=os.path.join(work, "store"))
    out = os.path.join(work, "new")
    os.makedirs(out, exist_ok=True)
    pw = os.path.join(work, "pw")
    with open(pw, "w") as f:
        f.write("bench-password\n")

    def clean():
        shutil.rmtree(out); os.makedirs(out)
        shutil.rmtree(env["CERTKIT_STORE"], ignore_errors=True)

    ours_cmd = [certkit, "new", "--subject", "bench", "--password-file", pw, "--out", out]
    theirs_cmd = (
        "openssl req -x509 -newkey rsa:2048 -sha256 -nodes -days 365 -subj /CN=bench "
        "-keyout bench.key -out bench.pem 2>/dev/null && "
        "openssl x509 -in bench.pem -outform DER -out bench.cer && "
        "openssl pkcs12 -export -in bench.pem -inkey bench.key -out bench.pfx "
        "-passout file:" + pw + " -name bench && "
        "openssl x509 -in bench.pem -noout -fingerprint -sha1")
    compare("new (RSA 2048: PFX+PEM+DER+store)", lambda: timed(ours_cmd, out, env),
            lambda: timed(theirs_cmd, out), runs, clean)
    clean()
    return peak_rss_kib(ours_cmd, out, env)


def make_bundle(work, count):
    """10,000 certificates: 50 distinct ones from openssl, repeated (parsing cost is per block)."""
    path = os.path.join(work, "bundle.pem")
    if os.path.exists(path):
        return path
    blocks = []
    for i in range(50):
        d = os.path.join(work, f"c{i}")
        os.makedirs(d, exist_ok=True)
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                        "-nodes", "-days", "30", "-subj", f"/CN=bundle{i}", "-keyout", "k.pem",
                        "-out", "c.pem"], cwd=d, check=True, capture_output=True)
        blocks.append(open(os.path.join(d, "c.pem")).read())
    with open(path, "w") as f:
        for i in range(count):
            f.write(blocks[i % len(blocks)])
    return path


PY_THUMBPRINTS = """
import sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes
data = open(sys.argv[1], 'rb').read()
out = [c.fingerprint(hashes.SHA1()).hex().upper() for c in x509.load_pem_x509_certificates(data)]
sys.stdout.write('\\n'.join(out) + '\\n')
"""


def bench_thumbprint(certkit, work, runs, python):
    bundle = make_bundle(work, 10_000)
    ours = [certkit, "thumbprint", bundle, "--json"]
    compare("thumbprint of a 10,000-certificate bundle", lambda: timed(ours, work),
            lambda: timed([python, "-c", PY_THUMBPRINTS, bundle], work), runs)
    return peak_rss_kib(ours, work)


def make_manifest(work, megabytes):
    """A Graph manifest grown to size with realistic entries (identifierUris and appRoles)."""
    path = os.path.join(work, f"app-{megabytes}mb.json")
    fixture = os.path.join(ROOT, "fixtures/manifests/msgraph-portal-with-existing-cert-crlf.json")
    doc = json.load(open(fixture, encoding="utf-8-sig"))
    role = {"allowedMemberTypes": ["User"], "description": "x" * 200, "displayName": "Role",
            "id": "5d1949bf-e569-417f-8b20-c88415e94b56", "isEnabled": True, "value": "Role.Read"}
    doc["appRoles"] = []
    text = json.dumps(doc, indent=4)
    per = len(json.dumps(role, indent=8)) + 2
    doc["appRoles"] = [role] * max(1, int(megabytes * 1_000_000 / per))
    with open(path, "w") as f:
        json.dump(doc, f, indent=4)
    return path


def bench_patch(certkit, work, runs, megabytes):
    env = dict(os.environ, CERTKIT_STORE=os.path.join(work, "store"))
    cer = os.path.join(work, "new", "bench.cer")
    if not os.path.exists(cer):
        subprocess.run([certkit, "new", "--subject", "bench", "--no-password", "--out",
                        os.path.join(work, "new")], env=env, check=True, capture_output=True)
    source = make_manifest(work, megabytes)
    target = os.path.join(work, "target.json")
    entry = json.loads(subprocess.run([certkit, "keycred", cer], env=env, check=True,
                                      capture_output=True, text=True).stdout)["keyCredentials"][0]
    jq_filter = ".keyCredentials += [" + json.dumps(entry) + "]"

    def fresh():
        shutil.copyfile(source, target)

    ours = [certkit, "manifest", "patch", target, "--cert", cer, "--no-backup"]
    theirs = f"jq '{jq_filter}' {target} > {target}.jq"
    ma, mb = compare(f"manifest patch, {megabytes} MB", lambda: timed(ours, work, env),
                     lambda: timed(theirs, work), runs, fresh)
    fresh()
    return peak_rss_kib(ours, work, env), ma


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--certkit", default=os.path.join(ROOT, "target/release/certkit"))
    ap.add_argument("--python", default=os.environ.get("CERTKIT_PYTHON", sys.executable))
    args = ap.parse_args()
    # The pairs run inside a temporary directory: a relative path would no longer resolve there.
    args.certkit = os.path.abspath(args.certkit)
    if os.sep in args.python:
        args.python = os.path.abspath(args.python)
    if not os.path.exists(args.certkit):
        sys.exit(f"build first: cargo build --release (looked for {args.certkit})")
    print(f"{time.strftime('%Y-%m-%d')}  {os.cpu_count()} cores  "
          + subprocess.run(["openssl", "version"], capture_output=True, text=True).stdout.strip())
    with tempfile.TemporaryDirectory() as work:
        # RSA key generation searches for random primes on both sides: single runs range from
        # 60 to 400 ms, so the median of `new` needs three times the runs to settle.
        rss = {"new": bench_new(args.certkit, work, 3 * args.runs)}
        rss["thumbprint 10k"] = bench_thumbprint(args.certkit, work, args.runs, args.python)
        per_mb = {}
        for mb in (0.5, 5, 50):
            rss[f"patch {mb} MB"], per_mb[mb] = bench_patch(args.certkit, work, args.runs, mb)
        print("linearity (ms per MB): " + ", ".join(f"{mb} MB: {t*1000/mb:.1f}" for mb, t in per_mb.items()))
        print("peak RSS: " + ", ".join(f"{k} {v/1024:.1f} MB" for k, v in rss.items()))


if __name__ == "__main__":
    main()
