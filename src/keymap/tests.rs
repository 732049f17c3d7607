use super::*;

fn keys(text: &str) -> Vec<Key> {
    parse_sequence(text).unwrap()
}

#[test]
fn defaults_are_valid_and_complete() {
    let (_, errors) = validate::parse_file(DEFAULT_KEYMAP, "keymap.yaml");
    assert!(errors.is_empty(), "{errors:?}");
    let keymap = Keymap::defaults();
    let r = |c: Context, k: &str| keymap.resolve(&[c, Context::Global], &keys(k));
    assert_eq!(
        r(Context::Reader, "j"),
        Resolution::Action(Action::NextPassage)
    );
    assert_eq!(r(Context::Reader, "g"), Resolution::Pending);
    assert_eq!(
        r(Context::Reader, "g g"),
        Resolution::Action(Action::FirstPassage)
    );
    assert_eq!(r(Context::Reader, "q"), Resolution::Action(Action::Quit));
    assert_eq!(r(Context::Reader, "Z"), Resolution::Unbound);
    // The interface contract (README, "Using it").
    for (k, action) in [
        ("j", Action::NextPassage),
        ("down", Action::NextPassage),
        ("k", Action::PrevPassage),
        ("up", Action::PrevPassage),
        ("?", Action::Help),
        ("/", Action::Search),
        ("m", Action::ToggleBookmark),
        ("a", Action::AddNote),
        ("q", Action::Quit),
    ] {
        assert_eq!(r(Context::Reader, k), Resolution::Action(action), "{k}");
    }
    assert_eq!(
        keymap.resolve(&[Context::Editor], &keys("ctrl-s")),
        Resolution::Action(Action::SaveNote)
    );
}

#[test]
fn user_file_merges_and_unbinds() {
    let user = "reader:\n  j: prev_passage\n  x: next_passage\n  m: none\n  g g: null\n";
    let (keymap, errors) = Keymap::with_user_file(user, "user.yaml");
    assert!(errors.is_empty(), "{errors:?}");
    let r = |k: &str| keymap.resolve(&[Context::Reader], &keys(k));
    assert_eq!(r("j"), Resolution::Action(Action::PrevPassage));
    assert_eq!(r("x"), Resolution::Action(Action::NextPassage));
    assert_eq!(r("m"), Resolution::Unbound);
    assert_eq!(r("g"), Resolution::Unbound);
    assert_eq!(
        r("k"),
        Resolution::Action(Action::PrevPassage),
        "untouched defaults stay"
    );
}

#[test]
fn every_kind_of_error_has_its_position() {
    let cases: &[(&str, (usize, usize), &str)] = &[
        ("reader:\n  j: [unclosed\n", (3, 1), "not valid YAML"),
        (
            "readr:\n  j: next_passage\n",
            (1, 1),
            "unknown context `readr`",
        ),
        (
            "reader:\n  j: next_pasage\n",
            (2, 3),
            "unknown action `next_pasage`",
        ),
        (
            "reader:\n  hyper-x: next_passage\n",
            (2, 3),
            "not a key name",
        ),
        (
            "reader:\n  ctrl-d: page_down\n  C-d: page_up\n",
            (3, 3),
            "bound twice",
        ),
        ("reader:\n  g: next_passage\n", (2, 3), "clashes with `g g`"),
        ("reader: { x: help, \"g\": help }\n", (1, 20), "clashes"),
        ("reader:\n  j: 42\n", (2, 3), "must be a name"),
        ("- a\n- b\n", (1, 1), "expected a mapping"),
        (
            "reader:\n  j: next_passage\n  j: prev_passage\n",
            (3, 3),
            "bound twice",
        ),
    ];
    for (text, (line, column), needle) in cases {
        let (_, errors) = Keymap::with_user_file(text, "k.yaml");
        assert_eq!(errors.len(), 1, "{text:?}: {errors:?}");
        let e = &errors[0];
        assert!(e.message.contains(needle), "{text:?}: {}", e.message);
        assert_eq!((e.line, e.column), (*line, *column), "{text:?}: {e}");
        assert!(
            e.to_string()
                .starts_with(&format!("k.yaml:{line}:{column}: "))
        );
    }
}

#[test]
fn bad_entries_keep_the_defaults() {
    let (keymap, errors) = Keymap::with_user_file("reader:\n  g: help\n  j: bogus\n", "k.yaml");
    assert_eq!(errors.len(), 2);
    let r = |k: &str| keymap.resolve(&[Context::Reader], &keys(k));
    assert_eq!(r("g g"), Resolution::Action(Action::FirstPassage));
    assert_eq!(r("j"), Resolution::Action(Action::NextPassage));
}

#[test]
fn hostile_yaml_is_refused_quickly() {
    let bomb = "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\n";
    let deep = format!("reader: {}{}", "[".repeat(10_000), "]".repeat(10_000));
    let huge = format!("reader:\n{}", "  # padding\n".repeat(1_000_000));
    for text in [bomb.to_string(), deep, huge] {
        let start = std::time::Instant::now();
        let (_, errors) = Keymap::with_user_file(&text, "k.yaml");
        assert!(!errors.is_empty());
        // Not a timing assertion on speed, a guard against a hang.
        assert!(start.elapsed().as_secs() < 30);
    }
}

#[test]
fn regression_fuzz_lone_carriage_returns() {
    // Found by the keymap fuzzer: lone CRs are line breaks to YAML, so its
    // positions count them; the report must still point inside the file.
    let bytes = include_bytes!("../../tests/fixtures/fuzz/keymap-lone-cr.yaml");
    let text = String::from_utf8_lossy(bytes);
    let (_, errors) = Keymap::with_user_file(&text, "k.yaml");
    assert_eq!(errors.len(), 1);
    let breaks = text.matches('\n').count() + text.replace("\r\n", "\n").matches('\r').count();
    assert!(errors[0].line <= breaks + 1, "{}", errors[0]);
}
