//! The values of options as gcc reads them (`-D`, `-fpic`, `-g`, `-f*-prefix-map=`,
//! `-fcf-protection=`, `-fsanitize=`, `-fexcess-precision=`, `-std=`), the driver's pruning
//! of options cancelled by later ones, and the input file among the arguments.

use std::path::PathBuf;

use super::args::{Item, Opt};
use super::settings::{Codegen, ExcessPrecision, Pic};
use super::{CStd, InvocationError, Target};

/// gcc's `cpp_define`: the first `=` becomes a space, no `=` means the value 1.
pub(super) fn define_line(arg: &str) -> String {
    let arg = first_line(arg);
    match arg.split_once('=') {
        Some((name, value)) => format!("#define {name} {value}"),
        None => format!("#define {arg} 1"),
    }
}

/// A `-D` or `-U` argument ends at a newline, as gcc's directive does.
pub(super) fn first_line(arg: &str) -> &str {
    arg.split('\n').next().unwrap_or(arg)
}

pub(super) fn pic(name: &str, on: bool) -> Pic {
    let level = if name.chars().all(|c| c.is_ascii_lowercase()) {
        1
    } else {
        2
    };
    match on {
        true => Pic {
            level,
            pie: name.eq_ignore_ascii_case("pie"),
        },
        false => Pic {
            level: 0,
            pie: false,
        },
    }
}

/// Debug info is on for `-g`, `-g1`..`-g3`, `-ggdb`, `-gdwarf-N`, ... and off for `-g0`;
/// other `-g` options (`-gsplit-dwarf`, `-gz`, `-gno-...`) leave it (`None`).
pub(super) fn debug_info(value: &str) -> Option<bool> {
    const ON: &[&str] = &[
        "", "1", "2", "3", "gdb", "gdb1", "gdb2", "gdb3", "btf", "stabs", "vms", "xcoff",
    ];
    match value {
        "0" | "gdb0" => Some(false),
        _ if ON.contains(&value) || value.starts_with("dwarf") || value.starts_with("ctf") => {
            Some(true)
        }
        _ => None,
    }
}

pub(super) fn prefix_map(arg: &str, opt: &Opt) -> Result<(String, String), InvocationError> {
    match arg.split_once('=') {
        Some((old, new)) => Ok((old.to_owned(), new.to_owned())),
        None => Err(InvocationError::bad_value(
            &opt.spelling,
            arg,
            "expected OLD=NEW",
        )),
    }
}

pub(super) fn cf_protection(arg: &str, opt: &Opt) -> Result<u8, InvocationError> {
    const VALUES: &[(&str, u8)] = &[
        ("none", 0),
        ("branch", 1),
        ("return", 2),
        ("full", 3),
        ("check", 8),
    ];
    VALUES
        .iter()
        .find(|(name, _)| *name == arg)
        .map(|&(_, bits)| bits)
        .ok_or_else(|| {
            InvocationError::bad_value(&opt.spelling, arg, "expected none, branch, return or full")
        })
}

pub(super) fn sanitize(codegen: &mut Codegen, list: &str, on: bool) {
    for name in list.split(',') {
        match name {
            "address" | "kernel-address" => codegen.sanitize_address = on,
            "thread" => codegen.sanitize_thread = on,
            "hwaddress" | "kernel-hwaddress" => codegen.sanitize_hwaddress = on,
            "all" if !on => {
                codegen.sanitize_address = false;
                codegen.sanitize_thread = false;
                codegen.sanitize_hwaddress = false;
            }
            _ => {}
        }
    }
}

pub(super) fn excess_precision(arg: &str, opt: &Opt) -> Result<ExcessPrecision, InvocationError> {
    match arg {
        "fast" => Ok(ExcessPrecision::Fast),
        "standard" => Ok(ExcessPrecision::Standard),
        "16" => Ok(ExcessPrecision::Float16),
        _ => Err(InvocationError::bad_value(
            &opt.spelling,
            arg,
            "expected fast, standard or 16",
        )),
    }
}

/// `-std=` values, the gcc release that introduced them, the dialect and whether it is GNU.
pub(super) const STDS: &[(&str, (u32, u32), CStd, bool)] = &[
    ("c89", (4, 8), CStd::C89, false),
    ("c90", (4, 8), CStd::C89, false),
    ("iso9899:1990", (4, 8), CStd::C89, false),
    ("iso9899:199409", (4, 8), CStd::C94, false),
    ("gnu89", (4, 8), CStd::C89, true),
    ("gnu90", (4, 8), CStd::C89, true),
    ("c99", (4, 8), CStd::C99, false),
    ("c9x", (4, 8), CStd::C99, false),
    ("iso9899:1999", (4, 8), CStd::C99, false),
    ("iso9899:199x", (4, 8), CStd::C99, false),
    ("gnu99", (4, 8), CStd::C99, true),
    ("gnu9x", (4, 8), CStd::C99, true),
    ("c11", (4, 8), CStd::C11, false),
    ("c1x", (4, 8), CStd::C11, false),
    ("iso9899:2011", (4, 8), CStd::C11, false),
    ("gnu11", (4, 8), CStd::C11, true),
    ("gnu1x", (4, 8), CStd::C11, true),
    ("c17", (8, 0), CStd::C17, false),
    ("c18", (8, 0), CStd::C17, false),
    ("iso9899:2017", (8, 0), CStd::C17, false),
    ("iso9899:2018", (8, 0), CStd::C17, false),
    ("gnu17", (8, 0), CStd::C17, true),
    ("gnu18", (8, 0), CStd::C17, true),
    ("c2x", (9, 0), CStd::C2x, false),
    ("gnu2x", (9, 0), CStd::C2x, true),
    ("c23", (14, 0), CStd::C2x, false),
    ("gnu23", (14, 0), CStd::C2x, true),
    ("iso9899:2024", (14, 0), CStd::C2x, false),
    ("c2y", (15, 0), CStd::C2y, false),
    ("gnu2y", (15, 0), CStd::C2y, true),
];

pub(super) fn parse_std(value: &str, target: Target) -> Result<(CStd, bool), InvocationError> {
    let spelling = format!("-std={value}");
    let &(_, since, std, gnu) = STDS
        .iter()
        .find(|(name, ..)| *name == value)
        .ok_or_else(|| {
            InvocationError::bad_value(&spelling, value, "not a C standard gcc knows")
        })?;
    if !target.gcc.at_least(since.0, since.1) {
        return Err(InvocationError::bad_value(
            &spelling,
            value,
            format!("gcc {} does not know it", target.gcc),
        ));
    }
    Ok((std, gnu))
}

/// gnu89 before gcc 5, gnu11 for gcc 5 to 7, gnu17 for gcc 8 to 14, gnu23 since gcc 15.
pub(super) fn default_std(target: Target) -> (CStd, bool) {
    match target.gcc.major {
        ..=4 => (CStd::C89, true),
        5..=7 => (CStd::C11, true),
        8..=14 => (CStd::C17, true),
        _ => (CStd::C2x, true),
    }
}

/// gcc's driver drops an option when the same option (either polarity) comes later:
/// `-mno-sse -msse` is `-msse`, `-ffast-math -fno-fast-math` is `-fno-fast-math`. Options with
/// a joined `=value` are kept. The `-f[no-]{pic,PIC,pie,PIE}` family cancels as a whole.
pub(super) fn prune<'a>(opts: &[&'a Opt]) -> Vec<&'a Opt> {
    let key = |opt: &Opt| -> Option<String> {
        if !matches!(opt.name.as_str(), "-f" | "-m" | "-W") || opt.value().contains('=') {
            return None;
        }
        let name = match opt.value().strip_prefix("no-").unwrap_or(opt.value()) {
            "pic" | "PIC" | "pie" | "PIE" => "pic-family",
            // `-mno-sse4` is an option of its own, not the negation of `-msse4`.
            "sse4" => opt.value(),
            name => name,
        };
        Some(format!("{}{name}", opt.name))
    };
    let keys: Vec<Option<String>> = opts.iter().map(|opt| key(opt)).collect();
    let cancelled = |index: usize| match &keys[index] {
        Some(key) => keys[index + 1..]
            .iter()
            .any(|later| later.as_ref() == Some(key)),
        None => false,
    };
    (0..opts.len())
        .filter(|&index| !cancelled(index))
        .map(|index| opts[index])
        .collect()
}

/// Languages `-x` may name for a C input, and whether the input is already preprocessed.
pub(super) const C_LANGUAGES: &[(&str, bool)] =
    &[("c", false), ("c-header", false), ("cpp-output", true)];

/// The language gcc gives a file by its suffix when no `-x` is given. Other suffixes
/// (`.o`, `.a`, ...) mark linker inputs, which gcc ignores when only preprocessing.
pub(super) const SUFFIXES: &[(&str, &str)] = &[
    ("c", "c"),
    ("h", "c-header"),
    ("i", "cpp-output"),
    ("S", "assembler-with-cpp"),
    ("sx", "assembler-with-cpp"),
    ("s", "assembler"),
    ("cc", "c++"),
    ("cp", "c++"),
    ("cpp", "c++"),
    ("cxx", "c++"),
    ("c++", "c++"),
    ("C", "c++"),
    ("ii", "c++-cpp-output"),
    ("m", "objective-c"),
];

/// The source files and their languages, following `-x` (`-x none` returns to suffixes).
pub(super) fn sources(items: &[Item]) -> Result<Vec<(&str, &str)>, InvocationError> {
    let mut language: Option<&str> = None;
    let mut sources = Vec::new();
    for item in items {
        match item {
            Item::Opt(opt) if opt.name == "-x" && !opt.from_cpp => {
                language = Some(opt.value()).filter(|&lang| lang != "none");
            }
            Item::Input(file) if file == "-" => return Err(InvocationError::StdinInput),
            Item::Input(file) => {
                let by_suffix = || {
                    let (_, suffix) = file.rsplit_once('.')?;
                    SUFFIXES
                        .iter()
                        .find(|(s, _)| *s == suffix)
                        .map(|&(_, lang)| lang)
                };
                if let Some(lang) = language.or_else(by_suffix) {
                    sources.push((file.as_str(), lang));
                }
            }
            Item::Opt(_) => {}
        }
    }
    Ok(sources)
}

/// The one input file, which must be C.
pub(crate) fn the_input(items: &[Item]) -> Result<PathBuf, InvocationError> {
    let sources = sources(items)?;
    if let Some(&(file, lang)) = sources
        .iter()
        .find(|(_, lang)| !C_LANGUAGES.iter().any(|(c, _)| c == lang))
    {
        return Err(InvocationError::NotC {
            file: file.to_owned(),
            language: lang.to_owned(),
        });
    }
    match sources.as_slice() {
        [] => Err(InvocationError::NoInput),
        [(file, _)] => Ok(PathBuf::from(file)),
        _ => {
            let files = sources.iter().map(|(file, _)| file.to_string()).collect();
            Err(InvocationError::MultipleInputs { files })
        }
    }
}

/// The input is preprocessed C: `-x cpp-output` or a `.i` file.
pub(super) fn input_is_preprocessed(items: &[Item]) -> bool {
    let sources = sources(items).unwrap_or_default();
    sources
        .iter()
        .any(|(_, lang)| C_LANGUAGES.iter().any(|(c, pre)| c == lang && *pre))
}
