#!/usr/bin/env python3
"""Independent checks with Python's `cryptography` and `json` (the consumers, not certkit).

Usage:  py_check.py pkcs12 FILE (--password PW | --empty | --none)
            load_key_and_certificates(data, PW.encode() | b"" | None); prints key/cert facts
        py_check.py cert FILE            a PEM or DER certificate: facts incl. the SKI computed from the key
        py_check.py json FILE            json.loads(bytes of FILE) re-dumped (BOM-tolerant, as json does)
Prints one JSON object; exit 0 on success, 1 with {"error": ...} otherwise.
"""
import base64
import json
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12


def cert_facts(cert):
    pub = cert.public_key()
    d = {
        "sha1": cert.fingerprint(hashes.SHA1()).hex().upper(),
        "sha256": cert.fingerprint(hashes.SHA256()).hex().upper(),
        "der_b64": base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode(),
        "subject": cert.subject.rfc4514_string(),
        "serial_hex": format(cert.serial_number, "X"),  # as a string: JSON readers may round big ints
        "serial_bits": cert.serial_number.bit_length(),
        "serial_positive": cert.serial_number > 0,
        "not_before": cert.not_valid_before_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "not_after": cert.not_valid_after_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "key_type": type(pub).__name__,
        "ski_from_key": x509.SubjectKeyIdentifier.from_public_key(pub).digest.hex().upper(),
    }
    if isinstance(pub, rsa.RSAPublicKey):
        d["key_size"] = pub.key_size
    try:
        d["ski"] = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest.hex().upper()
    except x509.ExtensionNotFound:
        d["ski"] = None
    return d


def cmd_pkcs12(path, mode, pw=None):
    data = open(path, "rb").read()
    password = {"--password": (pw or "").encode("utf-8"), "--empty": b"", "--none": None}[mode]
    key, cert, extra = pkcs12.load_key_and_certificates(data, password)
    out = {"has_key": key is not None, "has_cert": cert is not None, "additional_certs": len(extra)}
    if cert is not None:
        out["cert"] = cert_facts(cert)
    if key is not None and cert is not None:
        out["key_type"] = type(key).__name__
        if isinstance(key, rsa.RSAPrivateKey):
            out["key_size"] = key.key_size
            out["key_matches_cert"] = key.public_key().public_numbers() == cert.public_key().public_numbers()
            msg = b"hello from certkit interop"
            sig = key.sign(msg, padding.PKCS1v15(), hashes.SHA256())
            cert.public_key().verify(sig, msg, padding.PKCS1v15(), hashes.SHA256())  # raises if bad
            out["sign_verify"] = True
    return out


def cmd_cert(path):
    data = open(path, "rb").read()
    cert = x509.load_pem_x509_certificate(data) if b"-----BEGIN" in data else x509.load_der_x509_certificate(data)
    return cert_facts(cert)


def main(argv):
    try:
        if len(argv) >= 3 and argv[0] == "pkcs12":
            out = cmd_pkcs12(argv[1], argv[2], argv[3] if len(argv) > 3 else None)
        elif len(argv) == 2 and argv[0] == "cert":
            out = cmd_cert(argv[1])
        elif len(argv) == 2 and argv[0] == "json":
            out = json.loads(open(argv[1], "rb").read())
        else:
            raise SystemExit(__doc__)
    except SystemExit:
        raise
    except Exception as e:
        print(json.dumps({"error": f"{type(e).__name__}: {e}"}))
        return 1
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
