"""Renderers: each turns a `Report` into text; none recomputes anything.

The registry maps a `--format` name to its module's `render` function, imported lazily so the
CLI can list formats without loading them.
"""

from __future__ import annotations

from importlib import import_module
from typing import Protocol

from mtlint.report.model import Report


class Renderer(Protocol):
    def __call__(self, reports: list[Report], *, color: bool, fail_on: str) -> str: ...


FORMATS: dict[str, str] = {
    "text": "mtlint.report.text",
    "json": "mtlint.report.json",
    "html": "mtlint.report.html",
    "sarif": "mtlint.report.sarif",
    "junit": "mtlint.report.junit",
    "github": "mtlint.report.github",
    "gitlab": "mtlint.report.gitlab",
}


def renderer(name: str) -> Renderer:
    render: Renderer = import_module(FORMATS[name]).render
    return render


__all__ = ["FORMATS", "Report", "renderer"]
