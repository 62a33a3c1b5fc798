#!/usr/bin/env bash
# The Python package's CI: a fresh venv, the package built with maturin, the README's
# smoke line, then pytest (which compares the Dask example with the CLI). Called by
# .ci/run after the Rust tests; needs python3 (with venv), pip and the Rust toolchain.
# FIGCHECK_BIN names the figcheck binary the tests compare with (default:
# ../target/debug/figcheck, which `cargo build` at the root makes).
set -euo pipefail
cd "$(dirname "$0")"
here="$PWD"
venv="${FIGCHECK_VENV:-$here/.venv}"
# Debian's python3 needs python3-venv for ensurepip; install it when missing (CI is root).
if ! python3 -m venv --help > /dev/null 2>&1 || ! python3 -c "import ensurepip" > /dev/null 2>&1; then
  apt-get update && apt-get install -y python3-venv
fi
python3 -m venv "$venv"
# shellcheck disable=SC1091
. "$venv/bin/activate"
python -m pip install --quiet --upgrade pip
python -m pip install --quiet "maturin>=1.5,<2" pytest "dask[distributed]"
# Share the root crate's build folder: the dependencies the two crates have in common
# are compiled once.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$here/../target}"
maturin develop --locked
# The README's smoke line:
python -c "import figcheck; print(figcheck.extract('Alibaba investira 380 milliards de yuans', lang='fr'))"
export FIGCHECK_BIN="${FIGCHECK_BIN:-$here/../target/debug/figcheck}"
python -m pytest -q tests
