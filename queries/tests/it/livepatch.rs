//! The toy policy of the conformance suite (POLICY-PROTOCOL.md, "The toy policy"), which the
//! live-patch cases under `test_data/livepatch/` run under (see `livepatch_fixtures`).

use expect_test::expect;
use queries::livepatch::{Policy, Question, SymbolKind};

use crate::support::toy_policy::ToyPolicy;

#[test]
fn the_toy_policy_answers_by_names() {
    let function = |name: &str| Question::ModifyExternalizedSym {
        kind: SymbolKind::Function,
        name: name.into(),
        retry: 0,
    };
    let questions = [
        Question::IsPatched {
            name: "pu_f".into(),
        },
        Question::IsPatched { name: "f".into() },
        Question::MayIncludeHeader {
            header: "/src/internal/x.h".into(),
            pre_include: false,
        },
        Question::CanExternalizeFun {
            name: "ps_espr_f".into(),
            definition: None,
        },
        Question::CanExternalizeFun {
            name: "e_f".into(),
            definition: None,
        },
        Question::ShallExternalizeFun {
            name: "ee_f".into(),
            from_header: true,
        },
        Question::ShallExternalizeObj {
            name: "eur_o".into(),
        },
        Question::ShallExternalizeObj {
            name: "pu_eu_o".into(),
        },
        Question::ModifyPatchedFunSym {
            name: "pe_f".into(),
            retry: 2,
        },
        function("pu_espr_f"),
        function("eep_f"),
        Question::ModifyExternalizedSym {
            kind: SymbolKind::Object,
            name: "eur_o".into(),
            retry: 1,
        },
        Question::RenamedRewrittenFun {
            name: "g".into(),
            retry: 0,
        },
        function("g"),
    ];
    let answers: String = questions
        .iter()
        .map(|q| match ToyPolicy.ask(q) {
            Ok(reply) => format!("{} -> {:?}\n", q.args().join(" "), reply.answer),
            Err(failure) => format!("{failure}\n"),
        })
        .collect();
    expect![[r#"
        pu_f -> YesNo(true)
        f -> YesNo(false)
        /src/internal/x.h -> YesNo(false)
        ps_espr_f -> YesNo(true)
        e_f -> YesNo(false)
        ee_f from-header -> YesNo(false)
        eur_o -> YesNo(true)
        pu_eu_o -> YesNo(false)
        pe_f 2 -> SymbolChange(SymbolChange { new_name: "klpp_pe_f2", linkage: MakeExternal, make_pointer: false })
        function pu_espr_f 0 -> SymbolChange(SymbolChange { new_name: "klpe_pu_espr_f", linkage: MakeInternal, make_pointer: true })
        function eep_f 0 -> SymbolChange(SymbolChange { new_name: "eep_f", linkage: MakeExternal, make_pointer: true })
        object eur_o 1 -> SymbolChange(SymbolChange { new_name: "klpe_eur_o1", linkage: Keep, make_pointer: false })
        g 0 -> NewName("klpr_g")
        policy command `toy-policy/modify-externalized-sym function g 0` (--pol-cmd-modify-externalized-sym) failed: exited with status 1
    "#]]
    .assert_eq(&answers);
}
