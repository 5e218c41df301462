//! `#pragma pack`, as gcc's `handle_pragma_pack` reads it: `pack(n)`, `pack()`,
//! `pack(push[, id][, n])`, `pack(pop[, id])`. The value in effect when a struct's closing
//! brace is read caps its members' alignment.

/// The packing in effect and the stack of saved ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PackState {
    current: Option<u32>,
    stack: Vec<(Option<String>, Option<u32>)>,
}

impl PackState {
    /// The maximum member alignment in bytes, `None` for natural alignment.
    pub fn current(&self) -> Option<u32> {
        self.current
    }

    /// Applies a `#pragma` line (as the PRAGMA token spells it); other pragmas and malformed
    /// ones (which gcc ignores with a warning) change nothing.
    pub fn apply(&mut self, line: &str) {
        let Some(args) = pack_args(line) else {
            return;
        };
        let mut args = args.iter().map(String::as_str);
        match args.next() {
            None => self.current = None,
            Some("push") => {
                let rest: Vec<&str> = args.collect();
                self.push(&rest);
            }
            Some("pop") => self.pop(args.next()),
            Some(n) => {
                if let Some(n) = alignment(n) {
                    self.current = n;
                }
            }
        }
    }

    fn push(&mut self, rest: &[&str]) {
        let (id, value) = match rest {
            [] => (None, None),
            [one] => match alignment(one) {
                Some(n) => (None, Some(n)),
                None => (Some((*one).to_owned()), None),
            },
            [id, n, ..] => (Some((*id).to_owned()), alignment(n)),
        };
        self.stack.push((id, self.current));
        if let Some(n) = value {
            self.current = n;
        }
    }

    fn pop(&mut self, id: Option<&str>) {
        let index = match id {
            // `pop, n` is not gcc's syntax; a number is no identifier and pops one level.
            Some(id) if alignment(id).is_none() => {
                match self
                    .stack
                    .iter()
                    .rposition(|(saved, _)| saved.as_deref() == Some(id))
                {
                    Some(index) => index,
                    None => return,
                }
            }
            _ => match self.stack.len().checked_sub(1) {
                Some(index) => index,
                None => return,
            },
        };
        if let Some(&(_, value)) = self.stack.get(index) {
            self.current = value;
        }
        self.stack.truncate(index);
    }
}

/// The arguments of `pack (...)`, or `None` for another pragma.
fn pack_args(line: &str) -> Option<Vec<String>> {
    let rest = line.trim_start().strip_prefix("#")?.trim_start();
    let rest = rest.strip_prefix("pragma")?.trim_start();
    let rest = rest.strip_prefix("pack")?.trim_start();
    let inner = rest.strip_prefix('(')?;
    let inner = &inner[..inner.find(')')?];
    Some(
        inner
            .split(',')
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty())
            .collect(),
    )
}

/// A packing value: a power of two (`Some`), or 0 for the default (`Some(None)`).
fn alignment(text: &str) -> Option<Option<u32>> {
    let n: u32 = text.parse().ok()?;
    match n {
        0 => Some(None),
        n if n.is_power_of_two() => Some(Some(n)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::PackState;

    #[test]
    fn push_and_pop() {
        let mut pack = PackState::default();
        pack.apply("#pragma pack(push, 1)");
        assert_eq!(pack.current(), Some(1));
        pack.apply("#pragma pack(push, inner, 4)");
        assert_eq!(pack.current(), Some(4));
        pack.apply("#pragma pack(2)");
        pack.apply("#pragma pack(pop, inner)");
        assert_eq!(pack.current(), Some(1));
        pack.apply("#pragma pack(pop)");
        assert_eq!(pack.current(), None);
        pack.apply("#pragma pack(8)");
        pack.apply("#pragma pack()");
        assert_eq!(pack.current(), None);
        pack.apply("#pragma GCC diagnostic push");
        assert_eq!(pack.current(), None);
    }
}
