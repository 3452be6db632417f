"""Make docs/screenshot.png: the main window offscreen at 1280x800 on a small review.

    PYTHONPATH=. python scripts/screenshot.py [OUTPUT.png]

Uses the demo review when this Curator ships one (curator.core.demo); otherwise imports the
100 real records of ASReview's demo export from ../shared/fixtures (read in place), or, where
that is absent, a handful of references from the reference review.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from curator.core.papers import add_paper  # noqa: E402
from curator.core.review import Review  # noqa: E402
from curator.core.screening.decisions import Decision, reasons, record_decisions  # noqa: E402
from curator.gui import ui_settings  # noqa: E402

RIS = Path("fixtures", "formats", "asreview_demo", "baseline_zotero.ris")
SHARED = [Path(os.environ["CURATOR_SHARED"])] if os.environ.get("CURATOR_SHARED") else []
SHARED += [REPO.parent / "shared", REPO.parent.parent / "shared"]
SHARED_RIS = next((s / RIS for s in SHARED if (s / RIS).is_file()), SHARED[0] / RIS)
FALLBACK = (
    (
        "Neuroplasticity in response to cognitive behavior therapy for social anxiety disorder",
        ["Månsson, K.", "Salami, A.", "Frick, A.", "Carlbring, P.", "Andersson, G."],
        2016,
        "Translational Psychiatry",
        "10.1038/tp.2015.218",
    ),
    (
        "Functional neuroimaging studies of the effects of psychotherapy",
        ["Beauregard, M."],
        2014,
        "Dialogues in Clinical Neuroscience",
        "10.31887/DCNS.2014.16.1/mbeauregard",
    ),
    (
        "Principles of experience-dependent neural plasticity: implications for rehabilitation "
        "after brain damage",
        ["Kleim, J.", "Jones, T."],
        2008,
        "Journal of Speech, Language, and Hearing Research",
        "10.1044/1092-4388(2008/018)",
    ),
    (
        "Neuroplasticity in cognitive and psychological mechanisms of depression: an integrative "
        "model",
        ["Price, R.", "Duman, R."],
        2019,
        "Molecular Psychiatry",
        "10.1038/s41380-019-0615-x",
    ),
)


def _clean(value: object) -> str | None:
    text = str(value).strip() if value is not None else ""
    return None if text in ("", "nan") else text


def fill_from_fixture(review: Review) -> list[int]:
    import rispy

    with SHARED_RIS.open(encoding="utf-8-sig") as handle:
        entries = rispy.load(handle)
    ids = []
    with review.atomic():
        for entry in entries:
            pages = "-".join(
                p for p in (_clean(entry.get("start_page")), _clean(entry.get("end_page"))) if p
            )
            ids.append(
                add_paper(
                    review,
                    title=_clean(entry.get("title")) or "Untitled",
                    authors=entry.get("authors", []),
                    year=_clean(entry.get("year")),
                    venue=_clean(entry.get("secondary_title")),
                    volume=_clean(entry.get("volume")),
                    issue=_clean(entry.get("number")),
                    pages=pages or None,
                    doi=_clean(entry.get("doi")),
                    abstract=_clean(entry.get("abstract")),
                    keywords=entry.get("keywords", []),
                    audit=False,
                ).id
            )
    return ids


def fill_from_fallback(review: Review) -> list[int]:
    return [
        add_paper(review, title=title, authors=authors, year=year, venue=venue, doi=doi).id
        for title, authors, year, venue, doi in FALLBACK
    ]


def build_review(path: Path) -> None:
    try:
        from curator.core.demo import build_demo
    except ImportError:
        build_demo = None
    if build_demo is not None:
        built = build_demo(path)
        if isinstance(built, Review):
            built.close()
        return
    with Review.create(path, title="Machine learning for systematic reviews") as review:
        ids = fill_from_fixture(review) if SHARED_RIS.is_file() else fill_from_fallback(review)
        rng = random.Random(3)
        ta = reasons(review, "title_abstract")[0]["id"]
        ft = reasons(review, "full_text")[0]["id"]
        items = []
        for pid in ids[: int(len(ids) * 0.7)]:
            verdict = rng.choices(("include", "exclude", "maybe"), (35, 55, 10))[0]
            items.append(
                Decision(pid, "title_abstract", verdict, ta if verdict == "exclude" else None)
            )
            if verdict == "include" and rng.random() < 0.7:
                final = rng.choice(("include", "include", "exclude"))
                items.append(Decision(pid, "full_text", final, ft if final == "exclude" else None))
        record_decisions(review, items, source="screenshot")


def main(output: Path) -> None:
    settings = tempfile.mkdtemp(prefix="curator-shot-")
    ui_settings.use_file(Path(settings) / "curator.ini")
    from curator.gui.app import application
    from curator.gui.library import LibraryWorkspace
    from curator.gui.mainwindow import MainWindow

    app = application(["curator"])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "review.curator"
        build_review(path)
        window = MainWindow()
        window.resize(1280, 800)
        window.show()
        window.open_path(path)
        library: LibraryWorkspace = window.workspace(LibraryWorkspace)  # type: ignore[assignment]
        model = library.model
        # The first included paper with an abstract reads best in the detail pane.
        chosen = model.id_at(min(2, model.rowCount() - 1))
        for row in range(model.rowCount()):
            pid = model.id_at(row)
            from curator.core.papers import get_paper

            paper = get_paper(window.context.review, pid)
            if (
                paper["ft_decision"] == "include"
                and paper.get("abstract")
                and len(paper["authors"]) > 2
            ):
                chosen = pid
                break
        library.select_ids([chosen])
        library.table.setFocus()
        for _ in range(3):
            app.processEvents()
        output.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(output)):
            raise SystemExit(f"could not write {output}")
        window.close()
    print(f"wrote {output}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshot.png")
