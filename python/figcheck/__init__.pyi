import os
from decimal import Decimal
from typing import Any, Iterable, List, Optional, Sequence, Union

__version__: str

PathOrText = Union[str, os.PathLike[str]]

class FigcheckError(Exception):
    """A rule pack, rate table, configuration or article that cannot be read."""

    errors: List[dict[str, Any]]
    file: Optional[str]
    line: Optional[int]
    column: Optional[int]

class Checker:
    def __init__(
        self,
        rules: Optional[Sequence[PathOrText]] = ...,
        rates: Optional[Sequence[PathOrText]] = ...,
        config: Optional[PathOrText] = ...,
    ) -> None: ...
    @property
    def languages(self) -> List[str]: ...
    @property
    def config_used(self) -> Optional[str]: ...
    def articles(self, paths: Union[PathOrText, Iterable[PathOrText]]) -> List[str]: ...
    def extract(
        self, text: str, lang: Optional[str] = ..., date: Optional[str] = ..., path: str = ...
    ) -> List[dict[str, Any]]: ...
    def check(
        self,
        paths_or_texts: Union[PathOrText, Iterable[PathOrText]],
        lang: Optional[str] = ...,
        date: Optional[str] = ...,
    ) -> dict[str, Any]: ...
    def claims(
        self,
        paths_or_texts: Union[PathOrText, Iterable[PathOrText]],
        lang: Optional[str] = ...,
        date: Optional[str] = ...,
    ) -> List[str]: ...
    def reduce(self, lines: Iterable[str]) -> dict[str, Any]: ...

def extract(text: str, lang: Optional[str] = ..., date: Optional[str] = ...) -> List[dict[str, Any]]: ...
def check(
    paths_or_texts: Union[PathOrText, Iterable[PathOrText]],
    rules: Optional[Sequence[PathOrText]] = ...,
    rates: Optional[Sequence[PathOrText]] = ...,
) -> dict[str, Any]: ...
def reduce_claims(
    lines: Iterable[str],
    rules: Optional[Sequence[PathOrText]] = ...,
    rates: Optional[Sequence[PathOrText]] = ...,
) -> dict[str, Any]: ...
def shared_checker(
    rules: Optional[Sequence[PathOrText]] = ...,
    rates: Optional[Sequence[PathOrText]] = ...,
    config: Optional[PathOrText] = ...,
) -> Checker: ...
