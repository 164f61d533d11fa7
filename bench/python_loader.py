#!/usr/bin/env python3
"""The plain Python loader replay_bench compares against: every line of every *.jsonl file under
the folders given, read with json.loads(line, parse_float=Decimal) (lines that fail to parse are
skipped), counting the tick records. Prints the count of lines, parsed lines and ticks."""
import json
import pathlib
import sys
from decimal import Decimal


def main(folders):
    lines = parsed = ticks = 0
    for folder in folders:
        for path in sorted(pathlib.Path(folder).rglob("*.jsonl")):
            with open(path, "rb") as f:
                for line in f:
                    lines += 1
                    try:
                        record = json.loads(line, parse_float=Decimal)
                    except ValueError:
                        continue
                    parsed += 1
                    if isinstance(record, dict) and record.get("type") == "tick":
                        ticks += 1
    print(f"{lines} lines, {parsed} parsed, {ticks} ticks")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: python_loader.py FOLDER...")
    main(sys.argv[1:])
