//! `Module.symvers`: the symbols vmlinux and the modules export (`EXPORT_SYMBOL*`), which a
//! live patch module may refer to by name (the module loader binds them, as klp-convert
//! relies on); the others must be reached otherwise (`.klp.sym` relocations, kallsyms).

use rustc_hash::FxHashMap;

/// The exported symbols, with the module exporting each (`vmlinux` for the kernel).
#[derive(Debug, Default)]
pub struct Symvers {
    exports: FxHashMap<Box<str>, Box<str>>,
}

/// A line that is not one of `Module.symvers`.
#[derive(Debug, thiserror::Error)]
#[error(
    "line {line}: not a line of Module.symvers: `{text}` \
     (expected `CRC<TAB>SYMBOL<TAB>MODULE<TAB>EXPORT_SYMBOL...`)"
)]
pub struct BadLine {
    pub line: usize,
    pub text: String,
}

impl Symvers {
    pub fn is_exported(&self, name: &str) -> bool {
        self.exports.contains_key(name)
    }

    pub fn len(&self) -> usize {
        self.exports.len()
    }

    /// Adds the exports of `Module.symvers` text. The export type names the field layout:
    /// the module precedes it in every kernel's format (the namespace moved from before the
    /// module to after the type in 5.9).
    pub fn read(&mut self, text: &str) -> Result<(), BadLine> {
        for (index, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let export = fields.iter().position(|f| f.starts_with("EXPORT_"));
            match (export, fields.get(1)) {
                (Some(at), Some(name)) if at >= 3 && looks_like_crc(fields[0]) => {
                    self.exports.insert((*name).into(), fields[at - 1].into());
                }
                _ => {
                    return Err(BadLine {
                        line: index + 1,
                        text: line.chars().take(120).collect(),
                    });
                }
            }
        }
        Ok(())
    }
}

/// Whether `field` is a `Module.symvers` CRC (`0x0a1b2c3d`): its format's mark.
pub fn looks_like_crc(field: &str) -> bool {
    field
        .strip_prefix("0x")
        .is_some_and(|hex| !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::Symvers;

    #[test]
    fn every_kernels_layout() {
        let mut symvers = Symvers::default();
        symvers
            .read(
                "0x1a2b3c4d\tprintk\tvmlinux\tEXPORT_SYMBOL\t\n\
                 0x00000000\tnew_style\tvmlinux\tEXPORT_SYMBOL_GPL\tNS\n\
                 0x00000000\tfive_four\tNS\tfs/ext4/ext4\tEXPORT_SYMBOL_GPL\n\
                 0x00000000\told_style\tdrivers/x\tEXPORT_SYMBOL\n",
            )
            .expect("Module.symvers");
        for name in ["printk", "new_style", "five_four", "old_style"] {
            assert!(symvers.is_exported(name), "{name}");
        }
        assert!(!symvers.is_exported("helper"));
        assert_eq!(symvers.exports["five_four"].as_ref(), "fs/ext4/ext4");
    }

    #[test]
    fn other_lines_are_refused() {
        let mut symvers = Symvers::default();
        let error = symvers
            .read("0x0\tok\tvmlinux\tEXPORT_SYMBOL\nnope\n")
            .unwrap_err();
        assert_eq!(error.line, 2);
    }
}
