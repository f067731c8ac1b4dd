"""The page a preview shows while the content has mistakes.

``mkdocs serve`` rebuilds on every save; when a save breaks a content file or a page's
front matter, the open page reloads into this one, listing each problem as
``file:line:col`` with the offending line quoted, and the next good save brings the page
back. Everything a contributor wrote is HTML-escaped here.
"""

from __future__ import annotations

import html
from pathlib import Path

from termsite.problems import Problem

_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.5rem; color: #b42318; }
ol { padding-left: 1.5rem; }
li { margin: 1rem 0; }
code, pre { font: 14px/1.4 ui-monospace, monospace; }
.where { font-weight: 600; }
pre { background: #fff4f2; border-left: 4px solid #b42318; padding: .5rem .75rem; overflow-x: auto; margin: .5rem 0 0; }
.warning pre { background: #fff8e6; border-color: #b26b00; }
"""


def quoted_line(problem: Problem, root: Path | None = None) -> str:
    """The line of the file a problem points at, or '' when it cannot be read."""
    path = Path(problem.path)
    if root is not None and not path.is_absolute():
        path = root / path
    try:
        with path.open(encoding="utf-8", errors="replace") as stream:
            for number, line in enumerate(stream, start=1):
                if number == problem.line:
                    return line.rstrip("\r\n")
    except OSError:
        return ""
    return ""


def render(problems: list[Problem], site_name: str, root: Path | None = None) -> str:
    errors = sum(p.is_error for p in problems)
    items = []
    for problem in problems:
        line = quoted_line(problem, root)
        quoted = f"<pre>{problem.line:>4} | {html.escape(line)}</pre>" if line else ""
        field = f"{html.escape(problem.field)}: " if problem.field else ""
        items.append(f'<li class="{problem.severity}"><span class="where">'
                     f"{html.escape(problem.path)}:{problem.line}:{problem.column}</span>: "
                     f"{problem.severity}[{html.escape(problem.code)}] {field}{html.escape(problem.message)}"
                     f"{quoted}</li>")
    return (f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="robots" content="noindex">\n'
            f"<title>{errors} content error(s) - {html.escape(site_name)}</title>\n<style>{_STYLE}</style>\n</head>\n"
            f'<body>\n<main id="termsite-problems">\n<h1>termsite: {errors} error(s) in the content</h1>\n'
            f"<p>The site is not built until they are fixed; this page reloads when you save.</p>\n"
            f"<ol>\n" + "\n".join(items) + "\n</ol>\n</main>\n</body>\n</html>\n")
