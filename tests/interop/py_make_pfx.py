#!/usr/bin/env python3
"""Python `cryptography` as a PFX PRODUCER (the reverse of py_check.py): a fresh RSA 2048 key and a
self-signed certificate, serialized with pkcs12.serialize_key_and_certificates.

Usage:  py_make_pfx.py OUT.pfx CN MODE [PASSWORD]
  MODE best     BestAvailableEncryption(PASSWORD)           (AES-256/PBKDF2, SHA-256 MAC today)
  MODE none     NoEncryption()                              (no PASSWORD; cryptography's empty password)
  MODE legacy   PrivateFormat.PKCS12.encryption_builder().kdf_rounds(ROUNDS)
                  .key_cert_algorithm(PBES.PBESv1SHA1And3KeyTripleDESCBC).hmac_hash(SHA1).build(PASSWORD)
Prints one JSON object: {"sha1": cryptography's own SHA-1 fingerprint of the certificate (upper-case
hex), "subject", "mode", "cryptography": version}; exit 0 on success, 1 with {"error": ...} otherwise.
"""
import datetime
import json
import sys

import cryptography
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

LEGACY_ROUNDS = 10000


def make(out, cn, mode, password):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder()
            .subject_name(name).issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=10))
            .not_valid_after(now + datetime.timedelta(days=30))
            .sign(key, hashes.SHA256()))
    if mode == "best":
        enc = serialization.BestAvailableEncryption(password.encode("utf-8"))
    elif mode == "none":
        if password is not None:
            raise ValueError("MODE none takes no PASSWORD")
        enc = serialization.NoEncryption()
    elif mode == "legacy":
        enc = (serialization.PrivateFormat.PKCS12.encryption_builder()
               .kdf_rounds(LEGACY_ROUNDS)
               .key_cert_algorithm(pkcs12.PBES.PBESv1SHA1And3KeyTripleDESCBC)
               .hmac_hash(hashes.SHA1())
               .build(password.encode("utf-8")))
    else:
        raise ValueError(f"unknown MODE {mode!r}")
    data = pkcs12.serialize_key_and_certificates(cn.encode("utf-8"), key, cert, None, enc)
    with open(out, "wb") as f:
        f.write(data)
    return {"sha1": cert.fingerprint(hashes.SHA1()).hex().upper(),
            "subject": cert.subject.rfc4514_string(), "mode": mode,
            "cryptography": cryptography.__version__}


def main(argv):
    if len(argv) not in (3, 4):
        raise SystemExit(__doc__)
    try:
        out = make(argv[0], argv[1], argv[2], argv[3] if len(argv) == 4 else None)
    except Exception as e:
        print(json.dumps({"error": f"{type(e).__name__}: {e}"}))
        return 1
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
