#!/usr/bin/env bash
# Lint each draft on its own and list the ones that need work.
set -u
status=0
for f in corpus/*.txt corpus/*.md; do
  if ! gwlint check --quiet --output-format concise "$f" > /dev/null; then
    echo "需要修改: $f"
    status=1
  fi
done
exit "$status"
