"""Executes one notebook on a Jupyter kernel, cell by cell, and renders it to HTML (called by src/notebook-run.ts).

Cell by cell rather than `nbconvert --execute` so a failure names its cell: tslab reports errors on stderr without an
`error` output, which nbconvert turns into an empty message. Prints one JSON result line on stdout.
"""

import json
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError
from nbconvert import HTMLExporter


def error_text(cell):
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            parts.append(f"{out.get('ename', '')}: {out.get('evalue', '')}")
    return "".join(parts)


def main():
    job = json.loads(sys.argv[1])
    nb = nbformat.read(job["input"], as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=job["kernel"],
        timeout=job["timeout"],
        startup_timeout=job["startup_timeout"],
        resources={"metadata": {"path": job["cwd"]}},
    )
    result = {"ok": True, "cells": len(nb.cells)}
    count = 0
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                count += 1
            try:
                client.execute_cell(cell, index)
            except (CellExecutionError, CellTimeoutError) as err:
                text = error_text(cell) or str(err)
                result = {
                    "ok": False,
                    "cells": len(nb.cells),
                    "failed": {"index": index, "execution_count": cell.get("execution_count"), "source": cell.source, "error": text},
                }
                break
            finally:
                # tslab sends no execute_input, so nbclient leaves the In [n] counters empty.
                if cell.cell_type == "code" and cell.get("execution_count") is None:
                    cell.execution_count = count
    nbformat.write(nb, job["output_ipynb"])
    exporter = HTMLExporter()
    exporter.exclude_input = bool(job.get("hide_code"))
    html, _ = exporter.from_notebook_node(nb)
    with open(job["output_html"], "w", encoding="utf-8") as f:
        f.write(html)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
