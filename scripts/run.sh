#!/usr/bin/env bash
# Run the ServerSync server: scripts/run.sh [app args...]
# Listens on ASPNETCORE_URLS, default http://127.0.0.1:5080 (loopback only unless you say otherwise).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
# The embedded default keeps its SQLite file and keys in ./data of the checkout, whatever dotnet run uses as working folder.
export ServerSync__DataDirectory="${ServerSync__DataDirectory:-$PWD/data}"
# The Data Protection keys are encrypted at rest. Unless a key or certificate is configured, the key encryption key
# is generated once into an owner-only file outside ./data (so a copy of ./data alone decrypts nothing).
if [[ -z ${ServerSync__DataProtection__KeyEncryptionKey:-} && -z ${ServerSync__DataProtection__CertificateFile:-} ]]; then
  kek_file="${SERVERSYNC_KEY_FILE:-${XDG_CONFIG_HOME:-$HOME/.config}/serversync/key-encryption-key}"
  if [[ ! -s $kek_file ]]; then
    (umask 077 && mkdir -p "$(dirname "$kek_file")" && head -c 32 /dev/urandom | base64 > "$kek_file")
    echo "[run.sh] generated the key encryption key of the Data Protection keys: $kek_file (keep it; back it up apart from ./data)" >&2
  fi
  ServerSync__DataProtection__KeyEncryptionKey=$(cat "$kek_file")
  export ServerSync__DataProtection__KeyEncryptionKey
fi
# --no-launch-profile: a Properties/launchSettings.json applicationUrl would otherwise override
# ASPNETCORE_URLS. Everything after `--` goes to the app, not to dotnet run.
exec dotnet run --project src/ServerSync.Server -c Release --no-launch-profile -- "$@"
