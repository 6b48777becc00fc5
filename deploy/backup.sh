#!/usr/bin/env bash
# One backup of Family ORS into $BACKUP_ROOT/YYYY-MM-DDTHHMMSSZ (flask backup create: the
# database and the attachments, with a manifest of checksums), then the backups older than
# $BACKUP_KEEP_DAYS days (30) removed; a folder is removed only when it holds a manifest, and
# the newest backup is never removed. Run from the application's folder with its environment
# (family-ors-backup.service does both). Exit status: that of the backup.
set -euo pipefail
: "${BACKUP_ROOT:?BACKUP_ROOT names the folder that keeps the backups}"
keep_days="${BACKUP_KEEP_DAYS:-30}"
here="$(cd "$(dirname "$0")/.." && pwd)"
target="$BACKUP_ROOT/$(date -u +%Y-%m-%dT%H%M%SZ)"
mkdir -p "$BACKUP_ROOT"
"$here/.venv/bin/flask" --app wsgi backup create --output "$target"
newest="$(ls -1d "$BACKUP_ROOT"/*/ | sort | tail -n 1)"
find "$BACKUP_ROOT" -mindepth 1 -maxdepth 1 -type d -mtime "+$keep_days" -print0 |
  while IFS= read -r -d '' old; do
    if [[ -f "$old/manifest.json" && "$old/" != "$newest" ]]; then
      rm -rf -- "$old"
      echo "removed $old (older than $keep_days days)"
    fi
  done
