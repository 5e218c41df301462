//! Types written as C type names, for messages and tests: `unsigned long`, `struct s *`,
//! `int (*)[4]`, `void (*)(int, ...)`.

use super::arena::Types;
use super::ty::{ArrayLen, TypeId, TypeKind};

impl Types {
    pub fn display(&self, ty: TypeId) -> String {
        self.declaration(ty, String::new())
    }

    /// A declaration of `name` with type `ty`, without its `;`: `int (*name)[4]`.
    pub fn display_declaration(&self, ty: TypeId, name: &str) -> String {
        self.declaration(ty, name.to_owned())
    }

    /// `ty` declaring `inner` (a declarator written so far, empty for a type name).
    fn declaration(&self, ty: TypeId, inner: String) -> String {
        let data = self.data(ty);
        let quals: Vec<&str> = data.quals.spellings().collect();
        match &data.kind {
            TypeKind::Pointer(to) => {
                let mut declarator = String::from("*");
                for q in &quals {
                    declarator.push_str(q);
                    declarator.push(' ');
                }
                declarator.push_str(&inner);
                let declarator = declarator.trim_end().to_owned();
                let wrapped = match self.kind(*to) {
                    TypeKind::Array { .. } | TypeKind::Function(_) => format!("({declarator})"),
                    _ => declarator,
                };
                self.declaration(*to, wrapped)
            }
            TypeKind::Array { elem, len } => {
                let len = match len {
                    ArrayLen::Known(n) => n.to_string(),
                    ArrayLen::Incomplete => String::new(),
                    ArrayLen::Variable => "*".to_owned(),
                };
                self.declaration(*elem, format!("{inner}[{len}]"))
            }
            TypeKind::Function(f) => {
                let mut params: Vec<String> = f.params.iter().map(|&p| self.display(p)).collect();
                if f.variadic {
                    params.push("...".to_owned());
                } else if f.prototype && params.is_empty() {
                    params.push("void".to_owned());
                }
                self.declaration(f.ret, format!("{inner}({})", params.join(", ")))
            }
            _ => {
                let mut text = quals.join(" ");
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&self.base_name(ty));
                if let Some(align) = data.align {
                    text.push_str(&format!(" __attribute__((aligned({align})))"));
                }
                // `int[4]`, `int(void)`, but `int *`, `void (*)(int)`, `int x`.
                if !inner.is_empty() {
                    let tight = inner.starts_with('[')
                        || inner.starts_with('(') && !inner.starts_with("(*");
                    if !tight {
                        text.push(' ');
                    }
                    text.push_str(&inner);
                }
                text
            }
        }
    }

    fn base_name(&self, ty: TypeId) -> String {
        match self.kind(ty) {
            TypeKind::Void => "void".to_owned(),
            TypeKind::Int(kind) => kind.name().to_owned(),
            TypeKind::Float(kind) => kind.name().to_owned(),
            TypeKind::Complex(elem) => format!("_Complex {}", self.display(*elem)),
            TypeKind::Record(id) => {
                let record = self.record(*id);
                let keyword = if record.is_some_and(|r| r.is_union) {
                    "union"
                } else {
                    "struct"
                };
                match record.and_then(|r| r.tag) {
                    Some(tag) => format!("{keyword} {}", self.name_text(tag)),
                    None => format!("{keyword} <anonymous>"),
                }
            }
            TypeKind::Enum(id) => match self.enum_def(*id).and_then(|e| e.tag) {
                Some(tag) => format!("enum {}", self.name_text(tag)),
                None => "enum <anonymous>".to_owned(),
            },
            TypeKind::Vector { elem, bytes } => {
                format!(
                    "{} __attribute__((vector_size({bytes})))",
                    self.display(*elem)
                )
            }
            TypeKind::Pointer(_) | TypeKind::Array { .. } | TypeKind::Function(_) => {
                self.display(ty)
            }
        }
    }
}
