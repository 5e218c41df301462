#!/usr/bin/env python3
"""The README's figures: per TU of a kernel corpus, the time and peak memory of
`gcc -fsyntax-only`, `klp-ccp check` and a cold live patch with the policy file.

  tools/figures.py BIN CORPUS [--cases TSV] [--runs N]

CORPUS is a folder kernel-corpus-setup made (linux/, corpus.tsv, compiler). The live patch
patches the TU's first function in TSV (default ../shared/kernel-cases.tsv; TUs it does not
name are left out), under examples/policies/kallsyms.toml with the TU's object file as
--symbols. Each figure is the best of --runs runs (default 3). Prints a Markdown table.
"""
import argparse, os, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def run(cmd, cwd):
    """(wall seconds, peak RSS in MB) of one run; exits on failure."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.monotonic() - started
    err = proc.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd[:4])} ...\n{err[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def best(cmd, cwd, runs):
    results = [run(cmd, cwd) for _ in range(runs)]
    return min(r[0] for r in results), min(r[1] for r in results)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("corpus")
    ap.add_argument("--cases", default=os.path.join(REPO, "..", "shared", "kernel-cases.tsv"))
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    binary, corpus = os.path.abspath(a.binary), os.path.abspath(a.corpus)
    root = os.path.join(corpus, "linux")
    gcc, compiler = open(os.path.join(corpus, "compiler")).read().split()
    tus = {}
    for line in open(os.path.join(corpus, "corpus.tsv")):
        f = line.rstrip("\n").split("\t")
        if f and f[0]:
            tus[f[0]] = [x for x in f[1:] if not x.startswith(("-Wp,-MMD,", "-Wp,-MD,"))]
    functions = {}
    for line in open(a.cases):
        f = line.rstrip("\n").split("\t")
        if len(f) >= 2 and f[0] in tus:
            functions.setdefault(f[0], f[1])
    policy = os.path.join(REPO, "examples", "policies", "kallsyms.toml")
    print("| TU | gcc -fsyntax-only | klp-ccp check | live patch (policy file) | peak RSS gcc / check / live patch |")
    print("| --- | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for tu, fn in functions.items():
            args = tus[tu]
            g = best([gcc, *args, "-fsyntax-only", tu], root, a.runs)
            c = best([binary, "check", f"--compiler={compiler}", "--", *args, tu], root, a.runs)
            obj = tu[:-2] + ".o"
            l = best([binary, f"--compiler={compiler}", f"--outfile={tmp}/lp.c", f"--patched-functions={fn}",
                      f"--policy={policy}", f"--symbols={obj}", "--", *args, tu], root, a.runs)
            print(f"| {tu} | {g[0]:.2f} s | {c[0]:.2f} s ({c[0] / g[0]:.2f}x) | {l[0]:.2f} s ({l[0] / g[0]:.2f}x) "
                  f"| {g[1]:.0f} / {c[1]:.0f} / {l[1]:.0f} MB |")


if __name__ == "__main__":
    main()
