import os
import pathlib
import shutil

import pytest

PYTHON_DIR = pathlib.Path(__file__).resolve().parent.parent
REPO = PYTHON_DIR.parent


@pytest.fixture
def repo() -> pathlib.Path:
    return REPO


@pytest.fixture
def figcheck_bin() -> str:
    """The figcheck binary the Rust build made (FIGCHECK_BIN, else target/debug)."""
    path = os.path.abspath(os.environ.get("FIGCHECK_BIN") or str(REPO / "target" / "debug" / "figcheck"))
    if not os.path.exists(path):
        path = shutil.which("figcheck") or path
    assert os.path.exists(path), f"no figcheck binary at {path}: build it with cargo build"
    return path
