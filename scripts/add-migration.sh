#!/usr/bin/env bash
# Adds an EF Core migration for both providers (SQLite and PostgreSQL keep separate migration sets).
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh NAME}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet dotnet-ef migrations add "$name" --project src/ServerSync.Storage \
    --context "${provider}ServerSyncDbContext" --output-dir "Migrations/$provider"
done
