//! The theme when config.yaml names none follows the terminal (issue 13):
//! brief asks the terminal for its colours, as a real terminal answers;
//! light background, light theme. A theme named in config.yaml wins, and
//! a terminal that does not tell gets the dark theme, without waiting.

mod common;

use common::pty::{Env, Session};

const BRIEF: &str = "# A brief with a heading\n\nThe summary paragraph.\n\n## Commentary\n\nThe comment.\n\n## Outlook ahead\n\nMore text.\n";

/// The colour the heading "Outlook ahead" is drawn in.
fn heading_colour(env: &Env, vars: &[(&str, &str)]) -> vt100::Color {
    let brief = env.dir.path().join("heading.md");
    std::fs::write(&brief, BRIEF).unwrap();
    let mut s = Session::start_with(env, &[brief.to_str().unwrap()], 100, 30, vars);
    s.wait_for("More text.");
    let colour = s.colour_of("Outlook ahead").expect("the heading is shown");
    s.send("q");
    s.assert_exited_cleanly(0);
    colour
}

const CYAN: vt100::Color = vt100::Color::Idx(6);
const BLUE: vt100::Color = vt100::Color::Idx(4);

#[test]
fn a_light_terminal_gets_the_light_theme() {
    let light = [
        ("pty:background", "ffff/ffff/ffff"),
        ("pty:foreground", "0000/0000/0000"),
    ];
    assert_eq!(heading_colour(&Env::new(), &light), BLUE);
    let dark = [
        ("pty:background", "1010/1010/1010"),
        ("pty:foreground", "e0e0/e0e0/e0e0"),
    ];
    assert_eq!(heading_colour(&Env::new(), &dark), CYAN);
}

#[test]
fn a_terminal_that_does_not_tell_gets_dark_and_colorfgbg_is_read() {
    assert_eq!(heading_colour(&Env::new(), &[]), CYAN);
    assert_eq!(heading_colour(&Env::new(), &[("COLORFGBG", "0;15")]), BLUE);
}

#[test]
fn the_theme_in_config_yaml_wins() {
    let env = Env::new();
    std::fs::create_dir_all(env.config().join("brief")).unwrap();
    std::fs::write(env.config().join("brief/config.yaml"), "theme: dark\n").unwrap();
    let light = [
        ("pty:background", "ffff/ffff/ffff"),
        ("pty:foreground", "0000/0000/0000"),
    ];
    assert_eq!(heading_colour(&env, &light), CYAN);
}
