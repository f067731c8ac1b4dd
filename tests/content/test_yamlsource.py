"""The strict YAML reader: positions kept, unsafe YAML refused with file:line messages."""

from __future__ import annotations

import pytest
import yaml

from conftest import ROOT
from termsite.content import yamlsource
from termsite.content.yamlsource import MAX_DEPTH, MAX_FILE_BYTES, parse_yaml_bytes


def parse(text: bytes):
    return parse_yaml_bytes(text, "content/terms/x.yml")


def only_problem(text: bytes):
    node, problems = parse(text)
    assert node is None
    assert len(problems) == 1
    return problems[0]


def test_values_keep_their_lines_and_types() -> None:
    node, problems = parse(b"title: Mark Price\nwidth: 1200\nflag: yes\nitems:\n  - a\n  - 'b'\nempty:\n")
    assert problems == []
    entries = {key: value for key, (_, value) in node.entries.items()}
    assert (entries["title"].text, entries["title"].scalar_type, entries["title"].line) == ("Mark Price", "str", 1)
    assert (entries["width"].scalar_type, entries["flag"].scalar_type, entries["empty"].scalar_type) == (
        "int", "bool", "null")
    assert [(i.text, i.line) for i in entries["items"].items] == [("a", 5), ("b", 6)]


def test_a_date_is_kept_as_text_so_that_the_model_can_judge_it() -> None:
    node, problems = parse(b"published: 2026-02-30T09:00:00+00:00\n")
    assert problems == []
    value = node.entries["published"][1]
    assert (value.text, value.scalar_type) == ("2026-02-30T09:00:00+00:00", "timestamp")


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        (b"title: a\ntitle: b\n", "duplicate-key", 2),
        (b"faq:\n  - question: q\n    question: r\n", "duplicate-key", 3),
        (b"a: &x [1]\nb: *x\n", "yaml-alias", 1),
        (b"a: !!python/object:os.system x\n", "yaml-tag", 1),
        (b"a: !custom x\n", "yaml-tag", 1),
        (b"title: a\n---\ntitle: b\n", "yaml-multiple-documents", 2),
        (b"title: a\nareas:\n\t- x\n", "yaml-tab", 3),
        (b"title: [a,\n", "yaml-syntax", 2),
        (b"title: a\n  b: c\n", "yaml-syntax", 2),
        (b"", "empty-file", 1),
        (b"# only a comment\n\n# another\n", "empty-file", 1),
        (b"title: a\nsummary: \xff\xfe\n", "encoding", 2),
        (b"title: a\x00\n", "encoding", 1),
    ],
)
def test_unsafe_or_broken_yaml_is_one_precise_problem(text: bytes, code: str, line: int) -> None:
    problem = only_problem(text)
    assert (problem.code, problem.line, problem.path) == (code, line, "content/terms/x.yml")


def test_the_billion_laughs_are_refused_before_any_expansion() -> None:
    bomb = b'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
    assert only_problem(bomb).code == "yaml-alias"


def test_deep_nesting_is_bounded() -> None:
    deep = b"a: " + b"[" * (MAX_DEPTH + 5) + b"]" * (MAX_DEPTH + 5) + b"\n"
    problem = only_problem(deep)
    assert problem.code == "too-deep"


def test_oversized_files_are_refused_without_parsing() -> None:
    problem = only_problem(b"title: " + b"x" * (MAX_FILE_BYTES + 1))
    assert problem.code == "file-too-large"
    assert "1,000,000 bytes" in problem.message


def test_a_file_saved_with_a_byte_order_mark_and_windows_line_ends_reads_like_any_other() -> None:
    plain, _ = parse(b"title: Mark Price\nbody: |\n  One.\n  Two.\naliases: [a,\n  b]\n")
    saved, problems = parse(b"\xef\xbb\xbftitle: Mark Price\r\nbody: |\r\n  One.\r\n  Two.\r\naliases: [a,\r\n  b]\r\n")
    assert problems == []
    for key in ("title", "body", "aliases"):
        ours, theirs = plain.entries[key][1], saved.entries[key][1]
        assert (theirs.text, theirs.line, theirs.column) == (ours.text, ours.line, ours.column)
    assert saved.entries["body"][1].text == "One.\nTwo.\n"
    assert [i.text for i in saved.entries["aliases"][1].items] == ["a", "b"]
    assert saved.entries["title"][0].column == 1  # the mark is no column of the first line


# libyaml (PyYAML's CParser) and PyYAML's pure-Python parser must read every file alike: the
# same tree with the same lines and columns, and the same problems at the same places.

def _tree(node):
    if node is None:
        return None
    return (node.kind, node.line, node.column, node.text, node.scalar_type, node.style,
            [_tree(item) for item in node.items],
            {key: (_tree(k), _tree(v)) for key, (k, v) in node.entries.items()})


def _read_with(loader: type, data: bytes, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(yamlsource, "_Loader", loader)
    root, problems = parse_yaml_bytes(data, "content/terms/x.yml")
    # Syntax errors are worded by each library; where they are and what kind of mistake must agree.
    return _tree(root), [(p.line, p.column, p.code, p.message if p.code != "yaml-syntax" else "") for p in problems]


def _corpus_files() -> list[tuple[str, bytes]]:
    from hostile.corpus import CASES

    files = [(f"{case.id}:{name}", text.encode("utf-8") if isinstance(text, str) else text)
             for case in CASES for name, text in case.files.items() if name.endswith(".yml")]
    files += [(f"example:{path.name}", path.read_bytes()) for path in sorted((ROOT / "content").rglob("*.yml"))]
    files += [("unicode", "title: Café – Ångström 😀 ünd\nsummary: \"Ein 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 Satz.\"\n"
                          "aliases: [ß, 'ǅ', \"😀😀\"]\nbody: |\n  Zeile 😀 eins\n  ✓ zwei: drei\n".encode("utf-8"))]
    return files


# libyaml stops ten thousand open brackets with its own nesting limit while it scans ahead;
# PyYAML's parser hands them over one by one, and termsite's lower limit stops them first.
_NESTING_LIMIT_CASE = "ten-thousand-nested-lists:terms/deep-a.yml"


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML was built without libyaml")
@pytest.mark.parametrize(("name", "data"), _corpus_files(), ids=lambda value: value if isinstance(value, str) else "")
def test_libyaml_and_pure_python_read_every_file_alike(name: str, data: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    with_libyaml = _read_with(yaml.CSafeLoader, data, monkeypatch)
    pure = _read_with(yaml.SafeLoader, data, monkeypatch)
    if name == _NESTING_LIMIT_CASE:
        assert (with_libyaml[1][0][2], pure[1][0][2]) == ("yaml-syntax", "too-deep")
        return
    assert with_libyaml == pure


def test_the_build_reads_with_libyaml() -> None:
    assert yamlsource._Loader is yaml.CSafeLoader
