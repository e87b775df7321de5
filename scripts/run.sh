#!/usr/bin/env bash
# Run the ServerSync server: scripts/run.sh [app args...]
# Listens on ASPNETCORE_URLS, default http://127.0.0.1:5080 (loopback only unless you say otherwise).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
# The embedded default keeps its SQLite file and keys in ./data of the checkout, whatever dotnet run uses as working folder.
export ServerSync__DataDirectory="${ServerSync__DataDirectory:-$PWD/data}"
# --no-launch-profile: a Properties/launchSettings.json applicationUrl would otherwise override
# ASPNETCORE_URLS. Everything after `--` goes to the app, not to dotnet run.
exec dotnet run --project src/ServerSync.Server -c Release --no-launch-profile -- "$@"
