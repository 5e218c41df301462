//! The symbol table of an ELF file (an object, a module `.ko`, `vmlinux`) read directly, each
//! symbol classified as `nm` would show it, so that a policy reading the object agrees with
//! one reading `nm`'s output of it. Read through a cache of the ranges needed: `vmlinux` with
//! its debug information is large, its symbol table small.

use std::fs::File;

use object::read::ReadCache;
use object::{
    Object, ObjectSection, ObjectSymbol, ReadRef, SectionFlags, SymbolFlags, SymbolSection, elf,
};

use super::symbols::{Binding, Entry, Kind, SymbolTable};

/// An ELF file whose symbols cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("not a readable ELF file: {0}")]
pub struct BadElf(#[from] object::read::Error);

/// The first bytes of every ELF file.
pub const MAGIC: &[u8] = b"\x7fELF";

/// Adds the symbols of the ELF file `file` to `table`: its symbol table, or its dynamic one
/// when stripped. Section and file symbols, which `nm` does not show, are left out.
pub fn read_elf(file: File, table: &mut SymbolTable) -> Result<(), BadElf> {
    let cache = ReadCache::new(file);
    let object = object::File::parse(&cache)?;
    let mut symbols = object.symbols().peekable();
    if symbols.peek().is_some() {
        add_symbols(&object, symbols, table);
    } else {
        add_symbols(&object, object.dynamic_symbols(), table);
    }
    Ok(())
}

fn add_symbols<'data, 'file, R: ReadRef<'data>>(
    object: &'file object::File<'data, R>,
    symbols: impl Iterator<Item = object::Symbol<'data, 'file, R>>,
    table: &mut SymbolTable,
) {
    for symbol in symbols {
        let Ok(name) = symbol.name() else {
            continue;
        };
        if let Some(entry) = entry(object, &symbol).filter(|_| !name.is_empty()) {
            table.add(name, entry);
        }
    }
}

/// The entry of `symbol`, `None` for the symbols `nm` hides.
fn entry<'data, R: ReadRef<'data>>(
    object: &object::File<'data, R>,
    symbol: &object::Symbol<'data, '_, R>,
) -> Option<Entry> {
    let SymbolFlags::Elf { st_info, .. } = symbol.flags() else {
        return None;
    };
    let st_type = st_info.st_type();
    if st_type == elf::STT_SECTION || st_type == elf::STT_FILE {
        return None;
    }
    let binding = match st_info.st_bind() {
        elf::STB_LOCAL => Binding::Local,
        elf::STB_WEAK => Binding::Weak,
        _ => Binding::Global,
    };
    let is_object = st_type == elf::STT_OBJECT || st_type == elf::STT_TLS;
    let (defined, kind) = match symbol.section() {
        SymbolSection::Undefined => (false, undefined_kind(binding, is_object)),
        SymbolSection::Common => (true, Kind::Object),
        SymbolSection::Section(index) if binding != Binding::Weak => {
            let executable = object
                .section_by_index(index)
                .is_ok_and(|section| is_executable(section.flags()));
            (
                true,
                if executable {
                    Kind::Function
                } else {
                    Kind::Object
                },
            )
        }
        // nm's `W` and `V`: by the symbol's type, whatever the section
        SymbolSection::Section(_) if is_object => (true, Kind::Object),
        SymbolSection::Section(_) => (true, Kind::Function),
        _ => (true, Kind::Other),
    };
    Some(Entry {
        binding,
        kind,
        defined,
        module: 0,
    })
}

/// nm's `U` (no kind), `w` and `v`.
fn undefined_kind(binding: Binding, is_object: bool) -> Kind {
    match (binding, is_object) {
        (Binding::Weak, true) => Kind::Object,
        (Binding::Weak, false) => Kind::Function,
        _ => Kind::Other,
    }
}

fn is_executable(flags: SectionFlags) -> bool {
    match flags {
        SectionFlags::Elf { sh_flags, .. } => sh_flags.0 & elf::SHF_EXECINSTR.0 != 0,
        _ => false,
    }
}
