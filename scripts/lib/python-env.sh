# Sourced by the check scripts: `python_env PACKAGE...` makes a virtual environment under .build-py/ (git-ignored)
# with the given PyPI packages and sets PY to its python and PYBIN to its bin folder. A venv, because Debian's
# system Python refuses `pip install` (PEP 668); python3-venv comes from apt when missing and we are root.
python_env() {
  local root venv
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  venv="$root/.build-py/venv"
  if [ ! -x "$venv/bin/python" ]; then
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
      rm -rf "$venv"
      if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing python3-venv..."
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv) >/dev/null
        python3 -m venv "$venv"
      else
        echo "python_env: cannot make a virtual environment (apt-get install python3-venv)" >&2
        return 1
      fi
    fi
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$@"
  PY="$venv/bin/python"
  PYBIN="$venv/bin"
}
