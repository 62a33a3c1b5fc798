"""The Dask example's findings equal the CLI's on the same corpus."""

import json
import os
import pathlib
import subprocess
import sys

import pytest

EXAMPLE = pathlib.Path(__file__).resolve().parent.parent / "examples" / "dask_check.py"
CORPUS = "examples"


def cli_findings(figcheck_bin, repo):
    out = subprocess.run(
        [figcheck_bin, "check", CORPUS, "--format", "json", "--quiet"],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)["findings"]


def normalise(findings):
    # The example prints Decimals as strings (json default=str): the CLI's JSON has
    # the same strings, so a JSON round trip makes both plain.
    return json.loads(json.dumps(findings, default=str))


def test_dask_bag_equals_the_cli(figcheck_bin, repo, monkeypatch):
    sys.path.insert(0, str(EXAMPLE.parent))
    try:
        import dask_check
    finally:
        sys.path.pop(0)
    monkeypatch.chdir(repo)
    report = dask_check.check_folder(CORPUS, config=f"{CORPUS}/figcheck.toml")
    expected = cli_findings(figcheck_bin, repo)
    assert expected, "the examples have findings"
    assert normalise(report["findings"]) == expected


def test_local_cluster_of_two_workers_equals_the_cli(figcheck_bin, repo):
    pytest.importorskip("dask.distributed")
    out = subprocess.run(
        [sys.executable, str(EXAMPLE), CORPUS, "--config", f"{CORPUS}/figcheck.toml"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 1, out.stderr  # findings
    assert json.loads(out.stdout) == cli_findings(figcheck_bin, repo)
