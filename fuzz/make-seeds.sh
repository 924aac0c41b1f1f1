#!/usr/bin/env bash
# Seeds fuzz/corpus/<target> from the fixtures and from files made here by openssl: certificates
# (DER, PEM, base64, UTF-16, bundles), keys (PKCS#8, PKCS#1, encrypted, EC), PFX files in every
# profile, and the manifest fixtures. Safe to re-run; the corpus is not committed.
set -euo pipefail
cd "$(dirname "$0")"
root=..
certs=corpus/read_certificates pfx=corpus/read_pfx manifests=corpus/manifest_patch
mkdir -p "$certs" "$pfx" "$manifests"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp "$root"/fixtures/manifests/* "$root"/fixtures/manifests-edge/*.json* "$manifests"/
cp "$root"/fixtures/certs/fixture-cert.cer "$certs"/

o() { openssl "$@" 2>/dev/null; }
o req -x509 -newkey rsa:2048 -nodes -keyout "$work/k.pem" -out "$work/c.pem" -subj "/CN=seed" -days 30
o req -x509 -newkey rsa:1024 -nodes -keyout "$work/k1024.pem" -out "$work/c1024.pem" -subj "/CN=small" -days 30
o req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/ec.pem" -out "$work/ecc.pem" -subj "/CN=ec" -days 30
o req -x509 -newkey ed25519 -nodes -keyout "$work/ed.pem" -out "$work/edc.pem" -subj "/CN=ed" -days 30
o x509 -in "$work/c.pem" -outform DER -out "$certs/c.der"
cp "$work/c.pem" "$certs/c.pem"
cp "$work/ecc.pem" "$certs/ec-cert.pem"
cp "$work/edc.pem" "$certs/ed-cert.pem"
cat "$work/c.pem" "$work/k.pem" > "$certs/bundle-pkcs8.pem"
{ cat "$work/c.pem"; o rsa -in "$work/k.pem" -traditional; } > "$certs/bundle-pkcs1.pem"
{ cat "$work/c.pem"; o pkcs8 -topk8 -in "$work/k.pem" -passout pass:fuzz -v2 aes-256-cbc; } > "$certs/bundle-encrypted.pem"
cat "$work/ecc.pem" "$work/ec.pem" > "$certs/bundle-ec.pem"
cat "$work/c1024.pem" "$work/k1024.pem" "$work/c.pem" > "$certs/bundle-small.pem"
base64 -w 64 "$certs/c.der" > "$certs/c.b64"
printf '\xff\xfe' > "$certs/c-utf16.pem"; iconv -f UTF-8 -t UTF-16LE "$work/c.pem" >> "$certs/c-utf16.pem"

n=0
for args in "" "-legacy" "-certpbe PBE-SHA1-3DES -keypbe PBE-SHA1-3DES -macalg sha1" "-nomac" \
    "-certpbe AES-128-CBC -keypbe AES-128-CBC" "-certpbe NONE -keypbe NONE"; do
    for pass in "" fuzz; do
        n=$((n + 1))
        # shellcheck disable=SC2086
        o pkcs12 -export -in "$work/c.pem" -inkey "$work/k.pem" -out "$pfx/v$n.pfx" -passout "pass:$pass" $args -iter 1 -maciter || true
    done
done
o pkcs12 -export -in "$work/ecc.pem" -inkey "$work/ec.pem" -out "$pfx/ec.pfx" -passout pass: -iter 1 || true
o pkcs12 -export -in "$work/c.pem" -nokeys -out "$pfx/certonly.pfx" -passout pass:fuzz -iter 1 || true
cp "$pfx"/*.pfx "$certs"/
echo "seeded: $(ls "$certs" | wc -l) certificate inputs, $(ls "$pfx" | wc -l) PFX, $(ls "$manifests" | wc -l) manifests"
