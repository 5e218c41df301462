//! The data a policy file decides from, read once before any question: symbol tables (ELF
//! files, `nm`, `System.map`, `/proc/kallsyms`), `Module.symvers` and gcc's ipa-clones dumps,
//! each file's format told by its contents.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::elf::{self, BadElf};
use super::ipa_clones::{self, IpaClones};
use super::symbols::{self, SymbolTable};
use super::symvers::{self, Symvers};

/// Everything the data files say.
#[derive(Debug, Default)]
pub struct SymbolData {
    pub table: SymbolTable,
    pub symvers: Symvers,
    pub ipa_clones: IpaClones,
}

/// The format a data file is read in: told by its contents, or by the key naming it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Detect,
    Symvers,
    IpaClones,
}

/// A data file that cannot be read, or not in its format.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("cannot read {}: {source}", .path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {source}", .path.display())]
    Elf { path: PathBuf, source: BadElf },
    #[error("{}: {source}", .path.display())]
    Nm {
        path: PathBuf,
        source: symbols::BadLine,
    },
    #[error("{}: {source}", .path.display())]
    Symvers {
        path: PathBuf,
        source: symvers::BadLine,
    },
    #[error("{}: {source}", .path.display())]
    IpaClones {
        path: PathBuf,
        source: ipa_clones::BadLine,
    },
}

impl SymbolData {
    /// Adds the data of file `path`.
    pub fn read(&mut self, path: &Path, format: Format) -> Result<(), DataError> {
        let read_error = |source| DataError::Read {
            path: path.to_owned(),
            source,
        };
        let mut file = File::open(path).map_err(read_error)?;
        let mut bytes = Vec::new();
        let mut magic = [0u8; 4];
        let head = read_head(&mut file, &mut magic).map_err(read_error)?;
        if format == Format::Detect && &magic[..head] == elf::MAGIC {
            return elf::read_elf(file, &mut self.table).map_err(|source| DataError::Elf {
                path: path.to_owned(),
                source,
            });
        }
        bytes.extend_from_slice(&magic[..head]);
        file.read_to_end(&mut bytes).map_err(read_error)?;
        self.read_text(path, &String::from_utf8_lossy(&bytes), format)
    }

    fn read_text(&mut self, path: &Path, text: &str, format: Format) -> Result<(), DataError> {
        let path = path.to_owned();
        match format_of(text, format) {
            Format::Symvers => {
                (self.symvers.read(text)).map_err(|source| DataError::Symvers { path, source })
            }
            Format::IpaClones => {
                (self.ipa_clones.read(text)).map_err(|source| DataError::IpaClones { path, source })
            }
            Format::Detect => symbols::read_nm(text, &mut self.table)
                .map_err(|source| DataError::Nm { path, source }),
        }
    }
}

/// Reads up to `magic.len()` bytes, as many as the file has.
fn read_head(file: &mut File, magic: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < magic.len() {
        match file.read(&mut magic[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// The format of a text file (`Detect` standing for `nm`'s), unless the key told it.
fn format_of(text: &str, told: Format) -> Format {
    if told != Format::Detect {
        return told;
    }
    let first = text
        .lines()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("");
    if ipa_clones::looks_like_ipa_clones(first) {
        Format::IpaClones
    } else if first.contains('\t')
        && first
            .split('\t')
            .next()
            .is_some_and(symvers::looks_like_crc)
    {
        Format::Symvers
    } else {
        Format::Detect
    }
}

#[cfg(test)]
mod tests {
    use super::{Format, format_of};

    #[test]
    fn text_formats_are_told_by_their_first_line() {
        let detect = |text| format_of(text, Format::Detect);
        assert_eq!(
            detect("\n0x12345678\tprintk\tvmlinux\tEXPORT_SYMBOL\t\n"),
            Format::Symvers
        );
        assert_eq!(detect("Callgraph removal;f;1;a.c;1;1\n"), Format::IpaClones);
        assert_eq!(detect("ffffffff81000000 T _text\n"), Format::Detect);
        assert_eq!(detect("                 U printk\n"), Format::Detect);
        assert_eq!(detect(""), Format::Detect);
        assert_eq!(format_of("0 T x\n", Format::Symvers), Format::Symvers);
    }
}
