# Shared set-up for scripts/run.sh and scripts/test.sh: sourced, not run.
# It installs what is missing (Debian/Ubuntu packages, PostgreSQL, a Python
# environment with Odoo 18) and leaves in $PY the Python that imports Odoo 18.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
TOOLS="${TOOLS:-$ROOT/.venv-tools}"
ODOO_BRANCH=18.0
ODOO_UPSTREAM="${ODOO_UPSTREAM:-https://github.com/odoo/odoo.git}"
# Where an upstream clone goes, and where set-up looks first when ODOO_SRC is unset.
ODOO_CACHE="${ODOO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/customer_care/odoo-$ODOO_BRANCH}"

log() { printf '\033[1m[customer_care]\033[0m %s\n' "$*" >&2; }
die() {
    printf '\033[1;31m[customer_care] error:\033[0m %s\n' "$*" >&2
    exit 2
}

as_root() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "'$*' needs root: run as root or install sudo."
    fi
}

as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        sudo -u postgres "$@"
    fi
}

ensure_system_packages() {
    # Debian/Ubuntu names; on other systems say what is missing and stop.
    # wkhtmltopdf prints the loyalty letters as PDF.
    local wanted=(postgresql postgresql-client chromium wkhtmltopdf libpq-dev libldap2-dev
        libsasl2-dev build-essential git)
    if ! command -v dpkg >/dev/null 2>&1; then
        local cmd
        for cmd in psql pg_ctl chromium; do
            command -v "$cmd" >/dev/null 2>&1 || [ "$cmd" = pg_ctl ] ||
                die "'$cmd' is missing. Install PostgreSQL and Chromium with your system's package manager."
        done
        return
    fi
    python3 -m venv --help >/dev/null 2>&1 || wanted+=(python3-venv python3-dev)
    local missing=() pkg
    for pkg in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    # Ubuntu ships Chromium as a snap wrapper; accept any chromium already on PATH.
    if [[ " ${missing[*]} " == *" chromium "* ]] && command -v chromium >/dev/null 2>&1; then
        missing=("${missing[@]/chromium/}")
    fi
    missing=(${missing[@]+"${missing[@]}"})
    [ ${#missing[@]} -eq 0 ] && return
    log "installing system packages: ${missing[*]}"
    as_root apt-get update -qq || die "apt-get update failed: check the package sources."
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null ||
        die "could not install ${missing[*]} with apt-get."
}

ensure_postgres() {
    if ! pg_isready -q 2>/dev/null; then
        log "starting PostgreSQL"
        if command -v pg_lsclusters >/dev/null 2>&1; then
            local cluster
            cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
            if [ -z "$cluster" ]; then
                local version
                version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
                as_root pg_createcluster "$version" main
                cluster="$version main"
            fi
            # shellcheck disable=SC2086
            as_root pg_ctlcluster $cluster start || true
        else
            as_root service postgresql start || true
        fi
        local i
        for i in $(seq 1 30); do
            pg_isready -q 2>/dev/null && break
            sleep 1
        done
        pg_isready -q 2>/dev/null || die "PostgreSQL did not start: see its log under /var/log/postgresql."
    fi
    local me
    me=$(id -un)
    if ! psql -d postgres -tAc "select 1" >/dev/null 2>&1; then
        log "creating the PostgreSQL role '$me'"
        as_postgres createuser --createdb "$me" ||
            die "could not create the PostgreSQL role '$me'."
    fi
}

odoo_version_of() {
    # Prints the major version of Odoo importable by the given Python, or nothing.
    (cd / && "$1" -c "import odoo.release as r; print(r.version_info[0])" 2>/dev/null) || true
}

install_odoo_from() {
    local src=$1
    [ -f "$src/odoo/release.py" ] && [ -f "$src/requirements.txt" ] ||
        die "ODOO_SRC=$src is not an Odoo source tree (no odoo/release.py)."
    grep -q "^version_info = (18, 0" "$src/odoo/release.py" ||
        die "$src is not Odoo 18.0 (see its odoo/release.py)."
    log "installing Odoo 18 from $src and its Python requirements (a few minutes the first time)"
    # cbor2 5.4.2, pinned for Python 3.11, no longer builds with current setuptools.
    sed -e 's/^cbor2==5\.4\.2\b.*/cbor2==5.6.5 ; python_version < "3.12"/' \
        "$src/requirements.txt" >"$VENV/odoo-requirements.txt"
    "$PY" -m pip install -q -r "$VENV/odoo-requirements.txt" ||
        die "could not install Odoo's Python requirements (see above)."
    # Compat mode puts the tree on sys.path, so that addons pip-installed into the
    # odoo.addons namespace (setup.py) are found beside Odoo's own.
    "$PY" -m pip install -q --no-deps -e "$src" --config-settings editable_mode=compat ||
        die "could not install Odoo from $src."
}

ensure_python_env() {
    command -v python3 >/dev/null 2>&1 || die "python3 is missing: install Python 3.10 to 3.12."
    if [ ! -x "$VENV/bin/python" ]; then
        log "creating the Python environment $VENV"
        # System site packages: an Odoo already importable by python3 is reused.
        python3 -m venv --system-site-packages "$VENV" || die "could not create $VENV."
    fi
    PY="$VENV/bin/python"
    local src="${ODOO_SRC:-}"
    if [ -n "$src" ]; then
        [ -d "$src" ] || die "ODOO_SRC=$src does not exist."
        [ "$(odoo_version_of "$PY")" = 18 ] && [ "$(cd / && "$PY" -c 'import odoo, os; print(os.path.realpath(os.path.dirname(os.path.dirname(odoo.__file__))))')" = "$(realpath "$src")" ] ||
            install_odoo_from "$src"
    elif [ "$(odoo_version_of "$PY")" != 18 ]; then
        local found
        found=$(odoo_version_of python3)
        if [ -n "$found" ] && [ "$found" != 18 ]; then
            die "python3 imports Odoo $found, not 18.0. Set ODOO_SRC to an Odoo 18.0 source tree."
        fi
        if [ ! -f "$ODOO_CACHE/odoo/release.py" ]; then
            log "Odoo 18 is not importable: cloning $ODOO_UPSTREAM ($ODOO_BRANCH) into $ODOO_CACHE"
            mkdir -p "$(dirname "$ODOO_CACHE")"
            git clone --quiet --depth 1 --branch "$ODOO_BRANCH" "$ODOO_UPSTREAM" "$ODOO_CACHE" || {
                rm -rf "$ODOO_CACHE"
                die "Odoo 18.0 was not found and could not be downloaded from $ODOO_UPSTREAM.
  Provide it in one of these ways, then run the command again:
  - ODOO_SRC=/path/to/odoo-18.0 make ...   (an Odoo 18.0 source tree: odoo-bin, odoo/, addons/)
  - make python3 import Odoo 18.0 (pip install -e /path/to/odoo-18.0)
  - put an Odoo 18.0 source tree at $ODOO_CACHE"
            }
        fi
        install_odoo_from "$ODOO_CACHE"
    fi
    [ "$(odoo_version_of "$PY")" = 18 ] || die "Odoo 18 is still not importable by $PY."
    ODOO_ADDONS="$(cd / && "$PY" -c 'import odoo, os; print(os.path.join(os.path.dirname(os.path.dirname(odoo.__file__)), "addons"))')"
    [ -d "$ODOO_ADDONS/crm" ] || die "Odoo's addons are not beside the odoo package ($ODOO_ADDONS): use a full Odoo 18.0 source tree."
    ADDONS_PATH="$ODOO_ADDONS,$ROOT"
}

ensure_test_tools() {
    # websocket-client drives Chromium in browser tours: beside Odoo.
    "$PY" -m pip install -q -r "$ROOT/requirements-test.txt" ||
        die "could not install the test tools of requirements-test.txt."
    # The static checks get an environment of their own, without the system's site
    # packages: their pinned commands are then always in $TOOLS/bin, whatever the
    # machine's Python already has.
    if [ ! -x "$TOOLS/bin/python" ]; then
        log "creating the static checks' environment $TOOLS"
        python3 -m venv "$TOOLS" || die "could not create $TOOLS."
    fi
    "$TOOLS/bin/python" -m pip install -q -r "$ROOT/requirements-lint.txt" ||
        die "could not install the static checks of requirements-lint.txt."
}

setup_all() {
    ensure_system_packages
    ensure_postgres
    ensure_python_env
}

run_odoo() {
    (cd / && "$PY" -m odoo --addons-path="$ADDONS_PATH" "$@")
}
