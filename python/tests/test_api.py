"""The Python API: plain data, exact decimals, errors with their location."""

import pathlib
from decimal import Decimal

import pytest

import figcheck


def test_extract_reads_a_french_amount_exactly():
    rows = figcheck.extract("Alibaba investira 380 milliards de yuans", lang="fr")
    assert len(rows) == 1
    row = rows[0]
    assert row["text"] == "380 milliards de yuans"
    assert row["value"] == Decimal("380000000000")
    assert isinstance(row["value"], Decimal)
    assert row["currency"] == "CNY"
    assert row["kind"] == "money"
    assert (row["line"], row["column"]) == (1, 19)


def test_no_float_anywhere():
    rows = figcheck.extract("La société a levé 8,4 millions d'euros.", lang="fr")
    assert rows[0]["value"] == Decimal("8400000")

    def walk(v):
        assert not isinstance(v, float), v
        if isinstance(v, dict):
            for x in v.values():
                walk(x)
        if isinstance(v, list):
            for x in v:
                walk(x)

    walk(rows)


def test_extract_english_bound():
    rows = figcheck.extract("The firm raised more than $2.5 billion last year.", lang="en")
    assert [r["currency"] for r in rows] == ["USD"]
    assert rows[0]["low"] == Decimal("2500000000")
    assert rows[0]["qualifier"] == "more_than"
    assert rows[0]["high"] is None or rows[0]["high"] > rows[0]["low"]


def test_check_texts_finds_a_cross_source_mismatch(repo):
    checker = figcheck.Checker(rules=[repo / "examples" / "facts"])
    a = "---\ndate: 2024-06-12\nlang: fr\n---\nBrumelune a levé 120 millions d'euros.\n"
    b = "---\ndate: 2024-06-13\nlang: fr\n---\nBrumelune a levé 190 millions d'euros.\n"
    report = checker.check([a, b])
    assert report["summary"]["sources"] == 2
    assert [s["path"] for s in report["sources"]] == ["text-1.md", "text-2.md"]
    assert report["findings"], report
    flagged = report["findings"][0]["claims"][0]
    assert flagged["path"] == "text-2.md"
    assert flagged["value"] == Decimal("190000000")


def test_check_a_folder_by_path(repo):
    report = figcheck.check([repo / "examples" / "brumelune"], rules=[repo / "examples" / "facts"])
    assert report["summary"]["sources"] == 4
    assert all(isinstance(c["value"], (Decimal, type(None))) for f in report["facts"] for c in f["claims"])


def test_a_bad_rule_pack_raises_with_file_line_column(tmp_path: pathlib.Path):
    pack = tmp_path / "bad"
    pack.mkdir()
    (pack / "pack.toml").write_text('name = "bad"\nlang = "fr"\nversion = "1"\ndescription = "x"\n')
    (pack / "money.toml").write_text("[[pattern]]\nid = \"x\"\nkind = \"money\"\nregex = \"(\"\n")
    with pytest.raises(figcheck.FigcheckError) as info:
        figcheck.Checker(rules=[pack])
    err = info.value
    assert err.file is not None and err.file.endswith("money.toml"), err.errors
    assert err.line is not None and err.line >= 1
    assert err.column is not None and err.column >= 1
    assert all({"file", "line", "column", "message"} <= set(e) for e in err.errors)


def test_a_missing_path_raises():
    with pytest.raises(figcheck.FigcheckError) as info:
        figcheck.check([pathlib.Path("no/such/folder")])
    assert "no/such/folder: no such file or folder" in str(info.value)
    assert info.value.errors[0]["message"].startswith("no/such/folder")


def test_a_bad_date_raises():
    with pytest.raises(figcheck.FigcheckError):
        figcheck.extract("10 millions d'euros", lang="fr", date="2025-13-40")


def test_the_checker_loads_once_and_knows_its_languages():
    c = figcheck.Checker()
    assert {"en", "fr"} <= set(c.languages)
    assert c.config_used is None
    assert figcheck.shared_checker() is figcheck.shared_checker()


def test_map_and_reduce_equal_one_check(repo):
    checker = figcheck.Checker(config=repo / "examples" / "figcheck.toml")
    articles = checker.articles([repo / "examples" / "brumelune"])
    assert len(articles) == 4
    lines = [line for a in articles for line in checker.claims([a])]
    reduced = checker.reduce(lines)
    direct = checker.check(articles)
    assert reduced["findings"] == direct["findings"]
    assert reduced["facts"] == direct["facts"]
