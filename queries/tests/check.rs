//! klp-ccp's semantic diagnostics, as `klp-ccp check --message-format=short` prints them, on
//! small TUs. One test module per family of checks.

#[path = "support/check.rs"]
mod support;

use expect_test::expect;
use support::check_diagnostics;

#[test]
fn a_clean_body_has_no_diagnostics() {
    let source = "
struct s { int a; char *p; };
static int f(struct s *s, int n)
{
    int i = n, j;
    for (int k = 0; k < n; k++)
        j = ({ int t = k * 2; t + s->a; });
    return i + j + (s->p != 0);
}
";
    expect![[""]].assert_eq(&check_diagnostics(source));
}
