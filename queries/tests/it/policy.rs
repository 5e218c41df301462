//! The policy as queries see it: each distinct question is asked once, a new policy re-asks
//! the questions asked before (and nothing else), answers parse strictly, and the default
//! policy answers when none is set.

use std::sync::{Arc, Mutex, PoisonError};

use expect_test::{Expect, expect};
use queries::livepatch::{
    Answer, DefaultPolicy, DefinitionLinkage, FunDefinition, LinkageChange, Policy, PolicyFailure,
    Question, QuestionId, Reply, SymbolChange, SymbolKind, ask_policy, policy_answer,
};
use queries::{Db, MemoryFs};
use salsa::plumbing::AsId;

/// Answers YES to `is-patched` for the names in `patched`, and records every question asked.
struct RecordingPolicy {
    patched: Vec<&'static str>,
    asked: Arc<Mutex<Vec<Question>>>,
}

impl RecordingPolicy {
    fn new(patched: &[&'static str]) -> (Self, Arc<Mutex<Vec<Question>>>) {
        let asked = Arc::default();
        let policy = Self {
            patched: patched.to_vec(),
            asked: Arc::clone(&asked),
        };
        (policy, asked)
    }
}

impl Policy for RecordingPolicy {
    fn ask(&self, question: &Question) -> Result<Reply, PolicyFailure> {
        self.asked
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(question.clone());
        match question {
            Question::IsPatched { name } => Ok(Reply::plain(Answer::YesNo(
                self.patched.contains(&name.as_str()),
            ))),
            _ => Err(PolicyFailure {
                option: question.option(),
                program: "recording-policy".into(),
                args: question.args(),
                reason: "asked what it cannot answer".into(),
            }),
        }
    }
}

fn taken(asked: &Mutex<Vec<Question>>) -> Vec<Question> {
    std::mem::take(&mut *asked.lock().unwrap_or_else(PoisonError::into_inner))
}

fn is_patched(name: &str) -> Question {
    Question::IsPatched { name: name.into() }
}

/// The functions the incremental test asks about.
const NAMES: [&str; 3] = ["fix_me", "helper", "other"];

/// Whether each of `NAMES` is patched.
fn patched_names(db: &Db) -> [bool; 3] {
    NAMES.map(|name| {
        let question = QuestionId::new(db, is_patched(name));
        let reply = policy_answer(db, question).as_ref().expect("an answer");
        reply.answer == Answer::YesNo(true)
    })
}

/// Checks the queries executed since the last check, one a line, the questions' ids replaced
/// by the names asked about.
#[track_caller]
fn assert_executed(db: &Db, expected: Expect) {
    let lines: String = db
        .take_executed()
        .iter()
        .map(|line| {
            let mut line = line.clone();
            for name in NAMES {
                // Interning again finds the question's id.
                let id = QuestionId::new(db, is_patched(name)).as_id();
                line = line.replace(&format!("({id:?})"), &format!("({name})"));
            }
            format!("{line}\n")
        })
        .collect();
    expected.assert_eq(&lines);
}

#[test]
fn the_same_question_is_asked_once() {
    let mut db = Db::default();
    let (policy, asked) = RecordingPolicy::new(&["fix_me"]);
    db.set_policy(Arc::new(policy));

    let first = ask_policy(&db, is_patched("fix_me")).clone();
    let second = ask_policy(&db, is_patched("fix_me")).clone();
    assert_eq!(first, second);
    assert_eq!(first.map(|reply| reply.answer), Ok(Answer::YesNo(true)));
    assert_eq!(taken(&asked), [is_patched("fix_me")]);
}

#[test]
fn a_failure_is_memoized_too() {
    let mut db = Db::default();
    let (policy, asked) = RecordingPolicy::new(&[]);
    db.set_policy(Arc::new(policy));
    let question = Question::ShallExternalizeObj {
        name: "jiffies".into(),
    };

    let failure = ask_policy(&db, question.clone()).clone().unwrap_err();
    assert_eq!(ask_policy(&db, question.clone()), &Err(failure.clone()));
    assert_eq!(taken(&asked), [question]);
    expect![[r#"policy command `recording-policy jiffies` (--pol-cmd-shall-externalize-obj) failed: asked what it cannot answer"#]]
        .assert_eq(&failure.to_string());
}

#[test]
fn a_new_policy_reasks_the_questions_asked_and_reruns_nothing_else() {
    let mut db = Db::with_event_log(MemoryFs::default());
    let (policy, asked) = RecordingPolicy::new(&["fix_me"]);
    db.set_policy(Arc::new(policy));
    assert_eq!(patched_names(&db), [true, false, false]);
    assert_executed(
        &db,
        expect![[r#"
            policy_answer(fix_me)
            policy_answer(helper)
            policy_answer(other)
        "#]],
    );
    assert_eq!(taken(&asked).len(), 3);

    // Only the answer about `helper` changes.
    let (policy, asked) = RecordingPolicy::new(&["fix_me", "helper"]);
    db.set_policy(Arc::new(policy));
    assert_eq!(patched_names(&db), [true, true, false]);
    assert_executed(
        &db,
        expect![[r#"
            policy_answer(fix_me)
            policy_answer(helper)
            policy_answer(other)
        "#]],
    );
    assert_eq!(taken(&asked).len(), 3);

    // Asked again under the same policy: memoized.
    assert_eq!(patched_names(&db), [true, true, false]);
    assert_executed(&db, expect![[""]]);
    assert!(taken(&asked).is_empty());
}

#[test]
fn the_default_policy_answers_when_none_is_set() {
    let db = Db::default();
    let answer = |question: Question| {
        let reply = ask_policy(&db, question)
            .clone()
            .expect("the default always answers");
        assert!(reply.warnings.is_empty() && reply.errors.is_empty());
        format!("{:?}\n", reply.answer)
    };
    let definition = |linkage| FunDefinition {
        linkage,
        file: "kernel/fork.c".into(),
        line: 12,
    };
    let answers: String = [
        is_patched("fix_me"),
        Question::MayIncludeHeader {
            header: "include/linux/sched.h".into(),
            pre_include: false,
        },
        Question::CanExternalizeFun {
            name: "helper".into(),
            definition: Some(definition(DefinitionLinkage::Internal)),
        },
        Question::CanExternalizeFun {
            name: "exported".into(),
            definition: Some(definition(DefinitionLinkage::External)),
        },
        Question::CanExternalizeFun {
            name: "declared".into(),
            definition: None,
        },
        Question::ShallExternalizeFun {
            name: "exported".into(),
            from_header: false,
        },
        Question::ShallExternalizeFun {
            name: "inline_helper".into(),
            from_header: true,
        },
        Question::ShallExternalizeObj {
            name: "jiffies".into(),
        },
        Question::ModifyPatchedFunSym {
            name: "fix_me".into(),
            retry: 0,
        },
        Question::ModifyPatchedFunSym {
            name: "fix_me".into(),
            retry: 2,
        },
        Question::ModifyExternalizedSym {
            kind: SymbolKind::Object,
            name: "jiffies".into(),
            retry: 0,
        },
        Question::RenamedRewrittenFun {
            name: "helper".into(),
            retry: 0,
        },
    ]
    .into_iter()
    .map(answer)
    .collect();
    expect![[r#"
        YesNo(false)
        YesNo(true)
        YesNo(false)
        YesNo(true)
        YesNo(true)
        YesNo(true)
        YesNo(false)
        YesNo(true)
        SymbolChange(SymbolChange { new_name: "klpp_fix_me", linkage: Keep, make_pointer: false })
        SymbolChange(SymbolChange { new_name: "klpp_fix_me2", linkage: Keep, make_pointer: false })
        SymbolChange(SymbolChange { new_name: "jiffies", linkage: MakeExternal, make_pointer: false })
        NewName("klpr_helper")
    "#]]
    .assert_eq(&answers);
}

#[test]
fn the_default_policy_patches_the_listed_functions() {
    let mut db = Db::default();
    db.set_policy(Arc::new(DefaultPolicy::new(["fix_me".to_owned()])));
    let answer = |name| ask_policy(&db, is_patched(name)).clone().map(|r| r.answer);
    assert_eq!(answer("fix_me"), Ok(Answer::YesNo(true)));
    assert_eq!(answer("helper"), Ok(Answer::YesNo(false)));
}

#[test]
fn questions_spell_their_arguments_as_the_protocol_does() {
    let questions = [
        Question::MayIncludeHeader {
            header: "include/linux/kconfig.h".into(),
            pre_include: true,
        },
        Question::CanExternalizeFun {
            name: "helper".into(),
            definition: Some(FunDefinition {
                linkage: DefinitionLinkage::Internal,
                file: "kernel/fork.c".into(),
                line: 7,
            }),
        },
        Question::ShallExternalizeFun {
            name: "helper".into(),
            from_header: true,
        },
        Question::ModifyExternalizedSym {
            kind: SymbolKind::Function,
            name: "helper".into(),
            retry: 1,
        },
        Question::RenamedRewrittenFun {
            name: "helper".into(),
            retry: 3,
        },
    ];
    let lines: String = questions
        .iter()
        .map(|q| format!("{} {}\n", q.option(), q.args().join(" ")))
        .collect();
    expect![[r#"
        --pol-cmd-may-include-header include/linux/kconfig.h pre-include
        --pol-cmd-can-externalize-fun helper internal kernel/fork.c:7
        --pol-cmd-shall-externalize-fun helper from-header
        --pol-cmd-modify-externalized-sym function helper 1
        --pol-cmd-renamed-rewritten-fun helper 3
    "#]]
    .assert_eq(&lines);
}

#[test]
fn answers_parse_per_question_kind() {
    let patched_sym = Question::ModifyPatchedFunSym {
        name: "f".into(),
        retry: 0,
    };
    let externalized = Question::ModifyExternalizedSym {
        kind: SymbolKind::Object,
        name: "o".into(),
        retry: 0,
    };
    let change = |new_name: &str, linkage, make_pointer| {
        Ok(Answer::SymbolChange(SymbolChange {
            new_name: new_name.into(),
            linkage,
            make_pointer,
        }))
    };
    assert_eq!(is_patched("f").parse_answer("YES"), Ok(Answer::YesNo(true)));
    assert_eq!(
        is_patched("f").parse_answer(" NO "),
        Ok(Answer::YesNo(false))
    );
    assert_eq!(
        patched_sym.parse_answer("klpp_f MAKE-INTERNAL"),
        change("klpp_f", LinkageChange::MakeInternal, false)
    );
    assert_eq!(
        externalized.parse_answer("o KEEP-LINKAGE"),
        change("o", LinkageChange::Keep, false)
    );
    assert_eq!(
        externalized.parse_answer("klpe_o MAKE-EXTERNAL MAKE-POINTER"),
        change("klpe_o", LinkageChange::MakeExternal, true)
    );
    let renamed = Question::RenamedRewrittenFun {
        name: "f".into(),
        retry: 0,
    };
    assert_eq!(
        renamed.parse_answer("klpr_f"),
        Ok(Answer::NewName("klpr_f".into()))
    );
}

#[test]
fn answers_that_do_not_parse() {
    let patched_sym = Question::ModifyPatchedFunSym {
        name: "f".into(),
        retry: 0,
    };
    let externalized = Question::ModifyExternalizedSym {
        kind: SymbolKind::Function,
        name: "f".into(),
        retry: 0,
    };
    let renamed = Question::RenamedRewrittenFun {
        name: "f".into(),
        retry: 0,
    };
    let cases = [
        (is_patched("f"), "yes"),
        (is_patched("f"), "YES NO"),
        (is_patched("f"), ""),
        (patched_sym.clone(), "klpp_f"),
        (patched_sym.clone(), "klpp_f MAKE-STATIC"),
        // Only externalized symbols can become pointers.
        (patched_sym, "klpp_f KEEP-LINKAGE MAKE-POINTER"),
        (externalized.clone(), "1f MAKE-EXTERNAL"),
        (externalized, "f MAKE-EXTERNAL MAKE-POINTER extra"),
        (renamed.clone(), "klpr-f"),
        (renamed, "a b"),
    ];
    let messages: String = cases
        .iter()
        .map(|(question, text)| match question.parse_answer(text) {
            Ok(answer) => format!("parsed {text:?} as {answer:?}\n"),
            Err(err) => format!("{err}\n"),
        })
        .collect();
    expect![[r#"
        cannot parse the answer `yes`: expected `YES` or `NO`
        cannot parse the answer `YES NO`: expected `YES` or `NO`
        cannot parse the answer ``: expected `YES` or `NO`
        cannot parse the answer `klpp_f`: expected `<NEW-NAME> KEEP-LINKAGE|MAKE-INTERNAL|MAKE-EXTERNAL`, NEW-NAME a C identifier
        cannot parse the answer `klpp_f MAKE-STATIC`: expected `<NEW-NAME> KEEP-LINKAGE|MAKE-INTERNAL|MAKE-EXTERNAL`, NEW-NAME a C identifier
        cannot parse the answer `klpp_f KEEP-LINKAGE MAKE-POINTER`: expected `<NEW-NAME> KEEP-LINKAGE|MAKE-INTERNAL|MAKE-EXTERNAL`, NEW-NAME a C identifier
        cannot parse the answer `1f MAKE-EXTERNAL`: expected `<NEW-NAME> KEEP-LINKAGE|MAKE-INTERNAL|MAKE-EXTERNAL [MAKE-POINTER]`, NEW-NAME a C identifier
        cannot parse the answer `f MAKE-EXTERNAL MAKE-POINTER extra`: expected `<NEW-NAME> KEEP-LINKAGE|MAKE-INTERNAL|MAKE-EXTERNAL [MAKE-POINTER]`, NEW-NAME a C identifier
        cannot parse the answer `klpr-f`: expected `<NEW-NAME>`, a C identifier
        cannot parse the answer `a b`: expected `<NEW-NAME>`, a C identifier
    "#]]
    .assert_eq(&messages);
}

#[test]
fn failures_quote_arguments_for_the_shell() {
    let failure = PolicyFailure {
        option: "--pol-cmd-may-include-header",
        program: "/opt/my policy/may-include".into(),
        args: vec!["it's.h".into(), String::new()],
        reason: "exit status: 1".into(),
    };
    expect![[r#"policy command `'/opt/my policy/may-include' 'it'\''s.h' ''` (--pol-cmd-may-include-header) failed: exit status: 1"#]]
        .assert_eq(&failure.to_string());
}
