//! Dynamic macros (`__FILE__`, `__LINE__`, `__COUNTER__`, ...), the `_Pragma` operator and
//! the feature tests (`__has_include`, `__has_attribute`, `__has_builtin`, ...), with the
//! answers of the target gcc version.

use super::macros::{Builtin, MacroDef, MacroId, MacroKind};
use super::provenance::{Expansion, Origin};
use super::token::{PpToken, flags};
use super::{InclusionKind, Preprocessor};
use crate::lexer::TokenKind;

/// The dynamic macros and the first gcc major version that has each.
const BUILTINS: &[(&str, Builtin, u32)] = &[
    ("__FILE__", Builtin::File, 0),
    ("__LINE__", Builtin::Line, 0),
    ("__COUNTER__", Builtin::Counter, 0),
    ("__INCLUDE_LEVEL__", Builtin::IncludeLevel, 0),
    ("__BASE_FILE__", Builtin::BaseFile, 0),
    ("__FILE_NAME__", Builtin::FileName, 12),
    ("__DATE__", Builtin::Date, 0),
    ("__TIME__", Builtin::Time, 0),
    ("__TIMESTAMP__", Builtin::Timestamp, 0),
    ("_Pragma", Builtin::Pragma, 0),
    ("__has_include", Builtin::HasInclude, 5),
    ("__has_include_next", Builtin::HasIncludeNext, 5),
    ("__has_attribute", Builtin::HasAttribute, 5),
    ("__has_cpp_attribute", Builtin::HasCppAttribute, 5),
    ("__has_c_attribute", Builtin::HasCAttribute, 11),
    ("__has_builtin", Builtin::HasBuiltin, 10),
];

/// GNU attributes and the gcc major version that introduced them (x86_64 and generic ones;
/// `__has_attribute` answers 1 for these, with or without underscores).
const ATTRIBUTES: &[(&str, u32)] = &[
    ("access", 10),
    ("alias", 0),
    ("aligned", 0),
    ("alloc_align", 0),
    ("alloc_size", 0),
    ("always_inline", 0),
    ("artificial", 0),
    ("assume_aligned", 0),
    ("callee_pop_aggregate_return", 0),
    ("cdecl", 0),
    ("cf_check", 8),
    ("cleanup", 0),
    ("cold", 0),
    ("common", 0),
    ("const", 0),
    ("constructor", 0),
    ("copy", 9),
    ("deprecated", 0),
    ("designated_init", 5),
    ("destructor", 0),
    ("error", 0),
    ("externally_visible", 0),
    ("fallthrough", 7),
    ("fastcall", 0),
    ("fentry_name", 9),
    ("fentry_section", 9),
    ("flatten", 0),
    ("force_align_arg_pointer", 0),
    ("format", 0),
    ("format_arg", 0),
    ("function_return", 8),
    ("gcc_struct", 0),
    ("gnu_inline", 0),
    ("hot", 0),
    ("ifunc", 0),
    ("indirect_branch", 8),
    ("indirect_return", 9),
    ("interrupt", 7),
    ("leaf", 0),
    ("malloc", 0),
    ("may_alias", 0),
    ("mode", 0),
    ("ms_abi", 0),
    ("ms_hook_prologue", 0),
    ("ms_struct", 0),
    ("naked", 8),
    ("no_address_safety_analysis", 0),
    ("no_caller_saved_registers", 7),
    ("no_icf", 5),
    ("no_instrument_function", 0),
    ("no_profile_instrument_function", 7),
    ("no_reorder", 5),
    ("no_sanitize", 8),
    ("no_sanitize_address", 0),
    ("no_sanitize_coverage", 12),
    ("no_sanitize_thread", 5),
    ("no_sanitize_undefined", 0),
    ("no_split_stack", 0),
    ("no_stack_limit", 0),
    ("no_stack_protector", 11),
    ("nocf_check", 8),
    ("noclone", 0),
    ("nocommon", 0),
    ("nodirect_extern_access", 12),
    ("noinit", 10),
    ("noinline", 0),
    ("noipa", 8),
    ("nonnull", 0),
    ("nonstring", 8),
    ("noplt", 6),
    ("noreturn", 0),
    ("nothrow", 0),
    ("optimize", 0),
    ("packed", 0),
    ("patchable_function_entry", 8),
    ("persistent", 10),
    ("pure", 0),
    ("regparm", 0),
    ("retain", 11),
    ("returns_nonnull", 0),
    ("returns_twice", 0),
    ("scalar_storage_order", 6),
    ("section", 0),
    ("sentinel", 0),
    ("simd", 6),
    ("sseregparm", 0),
    ("stack_protect", 11),
    ("stdcall", 0),
    ("symver", 10),
    ("sysv_abi", 0),
    ("tainted_args", 12),
    ("target", 0),
    ("target_clones", 6),
    ("thiscall", 0),
    ("tls_model", 0),
    ("transparent_union", 0),
    ("unavailable", 12),
    ("unused", 0),
    ("used", 0),
    ("vector_size", 0),
    ("visibility", 0),
    ("warn_if_not_aligned", 8),
    ("warn_unused_result", 0),
    ("warning", 0),
    ("weak", 0),
    ("weakref", 0),
    ("zero_call_used_regs", 11),
    ("strict_flex_array", 13),
    ("counted_by", 15),
    ("hardbool", 14),
    ("expected_throw", 14),
    ("null_terminated_string_arg", 14),
    // Objective-C's, transactional memory's and the GIMPLE front end's attributes, which gcc
    // knows in C too.
    ("NSObject", 0),
    ("objc_nullability", 0),
    ("objc_root_class", 0),
    ("transaction_callable", 0),
    ("transaction_may_cancel_outer", 0),
    ("transaction_pure", 0),
    ("transaction_safe_dynamic", 0),
    ("transaction_unsafe", 0),
    ("transaction_wrap", 0),
    ("warn_unused", 0),
    ("signed_bool_precision", 12),
    ("uninitialized", 12),
    ("vector_mask", 12),
    ("fd_arg", 13),
    ("fd_arg_read", 13),
    ("fd_arg_write", 13),
    ("no_callee_saved_registers", 14),
    ("strub", 14),
    ("target_version", 14),
    ("flag_enum", 15),
    ("musttail", 15),
    ("nonnull_if_nonzero", 15),
    ("reproducible", 15),
    ("unsequenced", 15),
];

/// Standard C attributes with the value `__has_c_attribute` (and, for a name without scope,
/// `__has_attribute`) gives them: (first gcc major version, value) in order, as gcc releases
/// followed the C2x drafts up to C23's 202311.
const C_ATTRIBUTES: &[(&str, &[(u32, u32)])] = &[
    ("deprecated", &[(11, 201904), (14, 202311)]),
    ("fallthrough", &[(11, 201904), (13, 201910), (14, 202311)]),
    ("maybe_unused", &[(11, 201904), (13, 202106), (14, 202311)]),
    ("nodiscard", &[(11, 202003), (14, 202311)]),
    ("noreturn", &[(13, 202202), (14, 202311)]),
    ("_Noreturn", &[(13, 202202), (14, 202311)]),
    ("reproducible", &[(15, 202311)]),
    ("unsequenced", &[(15, 202311)]),
];

/// The value of standard attribute `name` in gcc `major`, if it is one there.
fn c_attribute(name: &str, major: u32) -> Option<u64> {
    let (_, values) = C_ATTRIBUTES.iter().find(|(n, _)| *n == name)?;
    values
        .iter()
        .rev()
        .find(|(since, _)| *since <= major)
        .map(|&(_, value)| u64::from(value))
}

impl Preprocessor<'_> {
    pub(super) fn define_builtins(&mut self) {
        for &(name, builtin, since) in BUILTINS {
            if self.config.gcc_major < since {
                continue;
            }
            let name = self.intern(name);
            self.macros.add(MacroDef {
                name,
                kind: MacroKind::Builtin(builtin),
                body: std::sync::Arc::new([]),
                name_origin: None,
                directive: None,
            });
        }
    }

    /// Expands a dynamic macro; false when it was not invoked.
    pub(super) fn expand_builtin(&mut self, builtin: Builtin, id: MacroId, name: PpToken) -> bool {
        let expansion = self.prov.add_expansion(Expansion {
            macro_id: id,
            name: name.origin,
            close: None,
        });
        let origin = self.prov.add_origin(Origin::Builtin { expansion });
        let token = match builtin {
            Builtin::Pragma => return self.pragma_operator(name, id),
            Builtin::HasInclude | Builtin::HasIncludeNext => {
                let next = builtin == Builtin::HasIncludeNext;
                let Some(found) = self.has_include(name, next) else {
                    return true;
                };
                self.number(found as u64, origin)
            }
            Builtin::HasAttribute
            | Builtin::HasCppAttribute
            | Builtin::HasCAttribute
            | Builtin::HasBuiltin => {
                let Some(value) = self.feature_test(builtin, name) else {
                    return true;
                };
                self.number(value, origin)
            }
            Builtin::File => {
                let name = self.presumed_file_name();
                self.string(&name, origin)
            }
            Builtin::BaseFile => {
                let name = self.mapped_name(&self.config.main_file.display().to_string());
                self.string(&name, origin)
            }
            Builtin::FileName => {
                let name = self.presumed_file_name();
                let base = name.rsplit('/').next().unwrap_or(&name).to_owned();
                self.string(&base, origin)
            }
            Builtin::Line => {
                let line = self.presumed_line(name);
                self.number(line, origin)
            }
            Builtin::Counter => {
                let n = self.counter;
                self.counter += 1;
                self.number(n as u64, origin)
            }
            Builtin::IncludeLevel => {
                let level = self.stack.len().saturating_sub(1);
                self.number(level as u64, origin)
            }
            Builtin::Date => {
                let date = self.config.date.clone();
                self.string(&date, origin)
            }
            Builtin::Time => {
                let time = self.config.time.clone();
                self.string(&time, origin)
            }
            Builtin::Timestamp => {
                let stamp = format!("{} {}", self.config.date, self.config.time);
                self.string(&stamp, origin)
            }
        };
        self.push_builtin_result(token, id, name);
        true
    }

    fn number(&mut self, n: u64, origin: super::provenance::OriginId) -> PpToken {
        self.synth(TokenKind::Number, &n.to_string(), origin)
    }

    fn string(&mut self, s: &str, origin: super::provenance::OriginId) -> PpToken {
        let mut quoted = String::with_capacity(s.len() + 2);
        quoted.push('"');
        for c in s.chars() {
            if c == '"' || c == '\\' {
                quoted.push('\\');
            }
            quoted.push(c);
        }
        quoted.push('"');
        self.synth(TokenKind::StrLit, &quoted, origin)
    }

    /// `-fmacro-prefix-map` applied to a file name (the first matching prefix wins... gcc
    /// takes the last one given that matches).
    fn mapped_name(&self, name: &str) -> String {
        for (old, new) in self.config.macro_prefix_map.iter().rev() {
            if let Some(rest) = name.strip_prefix(old.as_str()) {
                return format!("{new}{rest}");
            }
        }
        name.to_owned()
    }

    fn presumed_file_name(&self) -> String {
        let Some(frame) = self.stack.last() else {
            return String::new();
        };
        if let Some(name) = &frame.presumed_name {
            return name.clone();
        }
        self.mapped_name(&self.prov.file(frame.file).path.display().to_string())
    }

    /// `__LINE__`: the line of the token's expansion point, adjusted by `#line`.
    fn presumed_line(&self, name: PpToken) -> u64 {
        let (file, start, _) = self.prov.outermost_expansion_point(name.origin);
        let physical = self.files[file.0 as usize].line_of(start) as i64 + 1;
        let delta = self.stack.last().map_or(0, |f| f.line_delta);
        (physical + delta).max(0) as u64
    }

    /// Reads `( tokens )` after a function-like builtin, unexpanded.
    fn builtin_operand(&mut self, name: PpToken) -> Option<Vec<PpToken>> {
        self.prevent_expansion += 1;
        let operand = self.builtin_operand_expanded(name);
        self.prevent_expansion -= 1;
        operand
    }

    /// Reads `( tokens )` after a function-like builtin, macro-expanded (`_Pragma`'s operand
    /// may be made by a macro, as in the kernel's `__diag` helpers).
    fn builtin_operand_expanded(&mut self, name: PpToken) -> Option<Vec<PpToken>> {
        // Like macro arguments, an operand ends with its file.
        let mode = std::mem::replace(&mut self.base_mode, super::BaseMode::Arguments);
        let operand = self.read_operand(name);
        self.base_mode = mode;
        operand
    }

    fn read_operand(&mut self, name: PpToken) -> Option<Vec<PpToken>> {
        let spelling = self.text(&name).to_owned();
        let open = self.get_token();
        let mut out = Vec::new();
        let mut ok = open.is_some_and(|t| self.is_punct(&t, "("));
        if ok {
            let mut depth = 0;
            loop {
                let Some(tok) = self.get_token() else {
                    ok = false;
                    break;
                };
                match self.punct(&tok) {
                    "(" => depth += 1,
                    ")" if depth == 0 => break,
                    ")" => depth -= 1,
                    _ => {}
                }
                out.push(tok);
            }
        }
        if !ok {
            self.error(
                Some(name.origin),
                format!("missing '(' after \"{spelling}\" operand"),
            );
            return None;
        }
        Some(out)
    }

    fn has_include(&mut self, name: PpToken, next: bool) -> Option<bool> {
        let operand = self.builtin_operand(name)?;
        let tokens = match operand.first() {
            Some(t) if t.kind == TokenKind::StrLit || self.is_punct(t, "<") => operand,
            _ => self.expand_arg(operand).0.tokens,
        };
        let Some((header, quoted, _)) = self.parse_header_tokens(&tokens) else {
            self.error(
                Some(name.origin),
                "operator \"__has_include\" requires a header-name".into(),
            );
            return None;
        };
        let kind = if next {
            InclusionKind::IncludeNext
        } else {
            InclusionKind::Include
        };
        let (start, dir) = self.search_start_for(kind, quoted);
        // A file that is there but cannot be read exists (gcc's `__has_include` says so).
        let found = self.find_include(&header, quoted, start, dir);
        Some(!matches!(found, Err(super::LoadError::Missing)))
    }

    fn feature_test(&mut self, builtin: Builtin, name: PpToken) -> Option<u64> {
        let operand = self.builtin_operand(name)?;
        let texts: Vec<String> = operand.iter().map(|t| self.text(t).to_owned()).collect();
        let gcc = self.config.gcc_major;
        let known =
            |table: &[(&str, u32)], n: &str| table.iter().any(|&(a, since)| a == n && since <= gcc);
        let gnu = |n: &str| known(ATTRIBUTES, strip_underscores(n)) as u64;
        let value = match (builtin, texts.as_slice()) {
            (Builtin::HasBuiltin, [n]) => crate::gcc::has_builtin_function(gcc, n) as u64,
            (Builtin::HasCAttribute, [n]) => c_attribute(strip_underscores(n), gcc).unwrap_or(0),
            // A standard attribute's name alone is the standard one, with its value.
            (Builtin::HasAttribute | Builtin::HasCppAttribute, [n]) => {
                c_attribute(strip_underscores(n), gcc).unwrap_or_else(|| gnu(n))
            }
            (Builtin::HasBuiltin, [_, _, _, _]) => 0,
            (_, [scope, _, _, n]) if scope == "gnu" || scope == "__gnu__" => gnu(n),
            (_, [_, _, _, _]) => 0,
            _ => {
                let spelling = self.text(&name).to_owned();
                self.error(
                    Some(name.origin),
                    format!("macro \"{spelling}\" requires an identifier"),
                );
                return None;
            }
        };
        Some(value)
    }

    /// The `_Pragma ( string-literal )` operator (C11 6.10.9): destringized and handled as a
    /// `#pragma` line.
    fn pragma_operator(&mut self, name: PpToken, id: MacroId) -> bool {
        let Some(operand) = self.builtin_operand_expanded(name) else {
            return true;
        };
        let [string] = operand.as_slice() else {
            self.error(
                Some(name.origin),
                "_Pragma takes a parenthesized string literal".into(),
            );
            return true;
        };
        if string.kind != TokenKind::StrLit {
            self.error(
                Some(name.origin),
                "_Pragma takes a parenthesized string literal".into(),
            );
            return true;
        }
        let text = destringize(self.text(string));
        let lexed = crate::lexer::lex(&text);
        let mut line = Vec::new();
        let mut white = 0;
        for tok in lexed.tokens.iter() {
            if tok.kind.is_trivia() || tok.kind == TokenKind::Newline {
                white = flags::PREV_WHITE;
                continue;
            }
            let origin = string.origin;
            let mut t = self.synth(tok.kind, lexed.spelling(&tok), origin);
            t.flags = white;
            white = 0;
            line.push(t);
        }
        let hash = self.synth(TokenKind::Punct, "#", name.origin);
        let pragma = self.synth(TokenKind::Ident, "pragma", name.origin);
        let saved = std::mem::take(&mut self.pending);
        self.do_pragma(hash, pragma, line);
        let produced: Vec<PpToken> = std::mem::replace(&mut self.pending, saved).into();
        self.push_context(produced, None);
        let _ = id;
        true
    }

    pub(super) fn search_start_for(
        &mut self,
        kind: InclusionKind,
        quoted: bool,
    ) -> (usize, Option<std::path::PathBuf>) {
        let bracket = self.config.bracket_start;
        if kind == InclusionKind::IncludeNext
            && self.stack.len() > 1
            && let Some(found) = self.stack.last().and_then(|f| f.found_in)
        {
            return (found + 1, None);
        }
        if quoted {
            (0, self.current_dir())
        } else {
            (bracket, None)
        }
    }
}

fn strip_underscores(name: &str) -> &str {
    name.strip_prefix("__")
        .and_then(|n| n.strip_suffix("__"))
        .unwrap_or(name)
}

/// C11 6.10.9: drop the `L` prefix and quotes, unescape `\"` and `\\`.
fn destringize(literal: &str) -> String {
    let body = literal.trim_start_matches(['L', 'u', 'U', '8']);
    let body = body
        .strip_prefix('"')
        .and_then(|b| b.strip_suffix('"'))
        .unwrap_or(body);
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && matches!(chars.peek(), Some('"') | Some('\\')) {
            if let Some(next) = chars.next() {
                out.push(next);
            }
            continue;
        }
        out.push(c);
    }
    out
}
