"""figcheck: the figures of news articles (money amounts, AI-model parameter counts),
read, converted with dated ECB rates, tied to facts and checked across sources.

    >>> import figcheck
    >>> figcheck.extract("Alibaba investira 380 milliards de yuans", lang="fr")[0]["value"]
    Decimal('380000000000')

Everything returned is plain Python data: lists and dicts of str, int, bool, None and
``decimal.Decimal`` (never float) for amounts, bounds and rates. Errors raise
:class:`FigcheckError` with the file, line and column of each problem.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from typing import Any, Iterable, List, Optional, Sequence, Tuple, Union

from ._figcheck import FigcheckError, NativeChecker, __version__

__all__ = [
    "Checker",
    "FigcheckError",
    "check",
    "extract",
    "reduce_claims",
    "shared_checker",
    "__version__",
]

PathOrText = Union[str, "os.PathLike[str]"]

# Keys whose values are exact decimals, written as strings by the native half.
DECIMAL_KEYS = frozenset(
    {
        "value",
        "low",
        "high",
        "precision",
        "rate",
        "normalized_min",
        "normalized_max",
        "tolerance",
    }
)


def _decimals(obj: Any) -> Any:
    """The JSON value with every decimal-valued string turned into a Decimal."""
    if isinstance(obj, dict):
        out = {}
        for k, v in obj.items():
            if k in DECIMAL_KEYS and isinstance(v, str):
                try:
                    out[k] = Decimal(v)
                except ArithmeticError:
                    out[k] = v
            else:
                out[k] = _decimals(v)
        return out
    if isinstance(obj, list):
        return [_decimals(v) for v in obj]
    return obj


def _loads(text: str) -> Any:
    # parse_float keeps any JSON number exact; the native half writes none today.
    return _decimals(json.loads(text, parse_float=Decimal))


def _split(items: Union[PathOrText, Iterable[PathOrText]]) -> Tuple[List[str], List[Tuple[str, str]]]:
    """Paths and texts: a ``pathlib.Path`` (any ``os.PathLike``) is a path; a ``str`` is
    a path when it names an existing file or folder, otherwise an article's text (named
    ``text-1.md``, ``text-2.md``... in reports; Markdown, so front matter is read)."""
    if isinstance(items, (str, os.PathLike)):
        items = [items]
    paths: List[str] = []
    texts: List[Tuple[str, str]] = []
    for item in items:
        if isinstance(item, os.PathLike):
            paths.append(os.fspath(item))
        elif isinstance(item, str):
            if "\n" not in item and len(item) < 4096 and os.path.exists(item):
                paths.append(item)
            else:
                texts.append((f"text-{len(texts) + 1}.md", item))
        else:
            raise TypeError(f"expected a path or a text, got {type(item).__name__}")
    return paths, texts


class Checker:
    """Rule packs, rate tables and check settings, loaded once.

    ``rules`` and ``rates`` are folders added to the bundled packs and the bundled ECB
    table (later folders win); ``config`` is a figcheck.toml to read (none unless given).
    """

    def __init__(
        self,
        rules: Optional[Sequence[PathOrText]] = None,
        rates: Optional[Sequence[PathOrText]] = None,
        config: Optional[PathOrText] = None,
    ) -> None:
        self._native = NativeChecker(
            rules=[os.fspath(r) for r in rules] if rules else None,
            rates=[os.fspath(r) for r in rates] if rates else None,
            config=os.fspath(config) if config is not None else None,
        )

    @property
    def languages(self) -> List[str]:
        """The languages the rules read."""
        return list(self._native.languages)

    @property
    def config_used(self) -> Optional[str]:
        """The figcheck.toml read, if any."""
        return self._native.config_used

    def articles(self, paths: Union[PathOrText, Iterable[PathOrText]]) -> List[str]:
        """The articles that files and folders name, as ``figcheck check`` reads them
        (folders walked with the configuration's globs), in reading order: the units of
        work of a map step."""
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        return list(self._native.plan([os.fspath(p) for p in paths]))

    def extract(
        self, text: str, lang: Optional[str] = None, date: Optional[str] = None, path: str = "-"
    ) -> List[dict]:
        """The figures of one text, as ``figcheck extract --format json`` rows."""
        return _loads(self._native.extract_json(text, lang=lang, date=date, path=path))

    def check(
        self,
        paths_or_texts: Union[PathOrText, Iterable[PathOrText]],
        lang: Optional[str] = None,
        date: Optional[str] = None,
    ) -> dict:
        """Check articles together, as one ``figcheck check --format json`` run."""
        paths, texts = _split(paths_or_texts)
        return _loads(self._native.check_json(paths, texts, lang=lang, date=date))

    def claims(
        self,
        paths_or_texts: Union[PathOrText, Iterable[PathOrText]],
        lang: Optional[str] = None,
        date: Optional[str] = None,
    ) -> List[str]:
        """The map step: the claim records of some articles, one JSON line each, exactly
        as ``figcheck check --format jsonl`` writes them (strings, so they travel between
        processes and files unchanged)."""
        paths, texts = _split(paths_or_texts)
        return list(self._native.claim_lines(paths, texts, lang=lang, date=date))

    def reduce(self, lines: Iterable[str]) -> dict:
        """The reduce step: check claim records from any number of map steps together,
        as ``figcheck check --claims FILE...``; the report as ``check --format json``."""
        return _loads(self._native.reduce_json([l for l in lines if l.strip()]))


_default: Optional[Checker] = None
_shared: dict = {}


def shared_checker(
    rules: Optional[Sequence[PathOrText]] = None,
    rates: Optional[Sequence[PathOrText]] = None,
    config: Optional[PathOrText] = None,
) -> Checker:
    """One :class:`Checker` per process and arguments, loaded on first use: what a
    cluster's worker calls in each task, so that rules and rates load once per worker."""
    key = (
        tuple(os.fspath(r) for r in rules or ()),
        tuple(os.fspath(r) for r in rates or ()),
        os.fspath(config) if config is not None else None,
    )
    if key not in _shared:
        _shared[key] = Checker(rules=rules, rates=rates, config=config)
    return _shared[key]


def _checker(rules: Optional[Sequence[PathOrText]], rates: Optional[Sequence[PathOrText]]) -> Checker:
    global _default
    if rules or rates:
        return Checker(rules=rules, rates=rates)
    if _default is None:
        _default = Checker()
    return _default


def extract(text: str, lang: Optional[str] = None, date: Optional[str] = None) -> List[dict]:
    """The figures of one text with the bundled rules (loaded once per process)."""
    return _checker(None, None).extract(text, lang=lang, date=date)


def check(
    paths_or_texts: Union[PathOrText, Iterable[PathOrText]],
    rules: Optional[Sequence[PathOrText]] = None,
    rates: Optional[Sequence[PathOrText]] = None,
) -> dict:
    """Check articles (paths, or texts) together; ``rules`` and ``rates`` add folders."""
    return _checker(rules, rates).check(paths_or_texts)


def reduce_claims(
    lines: Iterable[str],
    rules: Optional[Sequence[PathOrText]] = None,
    rates: Optional[Sequence[PathOrText]] = None,
) -> dict:
    """Check claim records (JSON lines) together, as ``figcheck check --claims``."""
    return _checker(rules, rates).reduce(lines)
