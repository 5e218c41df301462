#!/bin/sh
# Records a gcc's predefined macros as the snapshots syntax/tests/predefined_snapshots.rs compares
# klp-ccp with: one file per architecture and option set, its first line the options, then
# `cc1 -E -dM` sorted (without stdc-predef.h: -nostdinc).
# Usage: tools/record-gcc-predefined.sh ARCH VERSION CC1 [NAME OPTIONS]...
#   CC1 runs the gcc's cc1 (a wrapper script if it needs another dynamic loader); the options of
#   a set are given as one word, e.g. 'kernel' '-std=gnu11 -mno-sse -O2'. The driver's own
#   options are added as gcc's driver adds them: -mtune=generic -march=x86-64 on x86_64
#   (unless the set names -march or -mtune), -mlittle-endian -mabi=lp64 on aarch64; `-pg` is a
#   driver option that cc1 does not take and that changes no macro, so it is dropped.
set -eu
arch=$1 version=$2 cc1=$3
shift 3
dir=syntax/tests/data/predefined
mkdir -p "$dir"
while [ $# -ge 2 ]; do
    name=$1 options=$2
    shift 2
    case $arch in
    x86_64)
        driver=
        case " $options" in *" -march="* | *" -mtune="*) ;; *) driver="-mtune=generic" ;; esac
        case " $options" in *" -march="*) ;; *) driver="$driver -march=x86-64" ;; esac
        ;;
    *) driver="-mlittle-endian -mabi=lp64" ;;
    esac
    cc1_options=$(printf '%s\n' "$options" | sed 's/\(^\| \)-pg\( \|$\)/ /g')
    out="$dir/$arch-gcc-$version-$name.txt"
    {
        printf '%s\n' "$options"
        # shellcheck disable=SC2086 # the options are words
        LC_ALL=C "$cc1" -E -dM -quiet -nostdinc $driver $cc1_options /dev/null -o - | LC_ALL=C sort
    } > "$out"
    echo "$out"
done
