"""The print page as a PDF, printed by Chromium in headless mode.

The one-line command (docs/sharing.md) is what ``termsite export --format pdf`` runs:

    chromium --headless --no-pdf-header-footer --print-to-pdf=glossary.pdf site/print/index.html

Chromium applies the site's print stylesheet, so the PDF is what a reader's "Save as PDF"
gives: the terms A to Z, one per sheet, without navigation. Nothing here builds the site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Tried in this order on the PATH; TERMSITE_CHROMIUM names another program.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
PRINT_TIMEOUT_SECONDS = 600


class PdfError(Exception):
    """Printing failed; the message is a sentence for the user."""


@dataclass(frozen=True)
class PrintJob:
    chromium: str
    page: Path  # the built print page, e.g. site/print/index.html
    output: Path


def find_chromium() -> str | None:
    named = os.environ.get("TERMSITE_CHROMIUM")
    if named:
        return shutil.which(named) or (named if Path(named).is_file() else None)
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium_command(job: PrintJob, profile: str) -> list[str]:
    command = [job.chromium, "--headless", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer",
               f"--user-data-dir={profile}", f"--print-to-pdf={job.output}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.insert(2, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
    return command + [job.page.resolve().as_uri()]


def print_pdf(job: PrintJob) -> Path:
    """Print the page; the PDF is written next to its final name and moved there only when complete."""
    job.output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=job.output.parent, prefix=f".{job.output.name}.", suffix=".pdf")
    os.close(handle)
    os.unlink(temporary)
    staged = PrintJob(job.chromium, job.page, Path(temporary))
    with tempfile.TemporaryDirectory(prefix="termsite-chromium-") as profile:
        try:
            done = subprocess.run(chromium_command(staged, profile), capture_output=True, text=True,
                                  timeout=PRINT_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            raise PdfError(f"Chromium did not finish printing {job.page} within {PRINT_TIMEOUT_SECONDS} s.") from None
        except OSError as error:
            raise PdfError(f"{job.chromium} could not be started ({error.strerror or error}).") from None
    try:
        data_ok = staged.output.read_bytes()[:5] == b"%PDF-"
    except OSError:
        data_ok = False
    if done.returncode != 0 or not data_ok:
        if staged.output.exists():
            staged.output.unlink()
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise PdfError(f"Chromium could not print {job.page} (exit status {done.returncode}: {last}).")
    os.replace(staged.output, job.output)
    return job.output
