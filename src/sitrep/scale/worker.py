"""What a Dask worker needs before its first task: the pipeline, loaded once per worker process."""
from __future__ import annotations

from distributed import WorkerPlugin


class PreloadPipeline(WorkerPlugin):
    """Load the pipeline when a worker starts (and when one is restarted), not on its first task, so
    the first partitions are not slower than the rest and a broken install fails at once."""

    name = "sitrep-preload-pipeline"

    def setup(self, worker) -> None:
        from sitrep.nlp.pipeline import load_pipeline

        load_pipeline()
