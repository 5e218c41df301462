#!/usr/bin/env python3
"""Seeds the fuzz corpora from the repository's own C: fuzz/corpus/{preprocess,check,livepatch}/.

Run from anywhere: `python3 fuzz/seed.py` (or `fuzz/seed.py`). The seeds are
- the live-patch cases, queries/test_data/livepatch/*/t.c, with their header (its `#include`
  renamed to "h.h", the one header name the fuzz targets know), and examples/;
- the C in the string literals of the tests (syntax/tests, queries/tests): every literal of
  some length that looks like C (`;` or `#` in it, no `{}`), `expect![[...]]` snapshots left out.

Each seed is named by the SHA-1 of its bytes, so running it again adds only what is new. The
header of an input follows the main file after the separator line `//--- h.h` (see
fuzz/src/lib.rs).
"""

import hashlib
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
TARGETS = ["preprocess", "check", "livepatch"]
SEPARATOR = b"\n//--- h.h\n"
# libFuzzer's -max_len in the README's commands: longer seeds would be cut.
MAX_LEN = 32768


def rust_literals(text):
    """The string literals of Rust source `text`, unescaped, with whether each is the
    argument of an `expect![[...]]` snapshot."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i < 0 else i
        elif text.startswith("/*", i):
            i = text.find("*/", i + 2)
            i = n if i < 0 else i + 2
        elif c == "'":
            # A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
            if text.startswith("\\", i + 1):
                end = text.find("'", i + 3)
                i = n if end < 0 else end + 1
            elif i + 2 < n and text[i + 2] == "'":
                i += 3
            else:
                i += 1
        elif c == "r" and re.match(r'r#*"', text[i:i + 260]) and not is_ident(text, i - 1):
            hashes = len(re.match(r"r(#*)", text[i:]).group(1))
            start = i + 2 + hashes
            end = text.find('"' + "#" * hashes, start)
            if end < 0:
                return
            yield text[start:end], in_expect(text, i)
            i = end + 1 + hashes
        elif c == '"':
            value, i2 = unescape(text, i + 1)
            yield value, in_expect(text, i)
            i = i2
        else:
            i += 1


def is_ident(text, i):
    return i >= 0 and (text[i].isalnum() or text[i] == "_")


def in_expect(text, i):
    return text[max(0, i - 12):i].rstrip().endswith("expect![[")


def unescape(text, i):
    """The value of the normal string literal whose body starts at `i`, and where it ends."""
    out = []
    n = len(text)
    while i < n:
        c = text[i]
        if c == '"':
            return "".join(out), i + 1
        if c != "\\":
            out.append(c)
            i += 1
            continue
        e = text[i + 1] if i + 1 < n else ""
        simple = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'"}
        if e in simple:
            out.append(simple[e])
            i += 2
        elif e == "x":
            out.append(chr(int(text[i + 2:i + 4], 16)))
            i += 4
        elif e == "u":
            end = text.find("}", i)
            out.append(chr(int(text[i + 3:end], 16)))
            i = end + 1
        elif e == "\n":
            # A line continuation: the newline and the next line's leading whitespace go.
            i += 2
            while i < n and text[i] in " \t\n\r":
                i += 1
        else:
            out.append(e)
            i += 2
    return "".join(out), n


def looks_like_c(s):
    # `{}` and `{name}` are Rust format strings (messages), not C.
    return len(s) >= 16 and any(mark in s for mark in ";#") and not re.search(r"\{\w*\}", s)


def seeds():
    for case in sorted((ROOT / "queries/test_data/livepatch").iterdir()):
        yield with_header(case / "t.c", sorted(case.glob("*.h")))
    demo = ROOT / "examples/livepatch-demo"
    for source in sorted(demo.glob("*.c")):
        yield with_header(source, sorted(demo.rglob("*.h")))
    for folder in ["syntax/tests", "queries/tests"]:
        for path in sorted((ROOT / folder).rglob("*.rs")):
            text = path.read_text(encoding="utf-8")
            for value, snapshot in rust_literals(text):
                if not snapshot and looks_like_c(value):
                    # Surrogates cannot be encoded; such a literal is no C anyway.
                    yield value.encode("utf-8", errors="replace")


def with_header(main, headers):
    """The main file, its first header's `#include` renamed to "h.h", and that header."""
    text = main.read_bytes()
    if not headers:
        return text
    header = headers[0]
    name = re.escape(header.name.encode())
    text = re.sub(rb'(#\s*include\s*)[<"]([^">]*/)?' + name + rb'[">]', rb'\1"h.h"', text)
    return text + SEPARATOR + header.read_bytes()


def main():
    written = 0
    for target in TARGETS:
        (ROOT / "fuzz/corpus" / target).mkdir(parents=True, exist_ok=True)
    unique = {hashlib.sha1(s).hexdigest(): s for s in seeds() if len(s) <= MAX_LEN}
    for name, seed in unique.items():
        for target in TARGETS:
            path = ROOT / "fuzz/corpus" / target / name
            if not path.exists():
                path.write_bytes(seed)
                written += 1
    print(f"{len(unique)} seeds; {written} files written under fuzz/corpus/", file=sys.stderr)


if __name__ == "__main__":
    main()
