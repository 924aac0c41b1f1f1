#!/usr/bin/env python3
"""Independent consumers of certkit's client assertions: PyJWT and MSAL Python.

Usage:
  assertion_check.py decode TOKEN CERT.pem AUDIENCE ALG
      PyJWT verifies TOKEN with the certificate's public key (signature, exp, nbf, iat, aud) and
      prints {"header", "claims", "x5t", "x5t#S256"} (the last two computed by cryptography).
  assertion_check.py msal KEY.pem CERT.pem CLIENT_ID AUDIENCE ALG
      MSAL's JwtAssertionCreator (what ConfidentialClientApplication uses, without network)
      builds an assertion for the same key; prints {"token", "header", "claims"}.
  assertion_check.py form BODY
      urllib parses an application/x-www-form-urlencoded body; prints {name: [values]}.
"""
import base64, json, sys


def b64url(raw):
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def load_cert(path):
    from cryptography import x509
    with open(path, "rb") as f:
        return x509.load_pem_x509_certificate(f.read())


def decode(token, cert_path, audience, alg):
    import jwt
    from cryptography.hazmat.primitives import hashes
    cert = load_cert(cert_path)
    claims = jwt.decode(token, cert.public_key(), algorithms=[alg], audience=audience,
                        options={"require": ["exp", "iat", "nbf", "aud", "iss", "sub", "jti"]})
    return {"header": jwt.get_unverified_header(token), "claims": claims,
            "x5t": b64url(cert.fingerprint(hashes.SHA1())),
            "x5t#S256": b64url(cert.fingerprint(hashes.SHA256()))}


def msal_assertion(key_path, cert_path, client_id, audience, alg):
    import jwt
    from cryptography.hazmat.primitives import hashes
    from msal.oauth2cli.assertion import JwtAssertionCreator
    cert = load_cert(cert_path)
    with open(key_path) as f:
        key = f.read()
    # The parameters ConfidentialClientApplication passes (msal/application.py): PS256 with the
    # SHA-256 thumbprint when it knows the certificate, else RS256 with the SHA-1 thumbprint.
    if alg == "PS256":
        creator = JwtAssertionCreator(key, "PS256", sha256_thumbprint=cert.fingerprint(hashes.SHA256()).hex())
    else:
        creator = JwtAssertionCreator(key, "RS256", sha1_thumbprint=cert.fingerprint(hashes.SHA1()).hex())
    token = creator.create_normal_assertion(audience=audience, issuer=client_id).decode()
    return {"token": token, "header": jwt.get_unverified_header(token),
            "claims": jwt.decode(token, options={"verify_signature": False})}


def main(argv):
    if argv[0] == "decode":
        out = decode(*argv[1:5])
    elif argv[0] == "msal":
        out = msal_assertion(*argv[1:6])
    elif argv[0] == "form":
        from urllib.parse import parse_qs
        out = parse_qs(argv[1], keep_blank_values=True, strict_parsing=True)
    else:
        raise SystemExit(__doc__)
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
