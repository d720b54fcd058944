"""Reading an extract folder: each known CSV file into a RawTable (UTF-8, with or without a byte-order
mark), and a problem for any file that cannot be read or does not belong to the format."""

from __future__ import annotations

import csv
from pathlib import Path

from iro_desktop.domain.history.format import FILE_ORDER, ExtractProblem, RawTable


def read_folder(folder: Path) -> tuple[dict[str, RawTable], list[ExtractProblem]]:
    """The tables found in `folder` by file name, and the problems reading them."""
    tables: dict[str, RawTable] = {}
    problems: list[ExtractProblem] = []
    if not folder.is_dir():
        return {}, [ExtractProblem(str(folder), 0, "", "This folder does not exist or cannot be opened.")]
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() != ".csv" or not path.is_file():
            continue
        name = path.name.lower()
        if name not in FILE_ORDER:
            problems.append(
                ExtractProblem(
                    path.name, 0, "", f"Not a file of the extract: the files are {', '.join(FILE_ORDER)}."
                )
            )
            continue
        try:
            tables[name] = read_table(path, name)
        except UnicodeDecodeError:
            problems.append(ExtractProblem(path.name, 0, "", "Not UTF-8 text: save the file as “CSV UTF-8”."))
        except (csv.Error, OSError) as error:
            problems.append(ExtractProblem(path.name, 0, "", f"The file cannot be read as CSV ({error})."))
    if not tables:
        problems.append(
            ExtractProblem(
                folder.name, 0, "", f"No extract files in this folder: expected {', '.join(FILE_ORDER)}."
            )
        )
    return tables, problems


def read_table(path: Path, name: str) -> RawTable:
    """One CSV file; rows are numbered as a spreadsheet shows them (the header is row 1)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        header: tuple[str, ...] = ()
        rows: list[tuple[int, tuple[str, ...]]] = []
        for number, values in enumerate(reader, start=1):
            if number == 1:
                header = tuple(values)
            else:
                rows.append((number, tuple(values)))
    return RawTable(name, header, tuple(rows))
