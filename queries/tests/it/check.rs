//! klp-ccp's semantic diagnostics, as `klp-ccp check --message-format=short` prints them, on
//! small TUs. One test module per family of checks.

use expect_test::expect;

use crate::support::check::check_diagnostics;

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

#[test]
fn extended_identifiers_are_one_name_however_spelled() {
    // gcc accepts UCNs and UTF-8 in identifiers; `\u00e9t\u00e9` and `été` are one name. A
    // byte-order mark opening the file is skipped.
    let source = "\u{feff}int \\u00e9t\\u00e9 = 1;
int f(void) { return été + \\U000000e9t\\u00e9; }
";
    expect![[""]].assert_eq(&check_diagnostics(source));
}
