"""Commands for AI prioritisation: simulate on a labelled dataset, rank a review, stopping status."""

from __future__ import annotations

import json
from pathlib import Path

import click
import numpy as np

from curator.cli.options import STAGE, check_out_folder
from curator.core.errors import CuratorError
from curator.core.report.writer import frame, write_csv, write_text
from curator.core.review import STAGE_COLUMN, Review


@click.command("simulate")
@click.argument("labelled", type=click.Path(path_type=Path))
@click.option(
    "--prior-included",
    default=1,
    show_default=True,
    help="Random included records the simulated reviewer starts with.",
)
@click.option(
    "--prior-excluded",
    default=1,
    show_default=True,
    help="Random excluded records the simulated reviewer starts with.",
)
@click.option(
    "--seed", default=0, show_default=True, help="Seed for the prior records and the model."
)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder for recall.csv, recall.png and metrics.json (created if absent).",
)
@click.option(
    "--retrain-every",
    default=None,
    type=click.IntRange(min=1),
    help="Retrain after this many decisions (default: every decision, as the screening pane does).",
)
@click.option(
    "--classifier",
    default=None,
    type=click.Choice(["svm", "logistic", "nb", "cnb"]),
    help="Classifier to simulate with (default: Curator's model).",
)
@click.option("--no-png", is_flag=True, help="Skip recall.png (no Qt needed).")
@click.option(
    "--stopping",
    is_flag=True,
    help="Also find where each stopping rule would stop (stop_* in metrics.json); screens "
    "past the last include until every rule has spoken.",
)
@click.option(
    "--target",
    default=0.95,
    show_default=True,
    type=click.FloatRange(0, 1, min_open=True, max_open=True),
    help="Recall the stopping test aims for (with --stopping).",
)
@click.option(
    "--confidence",
    default=0.95,
    show_default=True,
    type=click.FloatRange(0, 1, min_open=True, max_open=True),
    help="Confidence of the stopping test (with --stopping).",
)
def simulate_cmd(
    labelled: Path,
    prior_included: int,
    prior_excluded: int,
    seed: int,
    out_dir: Path,
    retrain_every: int | None,
    classifier: str | None,
    no_png: bool,
    stopping: bool,
    target: float,
    confidence: float,
) -> None:
    """Replay LABELLED (CSV/TSV/RIS with a 0/1 column label_included or included) through the
    ranking model from random prior records; write the recall curve and metrics to --out."""
    from curator.core.ranking import model as ranking
    from curator.core.ranking import simulation

    check_out_folder(out_dir, "simulate")
    data = simulation.read_labelled(labelled)
    prior = simulation.draw_priors(data.labels, prior_included, prior_excluded, seed)
    options = {
        "seed": seed,
        "retrain_every": retrain_every or simulation.RETRAIN_EVERY,
        "classifier": classifier or ranking.DEFAULT_CLASSIFIER,
    }
    stop_run = None
    if stopping:
        from curator.core.ranking import stopping_sim

        stop_run = stopping_sim.simulate_stopping(
            data, prior, target=target, confidence=confidence, **options
        )
        sim = stop_run.sim
    else:
        sim = simulation.simulate(data, prior, **options)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CuratorError(f"{out_dir}: cannot create the output folder ({exc.strerror})") from exc
    recall = np.cumsum(sim.labels) / sim.n_included
    found = np.cumsum(sim.labels)
    curve = (
        [
            i + 1,
            int(row) + 1,
            int(sim.labels[i]),
            int(found[i]),
            f"{recall[i]:.6f}",
            int(i < sim.n_prior),
        ]
        for i, row in enumerate(sim.order)
    )
    write_csv(
        frame(curve, ("screened", "record", "label", "found", "recall", "prior")),
        out_dir / "recall.csv",
    )
    result = simulation.metrics(sim)
    result.update({"dataset": str(labelled), "seed": seed, "prior_rows": [int(r) for r in prior]})
    if stop_run is not None:
        result.update(stopping_sim.stopping_metrics(stop_run))
    write_text(out_dir / "metrics.json", json.dumps(result, indent=2) + "\n")
    if not no_png:
        from curator.gui.charts import recall_curve_png

        recall_curve_png(
            out_dir / "recall.png",
            [(f"Curator (WSS@95 {result['wss_95']:.3f})", recall.tolist())],
            n_records=sim.n_records,
            title=f"{labelled.name}: {sim.n_records} records, {sim.n_included} included, seed {seed}",
        )
    click.echo(
        f"{labelled.name}: WSS@95 {result['wss_95']:.3f}, recall@10% {result['recall_10']:.3f}, "
        f"all found after {result['screened_to_all']:.1%}; wrote {out_dir}"
    )
    if stop_run is not None:
        for rule, point in stop_run.points.items():
            click.echo(
                f"  {stopping_sim.RULE_LABELS[rule]}: stopped after {point.screened} of "
                f"{sim.n_records} records, recall {point.recall:.3f}, WSS {point.wss:.3f}"
            )


@click.command("rank")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--stage",
    type=STAGE,
    default="title-abstract",
    show_default=True,
    help="Whose decisions to learn from.",
)
@click.option("--seed", default=0, show_default=True, help="Seed for the model.")
@click.option(
    "--top",
    default=10,
    show_default=True,
    help="Show this many of the most relevant undecided papers.",
)
def rank_cmd(file: Path, stage: str, seed: int, top: int) -> None:
    """Train on FILE's current decisions at --stage and store each paper's relevance score."""
    from curator.core.ranking import model as ranking

    with Review.open(file) as review:
        result = ranking.rank_review(review, stage, seed=seed)
        ranking.write_scores(review, result)
        column = STAGE_COLUMN[stage]
        undecided = {
            r[0]: r[1]
            for r in review.db.execute(
                f"SELECT id, title FROM papers WHERE merged_into IS NULL AND {column} IS NULL"
            )
        }
    click.echo(
        f"ranked {result.ids.size} papers from {result.model.n_positive} includes and "
        f"{result.model.n_negative} excludes"
    )
    shown = [p for p in result.order().tolist() if p in undecided][:top]
    for paper_id in shown:
        click.echo(f"{result.score_of(paper_id):+.3f}  #{paper_id}  {undecided[paper_id][:90]}")


@click.command("stopping")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--stage", type=STAGE, default="title-abstract", show_default=True, help="Screening stage."
)
@click.option("--target", default=0.95, show_default=True, help="Recall to test for (0-1).")
@click.option("--confidence", default=0.95, show_default=True, help="Confidence of the test (0-1).")
@click.option(
    "--reviewer",
    default=None,
    help="Count this reviewer's run of excludes (default: the team's latest decisions).",
)
@click.option(
    "--draw-sample",
    type=int,
    default=None,
    help="Draw a random sample of this many unscreened records to screen for the test.",
)
def stopping_cmd(
    file: Path,
    stage: str,
    target: float,
    confidence: float,
    reviewer: str | None,
    draw_sample: int | None,
) -> None:
    """Show the stopping test (Callaghan & Müller-Hansen 2020) on FILE's screening order, the
    run of excludes, the random-sample test if a sample is drawn, and the methods sentence."""
    from curator.core.ranking import stopping

    with Review.open(file) as review:
        if draw_sample:
            stopping.draw_sample(review, stage, draw_sample)
        state = stopping.status(
            review, stage, target=target, confidence=confidence, reviewer=reviewer
        )
    click.echo(
        f"screened {state.screened}, unscreened {state.unscreened}, relevant found "
        f"{state.relevant_seen}, excludes in a row {state.consecutive_excludes}"
    )
    if state.ranked is not None:
        r = state.ranked
        click.echo(
            f"stopping test on the ranked order: p = {r.p_value:.4f} for recall < {target:.0%}: "
            + (
                "you may stop"
                if r.can_stop
                else f"keep screening; {r.more_to_stop} more irrelevant records would let it "
                "say stop"
            )
        )
        click.echo(f"methods: {stopping.methods_sentence(state)}")
    if state.test is None:
        click.echo(f"no random sample yet: screen {state.sample_needed} random unscreened records")
        return
    t = state.test
    verdict = "you may stop" if t.can_stop else "keep screening"
    click.echo(
        f"sample {t.sample_size} screened, {t.sample_relevant} relevant, "
        f"{len(state.sample_ids)} to go; p = {t.p_value:.4f} for recall < {target:.0%}: {verdict}; "
        f"relevant still unseen: about {t.missed_estimate:.1f} (at most {t.missed_upper})"
    )


COMMANDS = (simulate_cmd, rank_cmd, stopping_cmd)
