"""Check a folder of articles on a Dask cluster, the way `figcheck check --format jsonl`
(map) and `figcheck check --claims` (reduce) do it on the command line.

    python dask_check.py ARTICLES [--config figcheck.toml] [--scheduler ADDRESS]

Map: each worker loads the rules and rates once (one `figcheck.Checker` per worker
process) and turns articles into claim records, JSON lines that carry everything the
checks need. Reduce: one `Checker.reduce` over all records gives the same findings as
`figcheck check ARTICLES --format json`. Without `--scheduler` a LocalCluster of two
worker processes is started; with it, the same code runs on an existing cluster (every
worker needs `pip install figcheck` and read access to the articles and the config).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import List, Optional, Sequence

import cloudpickle
import dask.bag as db
import figcheck

if __name__ != "__main__":
    # Imported (by a notebook, a test): ship this module's functions to the workers by
    # value, so that workers need figcheck installed but not this file.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])


def _claims(paths: Sequence[str], config: Optional[str]) -> List[str]:
    # One checker per worker process (figcheck.shared_checker): rules and rates load
    # once per worker, not once per task.
    return figcheck.shared_checker(config=config).claims(list(paths))


def check_folder(
    folder: str,
    config: Optional[str] = None,
    client: "Optional[object]" = None,
    partitions: int = 4,
) -> dict:
    """The report of every article under `folder`, extracted on the workers of
    `client` (a dask.distributed Client; Dask's default scheduler without one) and
    checked once on the caller. The report is `figcheck check --format json`'s."""
    checker = figcheck.shared_checker(config=config)
    articles = checker.articles([folder])
    if not articles:
        return checker.reduce([])
    bag = db.from_sequence(articles, npartitions=max(1, min(partitions, len(articles))))
    lines = bag.map_partitions(_claims, config)
    records = lines.compute() if client is None else client.compute(lines).result()
    return checker.reduce(records)


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("--config", help="figcheck.toml to read (none by default)")
    ap.add_argument("--scheduler", help="address of an existing Dask scheduler")
    args = ap.parse_args(argv)
    from dask.distributed import Client, LocalCluster

    if args.scheduler:
        client = Client(args.scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True)
        client = Client(cluster)
    try:
        report = check_folder(args.folder, config=args.config, client=client)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    json.dump(report["findings"], sys.stdout, indent=2, default=str)
    sys.stdout.write("\n")
    return 1 if report["findings"] else 0


if __name__ == "__main__":
    sys.exit(main())
