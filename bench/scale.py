"""Scale: throughput against natasha, parallel speed-up, and memory as the corpus grows.

    python bench/scale.py [--texts ../shared/eval/factru/test.jsonl] [--n 200] [--repeat 3]

In one run, on the same texts:
1. ngotext ``jobs=1`` (doing all of its work) against natasha's bare pipeline
   (Segmenter + NewsMorphTagger + NewsNERTagger on each text), alternating, medians;
2. ``ngotext analyze --jobs 2`` against ``--jobs 1`` on a generated corpus (wall time
   of the whole command, model loading included);
3. peak RSS per process (the largest of the main process, the pool's fork server and
   its workers, polled with psutil) of the streamed CLI run on a corpus of N and of
   10·N generated articles.
The generated corpora come from ``ngotext.generate`` with a fixed seed.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from throughput import load_texts, run_natasha, run_ngotext  # noqa: E402

def cli_run(folder: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds and the peak RSS (MB) of the largest process of one `ngotext analyze`
    run: the command and every process under it (fork server, workers), polled."""
    import psutil

    cmd = [sys.executable, "-m", "ngotext", "analyze", str(folder), "-o", str(out),
           "--jobs", str(jobs), "--quiet", "--overwrite"]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    root, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            family = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for p in family:
            try:
                peak = max(peak, p.memory_info().rss)
            except psutil.NoSuchProcess:
                pass
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    _, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"ngotext analyze failed:\n{err[-2000:]}")
    return seconds, peak / 2**20


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--texts", default=str(HERE.parent.parent / "shared/eval/factru/test.jsonl"),
                    help="texts for the natasha comparison (JSONL with 'text' or a folder)")
    ap.add_argument("--n", type=int, default=200, help="generated articles in the small corpus")
    ap.add_argument("--n-speed", type=int, default=4000,
                    help="generated articles for the jobs=2 speed-up (enough that the workers' "
                         "start-up, ~2 s of model loading each, is amortized as on a real archive)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    from ngotext.generate import write_corpus
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    # 1. jobs=1 against natasha, in this process
    if Path(args.texts).exists():
        texts = load_texts(args.texts, None)
        clean = Path(args.texts).is_dir()
    else:
        print(f"{args.texts} not found: comparing on generated articles")
        with tempfile.TemporaryDirectory() as tmp:
            write_corpus(Path(tmp), args.n, seed=1)
            texts = load_texts(tmp, None)
        clean = True
    emb = NewsEmbedding()
    models = (Segmenter(), NewsMorphTagger(emb), NewsNERTagger(emb))
    run_natasha(texts[:5], models)
    run_ngotext(texts[:5], clean, 1)
    secs = {"natasha": [], "ngotext": []}
    for _ in range(args.repeat):
        t = time.perf_counter()
        run_natasha(texts, models)
        secs["natasha"].append(time.perf_counter() - t)
        t = time.perf_counter()
        run_ngotext(texts, clean, 1)
        secs["ngotext"].append(time.perf_counter() - t)
    rate = {k: len(texts) / statistics.median(v) for k, v in secs.items()}
    print(f"1. {len(texts)} texts, median of {args.repeat}: natasha {rate['natasha']:.1f} docs/s, "
          f"ngotext jobs=1 {rate['ngotext']:.1f} docs/s, ratio {rate['ngotext'] / rate['natasha']:.2f} "
          f"(target >= 1.00)")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        small, large, speed = tmp / "small", tmp / "large", tmp / "speed"
        write_corpus(small, args.n, seed=3)
        write_corpus(large, 10 * args.n, seed=3)
        write_corpus(speed, args.n_speed, seed=4)

        # 2. jobs=2 against jobs=1, whole CLI runs, alternating
        walls = {1: [], 2: []}
        peaks = {1: [], 2: []}
        for _ in range(args.repeat):
            for jobs in (1, 2):
                seconds, peak = cli_run(speed, tmp / f"out{jobs}", jobs)
                walls[jobs].append(seconds)
                peaks[jobs].append(peak)
        w1, w2 = statistics.median(walls[1]), statistics.median(walls[2])
        print(f"2. {args.n_speed} generated articles, CLI wall time median of {args.repeat}: "
              f"jobs=1 {w1:.1f} s, jobs=2 {w2:.1f} s, speed-up {w1 / w2:.2f} "
              f"(target >= 1.70 on {os.cpu_count()} cores)")

        # 3. memory: peak RSS per process, N against 10·N articles
        _, peak_large = cli_run(large, tmp / "outL", 1)
        _, peak_small = cli_run(small, tmp / "outS", 1)
        worker_peak = max(statistics.median(peaks[2]), peak_small, peak_large)
        print(f"3. peak RSS per process: {peak_small:.0f} MB on {args.n} articles, "
              f"{peak_large:.0f} MB on {10 * args.n}: ratio {peak_large / peak_small:.2f} (target <= 1.20); "
              f"largest process with jobs=2 {statistics.median(peaks[2]):.0f} MB (target <= 400 MB)")
        print(json.dumps({"ratio_vs_natasha": rate["ngotext"] / rate["natasha"],
                          "speedup_jobs2": w1 / w2, "peak_rss_mb": worker_peak,
                          "rss_ratio_10x": peak_large / peak_small}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
