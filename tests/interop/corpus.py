#!/usr/bin/env python3
"""What Python cryptography makes of the public test corpus in `cryptography-vectors`.

Prints one JSON object on stdout for tests/interop_corpus.rs, which reads the same files with
certkit and compares:

  {"root": DIR,
   "x509":   [{"path": REL, "sha1": [HEX, ...]} | {"path": REL, "refused": WHY}, ...],
   "pkcs12": [{"path": REL, "password": STR|null, "sha1": [HEX, ...], "leaf": HEX|null,
               "key": "RSA"|"EC"|...|null} | {"path": REL, "refused": WHY}, ...]}

x509: every file under x509/; PEM files (any BEGIN line) are loaded with
load_pem_x509_certificates, others with load_der_x509_certificate.
pkcs12: every .p12/.pfx under pkcs12/, opened with the password cryptography's own test suite
uses for it (tests/hazmat/primitives/test_pkcs12.py); `null` is its None.

Exits 2 with a message on stderr when cryptography-vectors is not installed.
"""

import json
import os
import sys
import warnings

try:
    import cryptography_vectors
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.serialization import pkcs12
except ImportError as e:  # pragma: no cover - reported by the Rust test
    print(f"corpus.py: {e}; install with: pip install cryptography cryptography-vectors",
          file=sys.stderr)
    sys.exit(2)

# Passwords as in cryptography's test_pkcs12.py: b"cryptography" for the cert/key vectors,
# b"password" for the *-pwd name vectors, None for the *-no-pwd ones and no-password.p12.
SUITE_PASSWORDS = {
    "cert-key-aes256cbc.p12": "cryptography",
    "cert-none-key-none.p12": "cryptography",
    "cert-rc2-key-3des.p12": "cryptography",
    "cert-aes256cbc-no-key.p12": "cryptography",
    "no-cert-key-aes256cbc.p12": "cryptography",
    "no-password.p12": None,
}


def suite_password(name):
    if name in SUITE_PASSWORDS:
        return SUITE_PASSWORDS[name]
    if name.endswith("-no-pwd.p12"):
        return None
    if name.endswith("-pwd.p12"):
        return "password"
    # Files the suite version we read does not name (java-truststore.p12): None opens them.
    return None


def sha1(cert):
    return cert.fingerprint(hashes.SHA1()).hex().upper()


def x509_entry(root, rel):
    with open(os.path.join(root, rel), "rb") as f:
        data = f.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if b"-----BEGIN" in data:
                certs = x509.load_pem_x509_certificates(data)
            else:
                certs = [x509.load_der_x509_certificate(data)]
        return {"path": rel, "sha1": [sha1(c) for c in certs]}
    except Exception as e:  # cryptography refuses: not a certificate file to it
        return {"path": rel, "refused": f"{type(e).__name__}: {e}"[:200]}


def pkcs12_entry(root, rel):
    with open(os.path.join(root, rel), "rb") as f:
        data = f.read()
    password = suite_password(os.path.basename(rel))
    pw = None if password is None else password.encode()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            key, cert, more = pkcs12.load_key_and_certificates(data, pw)
    except Exception as e:
        return {"path": rel, "refused": f"{type(e).__name__}: {e}"[:200]}
    certs = ([cert] if cert is not None else []) + list(more)
    return {
        "path": rel,
        "password": password,
        "sha1": [sha1(c) for c in certs],
        "leaf": sha1(cert) if cert is not None else None,
        "key": None if key is None else type(key).__name__.replace("PrivateKey", ""),
    }


def walk(root, sub, keep):
    out = []
    for dirpath, _, files in os.walk(os.path.join(root, sub)):
        for name in sorted(files):
            rel = os.path.relpath(os.path.join(dirpath, name), root)
            if keep(rel):
                out.append(rel)
    return sorted(out)


def main():
    root = os.path.dirname(cryptography_vectors.__file__)
    report = {
        "root": root,
        "x509": [x509_entry(root, rel) for rel in walk(root, "x509", lambda r: True)],
        "pkcs12": [
            pkcs12_entry(root, rel)
            for rel in walk(root, "pkcs12", lambda r: r.endswith((".p12", ".pfx")))
        ],
    }
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main()
