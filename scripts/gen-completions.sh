#!/usr/bin/env bash
# Regenerates completions/ from the clap definition; tests/cli_completions.rs fails when stale.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
bin=target/debug/certkit
mkdir -p completions
"$bin" completions bash > completions/certkit.bash
"$bin" completions zsh > completions/_certkit
"$bin" completions fish > completions/certkit.fish
"$bin" completions powershell > completions/_certkit.ps1
"$bin" completions elvish > completions/certkit.elv
"$bin" man > completions/certkit.1
echo "completions/ regenerated"
