#!/usr/bin/env python3
"""Python cryptography (OpenSSL underneath) reads what certkit exports.

Usage:
  crypto_check.py pfx FILE PASSWORD   load_key_and_certificates
  crypto_check.py pem FILE            the PRIVATE KEY and CERTIFICATE blocks of one PEM file
Prints {"sha1": hex, "subject": ..., "key_matches": bool}.
"""
import json, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12


def facts(key, cert):
    pub = serialization.PublicFormat.SubjectPublicKeyInfo
    der = serialization.Encoding.DER
    return {"sha1": cert.fingerprint(hashes.SHA1()).hex(), "subject": cert.subject.rfc4514_string(),
            "key_matches": key is not None and
            key.public_key().public_bytes(der, pub) == cert.public_key().public_bytes(der, pub)}


def main(argv):
    data = open(argv[1], "rb").read()
    if argv[0] == "pfx":
        key, cert, _ = pkcs12.load_key_and_certificates(data, argv[2].encode())
    elif argv[0] == "pem":
        key = serialization.load_pem_private_key(data, None)
        cert = x509.load_pem_x509_certificate(data)
    else:
        raise SystemExit(__doc__)
    print(json.dumps(facts(key, cert)))


if __name__ == "__main__":
    main(sys.argv[1:])
