//! What the symbol tables say about a name: whether the running kernel defines it, with which
//! binding, as a function or an object, and how often. Filled from ELF objects (`elf.rs`) and
//! from `nm`, `System.map` and `/proc/kallsyms` text (here: all three are `nm`'s format), so
//! that the policy's questions are answered by a hash look-up.

use rustc_hash::FxHashMap;

/// A symbol's binding, as `nm` shows it (lowercase letters: local).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binding {
    Local,
    Global,
    Weak,
}

/// What a symbol names, as `nm` classifies it: by the section it is defined in (`t`: a code
/// section), by its type where it is undefined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Function,
    Object,
    Other,
}

/// One symbol table entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub binding: Binding,
    pub kind: Kind,
    pub defined: bool,
    /// The module defining it (kallsyms's `[module]`), 0 for vmlinux or a lone object.
    pub module: u32,
}

/// The entries of all symbol files, by name.
#[derive(Debug, Default)]
pub struct SymbolTable {
    entries: FxHashMap<Box<str>, Vec<Entry>>,
    /// The index of each module named (kallsyms's `[module]`), from 1.
    modules: FxHashMap<Box<str>, u32>,
}

impl SymbolTable {
    pub fn add(&mut self, name: &str, entry: Entry) {
        match self.entries.get_mut(name) {
            Some(entries) => entries.push(entry),
            None => {
                self.entries.insert(name.into(), vec![entry]);
            }
        }
    }

    /// The index of module `name`, added when new.
    pub fn module(&mut self, name: &str) -> u32 {
        if let Some(&index) = self.modules.get(name) {
            return index;
        }
        let index = u32::try_from(self.modules.len() + 1).unwrap_or(u32::MAX);
        self.modules.insert(name.into(), index);
        index
    }

    pub fn entries(&self, name: &str) -> &[Entry] {
        self.entries.get(name).map_or(&[], Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether some table defines `name` as a function (`nm`'s `t`, `T`, `W`): a static
    /// function inlined everywhere has no such entry.
    pub fn defines_function(&self, name: &str) -> bool {
        self.any(name, |e| e.defined && e.kind == Kind::Function)
    }

    pub fn defines(&self, name: &str, binding: Binding) -> bool {
        self.any(name, |e| e.defined && e.binding == binding)
    }

    pub fn defines_any(&self, name: &str) -> bool {
        self.any(name, |e| e.defined)
    }

    /// Whether `name` is referenced weakly and defined nowhere (`nm`'s `w`, `v`).
    pub fn weak_undefined(&self, name: &str) -> bool {
        self.any(name, |e| !e.defined && e.binding == Binding::Weak)
    }

    /// Whether some module (or vmlinux) defines `name` more than once as a local symbol:
    /// kallsyms then needs the symbol's position to tell them apart.
    pub fn duplicate_local(&self, name: &str) -> bool {
        let locals = self.entries(name).iter().filter(|e| is_local_definition(e));
        let mut modules: Vec<u32> = locals.map(|e| e.module).collect();
        modules.sort_unstable();
        modules.windows(2).any(|pair| pair[0] == pair[1])
    }

    fn any(&self, name: &str, test: impl Fn(&Entry) -> bool) -> bool {
        self.entries(name).iter().any(test)
    }
}

fn is_local_definition(entry: &Entry) -> bool {
    entry.defined && entry.binding == Binding::Local
}

/// A line that is not `nm` output.
#[derive(Debug, thiserror::Error)]
#[error(
    "line {line}: not a line of nm, System.map or /proc/kallsyms: `{text}` \
     (expected `ADDRESS TYPE NAME [[MODULE]]` or `TYPE NAME`)"
)]
pub struct BadLine {
    pub line: usize,
    pub text: String,
}

/// Adds the symbols of `nm` output (also `System.map`, `/proc/kallsyms`) to `table`. Lines
/// naming a file (`nm` of several objects: `fork.o:`) and blank lines are skipped.
pub fn read_nm(text: &str, table: &mut SymbolTable) -> Result<(), BadLine> {
    for (index, line) in text.lines().enumerate() {
        let bad = || BadLine {
            line: index + 1,
            text: line.chars().take(120).collect(),
        };
        let (fields, count) = first_fields(line);
        let (letter, name, module) = match fields[..count] {
            [] => continue,
            [file] if file.ends_with(':') => continue,
            [letter, name] => (letter, name, None),
            [address, letter, name] if is_hex(address) => (letter, name, None),
            [address, letter, name, module] if is_hex(address) => {
                (letter, name, Some(bracketed(module).ok_or_else(bad)?))
            }
            _ => return Err(bad()),
        };
        let mut entry = nm_entry(letter).ok_or_else(bad)?;
        entry.module = module.map_or(0, |module| table.module(module));
        table.add(name, entry);
    }
    Ok(())
}

/// The first five whitespace-separated fields of `line` and how many it has, five standing
/// for more too (no valid line has five): no allocation for each line of a `System.map`.
fn first_fields(line: &str) -> ([&str; 5], usize) {
    let mut fields = [""; 5];
    let mut count = 0;
    for field in line.split_ascii_whitespace() {
        if let Some(slot) = fields.get_mut(count) {
            *slot = field;
        }
        count += 1;
        if count > fields.len() {
            break;
        }
    }
    (fields, count.min(fields.len()))
}

fn is_hex(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `mod` of `[mod]`.
fn bracketed(text: &str) -> Option<&str> {
    text.strip_prefix('[')?.strip_suffix(']')
}

/// The entry that `nm`'s type letter stands for (`man nm`).
pub fn nm_entry(letter: &str) -> Option<Entry> {
    let &[byte] = letter.as_bytes() else {
        return None;
    };
    let (binding, kind, defined) = match byte {
        b'U' => (Binding::Global, Kind::Other, false),
        b'w' => (Binding::Weak, Kind::Function, false),
        b'v' => (Binding::Weak, Kind::Object, false),
        b'W' => (Binding::Weak, Kind::Function, true),
        b'V' => (Binding::Weak, Kind::Object, true),
        // GNU unique objects and indirect functions are global, whatever the letter's case.
        b'u' => (Binding::Global, Kind::Object, true),
        b'i' | b'I' => (Binding::Global, Kind::Function, true),
        b't' | b'T' => (case_binding(byte), Kind::Function, true),
        b'b' | b'B' | b'c' | b'C' | b'd' | b'D' | b'g' | b'G' | b'r' | b'R' | b's' | b'S'
        | b'p' | b'P' => (case_binding(byte), Kind::Object, true),
        b'a' | b'A' | b'n' | b'N' | b'?' | b'-' => (case_binding(byte), Kind::Other, true),
        _ => return None,
    };
    Some(Entry {
        binding,
        kind,
        defined,
        module: 0,
    })
}

fn case_binding(letter: u8) -> Binding {
    if letter.is_ascii_lowercase() {
        Binding::Local
    } else {
        Binding::Global
    }
}

#[cfg(test)]
mod tests {
    use super::{Binding, SymbolTable, read_nm};

    fn table(text: &str) -> SymbolTable {
        let mut table = SymbolTable::default();
        read_nm(text, &mut table).expect("nm text");
        table
    }

    #[test]
    fn nm_output_with_undefined_symbols_and_file_headers() {
        let table = table(
            "fork.o:\n\
             0000000000000000 t copy_process\n\
             0000000000000010 T kernel_clone\n\
             \x20                U printk\n\
             \x20                w arch_hook\n\
             0000000000000004 d counter\n\n",
        );
        assert!(table.defines_function("copy_process"));
        assert!(table.defines("copy_process", Binding::Local));
        assert!(table.defines("kernel_clone", Binding::Global));
        assert!(!table.defines_any("printk") && !table.entries("printk").is_empty());
        assert!(table.weak_undefined("arch_hook"));
        assert!(!table.defines_function("counter") && table.defines("counter", Binding::Local));
    }

    #[test]
    fn kallsyms_modules_tell_duplicates_apart() {
        let table = table(
            "ffffffff81000000 t helper\n\
             ffffffff81000100 t helper\n\
             ffffffffc0000000 t other\t[ext4]\n\
             ffffffffc0001000 t other\t[xfs]\n",
        );
        assert!(table.duplicate_local("helper"));
        assert!(!table.duplicate_local("other"));
    }

    #[test]
    fn other_text_is_refused_with_its_line() {
        let mut table = SymbolTable::default();
        let error = read_nm("0 T ok\nnot a symbol line at all\n", &mut table).unwrap_err();
        assert_eq!(error.line, 2);
        assert!(read_nm("0 % bad\n", &mut table).is_err());
        assert!(read_nm("xyz T name\n", &mut table).is_err());
    }
}
