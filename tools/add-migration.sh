#!/usr/bin/env bash
# Adds one EF Core migration, under the same name, to BOTH migrations sets:
#   src/Bourse.Persistence/Migrations/Sqlite   (SqliteBourseDbContext)
#   src/Bourse.Persistence/Migrations/Postgres (PostgresBourseDbContext)
# Usage: tools/add-migration.sh <Name>          e.g. tools/add-migration.sh LiveStrategies
# Needs the dotnet-ef tool (dotnet tool install -g dotnet-ef); no database is contacted.
# To redo a migration (e.g. after `git merge main` brought other migrations): delete your two migrations' files
# (4 files), take main's two *ModelSnapshot.cs, and run this script again.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:$HOME/.dotnet/tools"

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: tools/add-migration.sh <MigrationName>" >&2
  exit 2
fi

project=src/Bourse.Persistence
dotnet build "$project" -v q --nologo
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$1" --project "$project" --context "${provider}BourseDbContext" \
    --output-dir "Migrations/$provider" --no-build
done
