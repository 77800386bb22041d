# Shared by scripts/demo and scripts/test: make .venv with Python >= 3.11 and install poise into it
# (again only when pyproject.toml changed). Usage: . scripts/_venv.sh EXTRAS
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
extras="${1:-}"
py=""
for cand in python3.11 python3.12 python3.13 python3; do
  if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    py="$cand"; break
  fi
done
if [ -z "$py" ]; then
  echo "Error: poise needs Python 3.11 or newer; install it and run this again." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv
fi
stamp=".venv/.poise-installed-$(cat pyproject.toml | sha1sum | cut -c1-12)${extras:+-$(echo "$extras" | tr ',' '-')}"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip >/dev/null
  .venv/bin/python -m pip install --quiet -e ".${extras:+[$extras]}"
  touch "$stamp"
fi
