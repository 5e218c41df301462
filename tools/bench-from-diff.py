#!/usr/bin/env python3
"""Time `klp-ccp from-diff` on a fix touching every TU of a kernel corpus against separate
one-shot runs making the same live patches.

  tools/bench-from-diff.py BIN CORPUS [--cases TSV] [--runs N]

CORPUS is a folder kernel-corpus-setup made (linux/, corpus.tsv, compile_commands.json). For
each TU of corpus.tsv, one function is changed (an empty asm statement before its closing
brace): the first function the TU has in TSV (`TU<TAB>FUNCTION` lines, default
../shared/kernel-cases.tsv when it is there), else the TU's first function definition. The
fix is one patch; nothing in the tree is written. Prints each one-shot run's time, their sum,
the from-diff run's time, and the ratio (best of --runs runs each, default 1).
"""
import argparse, difflib, os, re, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))


def corpus_tus(corpus):
    tus = {}
    for line in open(os.path.join(corpus, "corpus.tsv")):
        fields = line.rstrip("\n").split("\t")
        if fields and fields[0]:
            tus[fields[0]] = [a for a in fields[1:] if not a.startswith(("-Wp,-MMD,", "-Wp,-MD,"))]
    return tus


def chosen_functions(tus, cases):
    chosen = {}
    if cases and os.path.exists(cases):
        for line in open(cases):
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 2 and fields[0] in tus and fields[0] not in chosen:
                chosen[fields[0]] = fields[1]
    return chosen


def function_end(lines, name):
    """The index of the line `}` closing the definition of `name` (kernel style: the name
    starts a line's declarator, the closing brace is alone in column 0), or None."""
    start = None
    for i, line in enumerate(lines):
        if start is None and re.match(r"^[A-Za-z_].*\b%s\(" % re.escape(name), line) and not line.rstrip().endswith(";"):
            start = i
        elif start is not None and line.rstrip("\n") == "}":
            return i
    return None


def first_function(lines):
    for line in lines:
        m = re.match(r"^(?:static\s+)?(?:inline\s+)?[A-Za-z_][\w\s\*]*?\b([A-Za-z_]\w*)\(", line)
        if m and not line.rstrip().endswith(";"):
            return m.group(1)
    return None


def make_patch(root, tus, chosen):
    """The patch text, and the function changed in each TU."""
    patch, functions = [], {}
    for tu in tus:
        lines = open(os.path.join(root, tu), encoding="latin-1").readlines()
        name = chosen.get(tu) or first_function(lines)
        end = function_end(lines, name) if name else None
        if end is None:
            print(f"{tu}: no function to change, left out", file=sys.stderr)
            continue
        new = lines[:end] + ['\t__asm__ __volatile__("");\n'] + lines[end:]
        patch.extend(difflib.unified_diff(lines, new, f"a/{tu}", f"b/{tu}"))
        functions[tu] = name
    return "".join(patch), functions


def timed(cmd, cwd):
    started = time.monotonic()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd[:6])} ...\n{done.stderr.decode(errors='replace')[-2000:]}")
    return seconds


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("corpus")
    ap.add_argument("--cases", default=os.path.join(HERE, "..", "..", "shared", "kernel-cases.tsv"))
    ap.add_argument("--runs", type=int, default=1)
    a = ap.parse_args()
    binary, corpus = os.path.abspath(a.binary), os.path.abspath(a.corpus)
    root = os.path.join(corpus, "linux")
    compiler = open(os.path.join(corpus, "compiler")).read().split()[1] if os.path.exists(os.path.join(corpus, "compiler")) else "x86_64-gcc-12.2.0"
    tus = corpus_tus(corpus)
    text, functions = make_patch(root, tus, chosen_functions(tus, a.cases))
    with tempfile.TemporaryDirectory(prefix="bench-from-diff-") as tmp:
        patch = os.path.join(tmp, "fix.patch")
        open(patch, "w", encoding="latin-1").write(text)
        one_shot = {}
        for tu, name in functions.items():
            cmd = [binary, f"--compiler={compiler}", f"--outfile={tmp}/one.c", f"--patched-functions={name}", "--", *tus[tu], tu]
            one_shot[tu] = min(timed(cmd, root) for _ in range(a.runs))
            print(f"one-shot {tu} {name}: {one_shot[tu]:.2f} s")
        total = sum(one_shot.values())
        runs = []
        for i in range(a.runs):
            out = os.path.join(tmp, f"out{i}")
            cmd = [binary, "from-diff", f"--compiler={compiler}", f"--compile-commands={corpus}/compile_commands.json",
                   f"--tree={root}", f"--outdir={out}", patch]
            runs.append(timed(cmd, root))
        made = sorted(os.path.relpath(os.path.join(d, f), os.path.join(tmp, "out0"))
                      for d, _, fs in os.walk(os.path.join(tmp, "out0")) for f in fs if f != "summary.json")
        print(f"from-diff made {len(made)} of {len(functions)} live patches")
        best = min(runs)
        print(f"one-shot runs: {total:.2f} s in all; from-diff: {best:.2f} s; ratio {best / total:.2f}")


if __name__ == "__main__":
    main()
