//! Reading the gcc command line the way gcc's driver does: `@file` response files, which
//! options take an argument (joined `-Idir` or separate `-I dir`), `-Wp,` and `-Xpreprocessor`
//! pass-through, and the order in which the driver hands options to the preprocessor (cc1).

use std::path::Path;

use super::InvocationError;

/// How an option takes its argument, as in gcc's `.opt` files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// No argument: the option must match exactly.
    Flag,
    /// The argument is the rest of the same word (`-std=gnu11`, `-fshort-wchar`).
    Joined,
    /// The argument is the next word (`-Xlinker -z`).
    Separate,
    /// Either (`-Idir` or `-I dir`).
    JoinedOrSeparate,
    /// The rest of the word, possibly empty (`-O`, `-O2`, `-g`).
    JoinedOrMissing,
}

/// gcc driver options that take an argument, or that must not be mistaken for a shorter
/// option with a joined argument (`-undef` is not `-u ndef`). Longest prefix wins, as in gcc.
/// Options absent here are taken as flags without argument.
const OPTIONS: &[(&str, Style)] = &[
    ("--param", Style::Separate),
    ("--param=", Style::Joined),
    ("--sysroot", Style::Separate),
    ("--sysroot=", Style::Joined),
    ("-A", Style::JoinedOrSeparate),
    ("-B", Style::JoinedOrSeparate),
    ("-D", Style::JoinedOrSeparate),
    ("-F", Style::JoinedOrSeparate),
    ("-I", Style::JoinedOrSeparate),
    ("-L", Style::JoinedOrSeparate),
    ("-MF", Style::JoinedOrSeparate),
    ("-MQ", Style::JoinedOrSeparate),
    ("-MT", Style::JoinedOrSeparate),
    ("-O", Style::JoinedOrMissing),
    ("-T", Style::JoinedOrSeparate),
    ("-Tbss", Style::Separate),
    ("-Tdata", Style::Separate),
    ("-Ttext", Style::Separate),
    ("-U", Style::JoinedOrSeparate),
    ("-W", Style::Joined),
    ("-Wa,", Style::Joined),
    ("-Wl,", Style::Joined),
    ("-Wp,", Style::Joined),
    ("-Xassembler", Style::Separate),
    ("-Xlinker", Style::Separate),
    ("-Xpreprocessor", Style::Separate),
    ("-aux-info", Style::Separate),
    ("-aux-info=", Style::Joined),
    ("-d", Style::Joined),
    ("-dumpbase", Style::Separate),
    ("-dumpbase-ext", Style::Separate),
    ("-dumpdir", Style::Separate),
    ("-dumpfullversion", Style::Flag),
    ("-dumpmachine", Style::Flag),
    ("-dumpspecs", Style::Flag),
    ("-dumpversion", Style::Flag),
    ("-e", Style::JoinedOrSeparate),
    ("-f", Style::Joined),
    ("-g", Style::JoinedOrMissing),
    ("-idirafter", Style::JoinedOrSeparate),
    ("-imacros", Style::JoinedOrSeparate),
    ("-imultiarch", Style::JoinedOrSeparate),
    ("-imultilib", Style::JoinedOrSeparate),
    ("-include", Style::JoinedOrSeparate),
    ("-iplugindir=", Style::Joined),
    ("-iprefix", Style::JoinedOrSeparate),
    ("-iquote", Style::JoinedOrSeparate),
    ("-isysroot", Style::JoinedOrSeparate),
    ("-isystem", Style::JoinedOrSeparate),
    ("-iwithprefix", Style::JoinedOrSeparate),
    ("-iwithprefixbefore", Style::JoinedOrSeparate),
    ("-l", Style::JoinedOrSeparate),
    ("-m", Style::Joined),
    ("-o", Style::JoinedOrSeparate),
    ("-specs", Style::Separate),
    ("-specs=", Style::Joined),
    ("-std=", Style::Joined),
    ("-u", Style::JoinedOrSeparate),
    ("-undef", Style::Flag),
    ("-wrapper", Style::Separate),
    ("-x", Style::JoinedOrSeparate),
    ("-z", Style::JoinedOrSeparate),
];

/// In cc1 (reached through `-Wp,` or `-Xpreprocessor`), `-MD` and `-MMD` take the dependency
/// file as separate argument: the kernel's `-Wp,-MMD,dir/.file.o.d`.
const CC1_OPTIONS: &[(&str, Style)] = &[("-MD", Style::Separate), ("-MMD", Style::Separate)];

/// gcc's long spellings (`--include-directory=dir`, `--define-macro X`) and their short form.
/// The argument may follow `=` or come as next word.
const LONG_ALIASES: &[(&str, &str)] = &[
    ("--all-warnings", "-Wall"),
    ("--ansi", "-ansi"),
    ("--assemble", "-S"),
    ("--assert", "-A"),
    ("--comments", "-C"),
    ("--comments-in-macros", "-CC"),
    ("--compile", "-c"),
    ("--debug", "-g"),
    ("--define-macro", "-D"),
    ("--dependencies", "-M"),
    ("--dumpbase", "-dumpbase"),
    ("--dumpdir", "-dumpdir"),
    ("--entry", "-e"),
    ("--extra-warnings", "-Wextra"),
    ("--for-assembler", "-Xassembler"),
    ("--for-linker", "-Xlinker"),
    ("--force-link", "-u"),
    ("--imacros", "-imacros"),
    ("--include", "-include"),
    ("--include-barrier", "-I-"),
    ("--include-directory", "-I"),
    ("--include-directory-after", "-idirafter"),
    ("--include-prefix", "-iprefix"),
    ("--include-with-prefix", "-iwithprefix"),
    ("--include-with-prefix-after", "-iwithprefix"),
    ("--include-with-prefix-before", "-iwithprefixbefore"),
    ("--language", "-x"),
    ("--library-directory", "-L"),
    ("--no-line-commands", "-P"),
    ("--no-standard-includes", "-nostdinc"),
    ("--no-warnings", "-w"),
    ("--optimize", "-O"),
    ("--output", "-o"),
    ("--pedantic", "-pedantic"),
    ("--pedantic-errors", "-pedantic-errors"),
    ("--prefix", "-B"),
    ("--preprocess", "-E"),
    ("--print-missing-file-dependencies", "-MG"),
    ("--specs", "-specs="),
    ("--std", "-std="),
    ("--trace-includes", "-H"),
    ("--traditional-cpp", "-traditional-cpp"),
    ("--trigraphs", "-trigraphs"),
    ("--undefine-macro", "-U"),
    ("--user-dependencies", "-MM"),
    ("--verbose", "-v"),
    ("--write-dependencies", "-MD"),
    ("--write-user-dependencies", "-MMD"),
];

/// One option as gcc's driver reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Opt {
    /// The option without its argument: `-I`, `-std=`, `-f` (then `value` is `short-wchar`),
    /// or the whole word for flags (`-nostdinc`, `-E`).
    pub name: String,
    pub value: Option<String>,
    /// The words as written, for the list of ignored options.
    pub spelling: String,
    /// Came through `-Wp,` or `-Xpreprocessor`, i.e. is a cc1 option.
    pub from_cpp: bool,
}

impl Opt {
    pub(crate) fn value(&self) -> &str {
        self.value.as_deref().unwrap_or("")
    }
}

/// A word of the command line: an option or an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Item {
    Opt(Opt),
    Input(String),
}

/// gcc gives up on response files nested this deep (libiberty's `expandargv` limit is similar).
const MAX_RESPONSE_FILES: usize = 2000;

/// Replaces each `@file` by the words in `file`, recursively, as libiberty's `expandargv`.
/// A file that cannot be read stays as literal argument, as with gcc.
pub(crate) fn expand_response_files(
    args: &[String],
    cwd: &Path,
) -> Result<Vec<String>, InvocationError> {
    let mut pending: Vec<String> = args.iter().rev().cloned().collect();
    let mut out = Vec::with_capacity(args.len());
    let mut expansions = 0;
    while let Some(arg) = pending.pop() {
        let Some(name) = arg.strip_prefix('@') else {
            out.push(arg);
            continue;
        };
        let path = cwd.join(name);
        let Ok(text) = std::fs::read_to_string(&path) else {
            out.push(arg);
            continue;
        };
        expansions += 1;
        if expansions > MAX_RESPONSE_FILES {
            let reason = format!("more than {MAX_RESPONSE_FILES} response files: '@' recursion?");
            return Err(InvocationError::ResponseFile { path, reason });
        }
        // The file's words are read next, so nested @files expand in place.
        pending.extend(split_response_file(&text).into_iter().rev());
    }
    Ok(out)
}

/// Splits a response file like libiberty's `buildargv`: words separated by whitespace,
/// `'...'` and `"..."` quote, a backslash takes the next character literally (in quotes too).
pub(crate) fn split_response_file(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return words;
        }
        words.push(read_word(&mut chars));
    }
}

fn read_word(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> String {
    let mut word = String::new();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next_if(|&c| quote.is_some() || !c.is_whitespace()) {
        match (c, quote) {
            ('\\', _) => word.extend(chars.next()),
            (q, Some(open)) if q == open => quote = None,
            (c, Some(_)) => word.push(c),
            ('\'' | '"', None) => quote = Some(c),
            (c, None) => word.push(c),
        }
    }
    word
}

/// Reads the (response-file expanded) driver command line into options and inputs.
/// `-Wp,` and `-Xpreprocessor` words are collected and read as one cc1 command line, appended
/// at the end: the driver passes them to cc1 together (`%Z` in gcc's specs).
pub(crate) fn read_command_line(args: &[String]) -> Result<Vec<Item>, InvocationError> {
    let mut items = Vec::new();
    let mut cpp_words = Vec::new();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        let item = read_item(word, &mut words, false)?;
        match &item {
            Item::Opt(opt) if opt.name == "-Wp," => {
                cpp_words.extend(opt.value().split(',').map(str::to_owned))
            }
            Item::Opt(opt) if opt.name == "-Xpreprocessor" => {
                cpp_words.push(opt.value().to_owned())
            }
            _ => {}
        }
        items.push(item);
    }
    let mut cpp_words = cpp_words.iter();
    while let Some(word) = cpp_words.next() {
        items.push(read_item(word, &mut cpp_words, true)?);
    }
    Ok(items)
}

fn read_item<'a>(
    word: &'a str,
    rest: &mut impl Iterator<Item = &'a String>,
    from_cpp: bool,
) -> Result<Item, InvocationError> {
    if !word.starts_with('-') || word == "-" {
        return Ok(Item::Input(word.to_owned()));
    }
    let (name, style, joined) = match word.strip_prefix("--").and_then(|_| long_alias(word)) {
        Some(found) => found,
        None => lookup(word, from_cpp),
    };
    let spelling = word.to_owned();
    let value = match (style, joined) {
        (Style::Flag, _) => None,
        (Style::Joined | Style::JoinedOrMissing, joined) => Some(joined.unwrap_or_default()),
        (Style::JoinedOrSeparate, Some(joined)) if !joined.is_empty() => Some(joined),
        (Style::JoinedOrSeparate | Style::Separate, _) => {
            let next = rest
                .next()
                .ok_or_else(|| InvocationError::MissingArgument {
                    option: name.clone(),
                })?;
            let spelling = format!("{spelling} {next}");
            return Ok(Item::Opt(Opt {
                name,
                value: Some(next.clone()),
                spelling,
                from_cpp,
            }));
        }
    };
    Ok(Item::Opt(Opt {
        name,
        value,
        spelling,
        from_cpp,
    }))
}

/// The longest known option that `word` starts with, and the joined argument if any.
fn lookup(word: &str, from_cpp: bool) -> (String, Style, Option<String>) {
    let tables: &[&[(&str, Style)]] = if from_cpp {
        &[CC1_OPTIONS, OPTIONS]
    } else {
        &[OPTIONS]
    };
    let found = tables
        .iter()
        .flat_map(|table| table.iter())
        .filter(|(name, style)| matches_option(word, name, *style))
        .max_by_key(|(name, _)| name.len());
    match found {
        Some(&(name, style)) => (name.to_owned(), style, Some(word[name.len()..].to_owned())),
        // Unknown options are flags named by the whole word.
        None => (word.to_owned(), Style::Flag, None),
    }
}

fn matches_option(word: &str, name: &str, style: Style) -> bool {
    match style {
        Style::Flag | Style::Separate => word == name,
        _ => word.starts_with(name),
    }
}

/// `--include-directory=dir`, `--define-macro X`: the short option and the `=` argument.
fn long_alias(word: &str) -> Option<(String, Style, Option<String>)> {
    let (long, joined) = match word.split_once('=') {
        Some((long, value)) => (long, Some(value.to_owned())),
        None => (word, None),
    };
    let &(_, short) = LONG_ALIASES.iter().find(|(name, _)| *name == long)?;
    let (name, style, fixed) = lookup(short, false);
    let found = match (style, fixed.filter(|fixed| !fixed.is_empty()), joined) {
        (Style::Flag, _, _) => (name, Style::Flag, None),
        // The short form carries its argument: `--include-barrier` is `-I-`.
        (_, Some(fixed), _) => (name, Style::Joined, Some(fixed)),
        (_, None, Some(value)) => (name, Style::Joined, Some(value)),
        (Style::JoinedOrMissing, None, None) => (name, Style::JoinedOrMissing, None),
        (_, None, None) => (name, Style::Separate, None),
    };
    Some(found)
}

/// Where gcc's driver puts an option on cc1's command line (`cpp_unique_options` and
/// `cpp_options` in gcc.cc): directories first, then `-D`/`-U`, `-i...`, the `-Wp,` words,
/// `-m`, `-std=`, warnings, `-f`, `-O`/`-g`/`-undef`. Later wins, so this order matters.
pub(crate) fn cc1_slot(opt: &Opt) -> u8 {
    if opt.from_cpp {
        return 5;
    }
    match opt.name.as_str() {
        "-I" | "-F" => 1,
        "-D" | "-U" | "-A" => 3,
        "-m" => 6,
        "-std=" | "-ansi" | "-trigraphs" => 7,
        "-W" | "-w" | "-pedantic" | "-pedantic-errors" => 8,
        "-f" => 9,
        "-O" | "-g" | "-undef" => 10,
        name if name.starts_with("-i") => 4,
        _ => 0,
    }
}

/// The options in the order cc1 sees them.
pub(crate) fn cc1_order(items: &[Item]) -> Vec<&Opt> {
    let mut opts: Vec<&Opt> = items
        .iter()
        .filter_map(|item| match item {
            Item::Opt(opt) => Some(opt),
            Item::Input(_) => None,
        })
        .collect();
    opts.sort_by_key(|opt| cc1_slot(opt));
    opts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    fn show(items: &[Item]) -> String {
        let show_one = |item: &Item| match item {
            Item::Input(input) => format!("input {input}"),
            Item::Opt(opt) => {
                let cpp = if opt.from_cpp { " (cpp)" } else { "" };
                format!("{} {:?}{cpp}", opt.name, opt.value)
            }
        };
        items.iter().map(show_one).collect::<Vec<_>>().join("\n")
    }

    fn read(line: &str) -> String {
        match read_command_line(&words(line)) {
            Ok(items) => show(&items),
            Err(err) => format!("error: {err}"),
        }
    }

    #[test]
    fn joined_and_separate_forms() {
        expect_test::expect![[r#"
            -I Some("inc")
            -I Some("dir")
            -D Some("X=1")
            -D Some("Y")
            -include Some("a.h")
            -include Some("b.h")
            -isystem Some("/sys")
            -o Some("out.o")
            -x Some("c")
            -std= Some("gnu11")
            -O Some("2")
            -O Some("")
            -f Some("short-wchar")
            -m Some("no-sse")
            -undef None
            -u Some("sym")
            -nostdinc None
            --param Some("a=b")
            --param= Some("c=d")
            input file.c"#]]
        .assert_eq(&read(
            "-Iinc -I dir -DX=1 -D Y -include a.h -includeb.h -isystem /sys -o out.o -xc -std=gnu11 -O2 -O \
             -fshort-wchar -mno-sse -undef -u sym -nostdinc --param a=b --param=c=d file.c",
        ));
    }

    #[test]
    fn longest_prefix_wins() {
        expect_test::expect![[r#"
            -iwithprefixbefore Some("x")
            -iwithprefix Some("y")
            -isysroot Some("/r")
            -isystem Some("/s")
            -dumpbase Some("base")
            -d Some("M")
            -I Some("-")"#]]
        .assert_eq(&read(
            "-iwithprefixbeforex -iwithprefixy -isysroot/r -isystem/s -dumpbase base -dM -I-",
        ));
    }

    #[test]
    fn long_aliases() {
        expect_test::expect![[r#"
            -I Some("inc")
            -D Some("X")
            -include Some("f.h")
            -I Some("-")
            -nostdinc None
            -O Some("")
            -O Some("2")
            -std= Some("gnu11")
            -x Some("c")
            --verbose-unknown None"#]]
        .assert_eq(&read(
            "--include-directory=inc --define-macro X --include f.h --include-barrier --no-standard-includes \
             --optimize --optimize=2 --std gnu11 --language=c --verbose-unknown",
        ));
    }

    #[test]
    fn preprocessor_pass_through() {
        expect_test::expect![[r#"
            -Wp, Some("-MMD,dir/.f.o.d,-D,X,-UY")
            -Xpreprocessor Some("-DZ")
            input f.c
            -MMD Some("dir/.f.o.d") (cpp)
            -D Some("X") (cpp)
            -U Some("Y") (cpp)
            -D Some("Z") (cpp)"#]]
        .assert_eq(&read("-Wp,-MMD,dir/.f.o.d,-D,X,-UY -Xpreprocessor -DZ f.c"));
    }

    #[test]
    fn missing_arguments() {
        expect_test::expect!["error: missing argument to '-I'"].assert_eq(&read("f.c -I"));
        expect_test::expect!["error: missing argument to '-MD'"].assert_eq(&read("f.c -Wp,-MD"));
        expect_test::expect!["error: missing argument to '-include'"].assert_eq(&read("--include"));
    }

    #[test]
    fn driver_order_for_cc1() {
        let items = read_command_line(&words(
            "-O2 -fno-pic -Wp,-DW -DX -std=gnu11 -iquote q -I i -UX -mno-sse",
        ))
        .unwrap_or_default();
        let order: Vec<&str> = cc1_order(&items)
            .iter()
            .map(|opt| opt.spelling.as_str())
            .collect();
        expect_test::expect![[r#"
            [
                "-Wp,-DW",
                "-I i",
                "-DX",
                "-UX",
                "-iquote q",
                "-DW",
                "-mno-sse",
                "-std=gnu11",
                "-fno-pic",
                "-O2",
            ]
        "#]]
        .assert_debug_eq(&order);
    }

    #[test]
    fn response_file_quoting() {
        let words = split_response_file(
            " -DA='x y'  \"-DB=a\\\"b\" -DC=a\\ b\n'it''s' '' x\\\\y\t-I'q'\"r\" ",
        );
        expect_test::expect![[r#"
            [
                "-DA=x y",
                "-DB=a\"b",
                "-DC=a b",
                "its",
                "",
                "x\\y",
                "-Iqr",
            ]
        "#]]
        .assert_debug_eq(&words);
    }

    #[test]
    fn response_files_expand_recursively() {
        let dir = std::env::temp_dir().join(format!("klp-ccp-args-{}", std::process::id()));
        let write = |name: &str, text: &str| std::fs::write(dir.join(name), text);
        let setup = std::fs::create_dir_all(&dir)
            .and_then(|_| write("outer.rsp", "-DOUTER @inner.rsp 'quoted arg'"))
            .and_then(|_| write("inner.rsp", "-DINNER\n-I inc"))
            .and_then(|_| write("loop.rsp", "@loop.rsp"));
        assert!(
            setup.is_ok(),
            "cannot write test files in {}",
            dir.display()
        );
        let args = words("-O2 @outer.rsp @missing.rsp f.c");
        let expanded = expand_response_files(&args, &dir);
        expect_test::expect![[r#"
            Ok(
                [
                    "-O2",
                    "-DOUTER",
                    "-DINNER",
                    "-I",
                    "inc",
                    "quoted arg",
                    "@missing.rsp",
                    "f.c",
                ],
            )
        "#]]
        .assert_debug_eq(&expanded);
        let looping =
            expand_response_files(&words("@loop.rsp"), &dir).map_err(|err| err.to_string());
        assert!(
            matches!(looping, Err(ref msg) if msg.contains("recursion")),
            "{looping:?}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
