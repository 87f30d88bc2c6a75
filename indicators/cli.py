"""The command line: ``python -m indicators validate | export | schema | new``.

The core never prints; this module turns results and exceptions into messages and exit
codes: 0 all good, 1 problems in the data, 2 a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from indicators.settings import ConfigError, load_settings

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits 2 itself; keep one way out
        raise UsageError(message)


def _data_dir(args) -> tuple[Path, int]:
    settings = load_settings(args.config)
    data_dir = Path(args.data_dir).resolve() if args.data_dir else settings.data_dir
    return data_dir, settings.data.max_file_bytes


def _add_data_arguments(command) -> None:
    command.add_argument("data_dir", nargs="?", help="data folder (default: config.yaml's)")
    command.add_argument(
        "--config", help="settings file (default: config.yaml in the current folder)"
    )


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m indicators",
        description="Check, export and describe the curated offshoring data.",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    validate = sub.add_parser("validate", help="check every data file; exit 1 on problems")
    _add_data_arguments(validate)
    validate.add_argument("--format", choices=("text", "json"), default="text")
    export = sub.add_parser(
        "export", help="write the valid data as CSV, JSON or a Frictionless data package"
    )
    _add_data_arguments(export)
    export.add_argument("--format", choices=("csv", "json", "datapackage"), required=True)
    export.add_argument(
        "--output",
        help="file to write (default: standard output); for datapackage, a folder (required)",
    )
    schema = sub.add_parser("schema", help="write the JSON Schemas of the data files")
    schema.add_argument("--output", default="schema", help="folder (default: schema/)")
    schema.add_argument(
        "--check", action="store_true", help="exit 1 if the files there differ from the models"
    )
    new = sub.add_parser("new", help="print a commented template of a record")
    new.add_argument("kind", choices=("observation", "milestone", "source"))
    new.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="prefill a field (repeatable), e.g. --set geo=city:agadir",
    )
    return parser


def cmd_validate(args, out) -> int:
    from indicators.data.loading import load_folder

    data_dir, max_bytes = _data_dir(args)
    records = load_folder(data_dir, max_bytes)
    errors = [p for p in records.problems if p.is_error]
    if args.format == "json":
        payload = {
            "valid": not errors,
            "data_dir": str(data_dir),
            "counts": records.counts,
            "problems": [
                {k: v for k, v in p.as_dict().items() if k != "path"} for p in records.problems
            ],
        }
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        for problem in records.problems:
            out.write(problem.format() + "\n")
        counts = ", ".join(f"{n} {kind}" for kind, n in records.counts.items())
        verdict = "valid" if not errors else f"{len(errors)} error(s)"
        warnings = len(records.problems) - len(errors)
        if warnings:
            verdict += f", {warnings} warning(s)"
        out.write(f"{data_dir}: {verdict} ({counts})\n")
    return EXIT_PROBLEMS if errors else EXIT_OK


def cmd_export(args, out) -> int:
    from indicators.analysis.dataset import Dataset
    from indicators.analysis.export import to_csv, to_json
    from indicators.data.loading import load_folder

    if args.format == "datapackage" and not args.output:
        raise UsageError("--format datapackage needs --output DIR (a folder for its files)")
    data_dir, max_bytes = _data_dir(args)
    dataset = Dataset(load_folder(data_dir, max_bytes), data_dir)
    if args.format == "datapackage":
        from indicators.analysis.datapackage import write

        for path in write(dataset, Path(args.output)):
            out.write(f"wrote {path}\n")
        return EXIT_OK
    text = to_json(dataset) if args.format == "json" else to_csv(dataset.observations)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        out.write(text)
    return EXIT_OK


def cmd_schema(args, out) -> int:
    from indicators.data.schema import check_schemas, write_schemas

    folder = Path(args.output)
    if args.check:
        stale = check_schemas(folder)
        for name in stale:
            out.write(
                f"{folder / name}: differs from the models; run python -m indicators schema\n"
            )
        return EXIT_PROBLEMS if stale else EXIT_OK
    for path in write_schemas(folder):
        out.write(f"wrote {path}\n")
    return EXIT_OK


def cmd_new(args, out) -> int:
    from indicators.data.templates import template

    values = {}
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep:
            raise UsageError(f"--set takes FIELD=VALUE, not {item!r}")
        values[name.strip()] = value
    try:
        out.write(template(args.kind, values))
    except ValueError as error:
        raise UsageError(str(error)) from None
    return EXIT_OK


COMMANDS = {"validate": cmd_validate, "export": cmd_export, "schema": cmd_schema, "new": cmd_new}


def main(argv=None, out=None, err=None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = _build_parser().parse_args(argv)
        return COMMANDS[args.command](args, out)
    except UsageError as error:
        err.write(f"usage error: {error}\nTry 'python -m indicators --help'.\n")
        return EXIT_USAGE
    except ConfigError as error:
        for problem in error.problems:
            err.write(problem.format() + "\n")
        return EXIT_USAGE
