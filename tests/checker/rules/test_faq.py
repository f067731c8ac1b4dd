"""FAQ rules: faq-question, faq-answer-html, faq-text-visible."""

from __future__ import annotations

import html as html_lib
from pathlib import Path
from typing import Any

import pytest

from termsite.checker.model import Severity

from ..helpers import assert_reports, assert_silent, check_text, page

E, W = Severity.ERROR, Severity.WARNING


def question(name: Any = "What is margin?", text: Any = "<p>Collateral held against positions.</p>") -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Question"}
    if name is not None:
        data["name"] = name
    if text is not None:
        data["acceptedAnswer"] = {"@type": "Answer", "text": text}
    return data


def faq(*questions: Any) -> dict[str, Any]:
    return {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": list(questions)}


def visible(*questions: dict[str, Any]) -> str:
    """The page body showing each question as <h3> and its answer below, like termsite pages."""
    parts = []
    for q in questions:
        parts.append(f"<h3>{html_lib.escape(q.get('name', ''))}</h3>")
        answer = q.get("acceptedAnswer")
        if isinstance(answer, dict):
            parts.append(answer.get("text", ""))
    return "\n".join(parts)


def test_good_faq_is_clean(tmp_path: Path) -> None:
    q = question()
    assert check_text(tmp_path, page(faq(q), body=visible(q))) == []


@pytest.mark.parametrize("data, path, words", [
    (faq(), "FAQPage.mainEntity", "no mainEntity"),
    ({"@context": "https://schema.org", "@type": "FAQPage"}, "FAQPage.mainEntity", "no mainEntity"),
    (faq(question(name=None)), "FAQPage.mainEntity[0].name", "no name"),
    (faq(question(name="  ")), "FAQPage.mainEntity[0].name", "no name"),
    (faq(question(text=None)), "FAQPage.mainEntity[0].acceptedAnswer", "no acceptedAnswer"),
    (faq(question(text="")), "FAQPage.mainEntity[0].acceptedAnswer.text", "no text"),
    (faq(question(text="<p> </p>")), "FAQPage.mainEntity[0].acceptedAnswer.text", "no text"),
    (faq({"@type": "Question", "name": "Q", "acceptedAnswer": {"@type": "Answer"}}),
     "FAQPage.mainEntity[0].acceptedAnswer.text", "no text"),
    (faq({"@type": "Question", "name": "Q", "acceptedAnswer": [{"@type": "Answer", "text": "a"},
                                                               {"@type": "Answer", "text": "b"}]}),
     "FAQPage.mainEntity[0].acceptedAnswer", "exactly one"),
    (faq({"@type": "Question", "name": "Q", "acceptedAnswer": "just text"}),
     "FAQPage.mainEntity[0].acceptedAnswer", "not an Answer"),
    (faq("What?"), "FAQPage.mainEntity[0]", "not a Question"),
    (faq({"@type": "Thing", "name": "Q", "acceptedAnswer": {"@type": "Answer", "text": "a"}}),
     "FAQPage.mainEntity[0].@type", "Question"),
    (faq({"@id": "#nowhere"}), "FAQPage.mainEntity[0]", "unresolved reference"),
])
def test_faq_question(tmp_path: Path, data: dict[str, Any], path: str, words: str) -> None:
    problem = assert_reports(check_text(tmp_path, page(data)), "faq-question", E, path)
    assert words in problem.message


def test_faq_in_graph_with_references(tmp_path: Path) -> None:
    data = {"@context": "https://schema.org", "@graph": [
        {"@type": "FAQPage", "mainEntity": [{"@id": "#q1"}]},
        {"@type": "Question", "@id": "#q1", "name": "What is margin?", "acceptedAnswer": {"@id": "#a1"}},
        {"@type": "Answer", "@id": "#a1"},
    ]}
    problems = check_text(tmp_path, page(data, body="<h3>What is margin?</h3>"))
    assert_reports(problems, "faq-question", E, "@graph[2].text")
    data["@graph"][2]["text"] = "Collateral."
    assert_silent(check_text(tmp_path, page(data, body="<h3>What is margin?</h3><p>Collateral.</p>")), "faq-question")


def test_faq_answer_html(tmp_path: Path) -> None:
    q = question(text="Use <code>margin()</code> or <table><tr><td>x</td></tr></table>.")
    problem = assert_reports(check_text(tmp_path, page(faq(q))), "faq-answer-html", W,
                             "FAQPage.mainEntity[0].acceptedAnswer.text")
    assert "<code>" in problem.message and "<table>" in problem.message and "<td>" in problem.message
    allowed = question(text='<h2>T</h2><p>Use <b>b</b>, <strong>s</strong>, <i>i</i>, <em>e</em>,<br> '
                            '<a href="/x">a</a></p><ul><li>1</li></ul><ol><li>2</li></ol><div>d</div>')
    assert_silent(check_text(tmp_path, page(faq(allowed))), "faq-answer-html")


def test_faq_text_visible(tmp_path: Path) -> None:
    q1, q2 = question(), question(name="Is it &lt;safe&gt;?", text="Mostly &amp; usually.")
    body = visible(q1)  # q2 is not on the page
    problems = check_text(tmp_path, page(faq(q1, q2), body=body))
    assert_reports(problems, "faq-text-visible", E, "FAQPage.mainEntity[1].name")
    assert_reports(problems, "faq-text-visible", E, "FAQPage.mainEntity[1].acceptedAnswer.text")
    assert_silent(check_text(tmp_path, page(faq(q1, q2), body=visible(q1) + "<h3>Is it &lt;safe&gt;?</h3>"
                                            "<p>Mostly &amp;\n   usually.</p>")), "faq-text-visible")


@pytest.mark.parametrize("hiding", [
    '<div hidden>{}</div>', '<div aria-hidden="true">{}</div>', '<div style="display: none">{}</div>',
    '<template>{}</template>', '<script>var x = "{}";</script>', '<style>/* {} */</style>',
    '<noscript>{}</noscript>', '<div STYLE="DISPLAY:NONE"><p>{}</p></div>',
])
def test_hidden_text_does_not_count(tmp_path: Path, hiding: str) -> None:
    q = question(name="Where is the hidden question?")
    body = hiding.format("Where is the hidden question?") + "<p>Collateral held against positions.</p>"
    problems = check_text(tmp_path, page(faq(q), body=body))
    assert_reports(problems, "faq-text-visible", E, "FAQPage.mainEntity[0].name")


def test_visible_text_normalization(tmp_path: Path) -> None:
    # NFC vs NFD, entities, nbsp and line breaks, markup split over inline tags, collapsed <details>
    q = question(name="Qu\u0065\u0301 es margen?", text="<p>Garant&iacute;a   depositada.</p>")
    body = ("<details><summary>Qu\u00e9&nbsp;es\nmargen?</summary>"
            "<p>Garant<b>ía</b> depositada.</p></details>")
    assert_silent(check_text(tmp_path, page(faq(q), body=body)), "faq-text-visible")
