//! Drive the real `brief` binary in a pseudo-terminal: type keys, read the
//! screen as a person sees it (vt100), and check the terminal afterwards.
//!
//! Synchronisation is on what the screen shows, never on time:
//! - `brief` draws every frame as one synchronized update (DEC mode 2026);
//!   the screen a test reads is the one left by the last *complete* frame,
//!   so an assertion never sees a half-drawn one.
//! - After `resize`, the old picture is wiped and nothing is shown until a
//!   frame that cleared the screen (as a frame for a new size does) is
//!   complete: the cut-down old frame can never satisfy a check.
//! - `send` of a lone Esc waits until `brief` has drawn after reading it, so
//!   the next bytes cannot be read with it as one Alt-key.
//!
//! Every wait gives up after `timeout()`: 60 s unless `BRIEF_TEST_TIMEOUT`
//! (seconds) says otherwise. It costs nothing when a test passes.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How long any wait may take before the test fails.
pub fn timeout() -> Duration {
    let secs = std::env::var("BRIEF_TEST_TIMEOUT")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(60);
    Duration::from_secs(secs)
}

const BEGIN_FRAME: &[u8] = b"\x1b[?2026h";
const END_FRAME: &[u8] = b"\x1b[?2026l";
const CLEAR_ALL: &[u8] = b"\x1b[2J";

/// What the reader thread knows; guarded by one mutex, announced by a
/// condition variable whenever it changes.
struct Shared {
    parser: vt100::Parser,
    /// The screen as of the last complete frame (or of output outside
    /// frames: the shell, the program leaving the alternate screen).
    shown: vt100::Screen,
    /// Frames completed so far.
    frames: u64,
    in_frame: bool,
    /// After a resize: show nothing until a frame has cleared the screen.
    awaiting_clear: bool,
    /// Every byte the program wrote, for injection checks.
    raw: Vec<u8>,
    /// The program's side of the terminal has closed.
    closed: bool,
    /// Partial matches of the markers, carried across reads.
    tail: Vec<u8>,
}

impl Shared {
    fn publish(&mut self) {
        if !self.awaiting_clear {
            self.shown = self.parser.screen().clone();
        }
    }

    /// Feed one read's bytes: split at frame markers, publish at frame ends
    /// and at the end of output that is not inside a frame.
    fn feed(&mut self, bytes: &[u8]) {
        self.raw.extend_from_slice(bytes);
        // Look for markers in what was held back plus the new bytes.
        let mut data = std::mem::take(&mut self.tail);
        data.extend_from_slice(bytes);
        let mut done = 0;
        let mut i = 0;
        while i < data.len() {
            let rest = &data[i..];
            if rest.starts_with(BEGIN_FRAME) {
                self.parser.process(&data[done..i + BEGIN_FRAME.len()]);
                done = i + BEGIN_FRAME.len();
                i = done;
                self.in_frame = true;
            } else if rest.starts_with(END_FRAME) {
                self.parser.process(&data[done..i + END_FRAME.len()]);
                done = i + END_FRAME.len();
                i = done;
                self.in_frame = false;
                self.frames += 1;
                self.publish();
            } else if rest.starts_with(CLEAR_ALL) {
                self.awaiting_clear = false;
                i += CLEAR_ALL.len();
            } else if rest.len() < BEGIN_FRAME.len()
                && (BEGIN_FRAME.starts_with(rest)
                    || END_FRAME.starts_with(rest)
                    || CLEAR_ALL.starts_with(rest))
            {
                // Perhaps the start of a marker: wait for the next read.
                break;
            } else {
                i += 1;
            }
        }
        self.parser.process(&data[done..i]);
        self.tail = data[i..].to_vec();
        if !self.in_frame {
            self.publish();
        }
    }
}

pub struct Session {
    master: Box<dyn MasterPty + Send>,
    /// Shared with the reader thread, which answers the terminal queries
    /// a real terminal answers (see `Answers`).
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    shared: Arc<(Mutex<Shared>, Condvar)>,
    /// Whether the program is `brief` (which draws a frame for every key it
    /// reads) rather than a shell.
    draws_frames: bool,
}

/// Home, data and config folders of one test, all temporary.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }
    pub fn data(&self) -> std::path::PathBuf {
        self.dir.path().join("data")
    }
    pub fn config(&self) -> std::path::PathBuf {
        self.dir.path().join("config")
    }
    pub fn command(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_brief"));
        cmd.args(args)
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.data())
            .env("XDG_CONFIG_HOME", self.config());
        cmd
    }
}

impl Session {
    /// Start `brief ARGS` in a `cols`×`rows` terminal. After it exits, the
    /// shell prints the terminal modes and the exit status.
    pub fn start(env: &Env, args: &[&str], cols: u16, rows: u16) -> Session {
        Session::start_with(env, args, cols, rows, &[])
    }

    pub fn start_with(
        env: &Env,
        args: &[&str],
        cols: u16,
        rows: u16,
        vars: &[(&str, &str)],
    ) -> Session {
        Session::start_in(
            env,
            Path::new(env!("CARGO_MANIFEST_DIR")),
            args,
            cols,
            rows,
            vars,
        )
    }

    /// `start_with`, run from the folder `cwd` (the repository has a
    /// `briefs/` folder, which `brief` alone would open).
    pub fn start_in(
        env: &Env,
        cwd: &Path,
        args: &[&str],
        cols: u16,
        rows: u16,
        vars: &[(&str, &str)],
    ) -> Session {
        let mut cmd = CommandBuilder::new("sh");
        cmd.arg("-c");
        cmd.arg("\"$0\" \"$@\"; s=$?; stty -a; echo \"__EXIT__$s\"");
        cmd.arg(env!("CARGO_BIN_EXE_brief"));
        for a in args {
            cmd.arg(a);
        }
        cmd.cwd(cwd);
        Session::spawn(env, cmd, cols, rows, vars, true)
    }

    /// An interactive bash with job control, as a person has: type command
    /// lines into it with `send`.
    pub fn bash(env: &Env, cols: u16, rows: u16) -> Session {
        let mut cmd = CommandBuilder::new("bash");
        cmd.args(["--norc", "--noprofile", "-i"]);
        cmd.env("PS1", "$ ");
        Session::spawn(env, cmd, cols, rows, &[], false)
    }

    fn spawn(
        env: &Env,
        mut cmd: CommandBuilder,
        cols: u16,
        rows: u16,
        vars: &[(&str, &str)],
        draws_frames: bool,
    ) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        if cmd.get_cwd().is_none() {
            cmd.cwd(Path::new(env!("CARGO_MANIFEST_DIR")));
        }
        cmd.env("HOME", env.dir.path());
        cmd.env("XDG_DATA_HOME", env.data());
        cmd.env("XDG_CONFIG_HOME", env.config());
        cmd.env("TERM", "xterm-256color");
        cmd.env("EDITOR", "false");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("VISUAL");
        let mut answers = Answers::default();
        for (k, v) in vars {
            match k.strip_prefix("pty:") {
                Some("background") => answers.background = Some(v.to_string()),
                Some("foreground") => answers.foreground = Some(v.to_string()),
                Some(other) => panic!("no terminal setting {other}"),
                None => {
                    cmd.env(k, v);
                }
            }
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("writer")));
        let answering = writer.clone();
        let parser = vt100::Parser::new(nz(rows), nz(cols), 0);
        let shared = Arc::new((
            Mutex::new(Shared {
                shown: parser.screen().clone(),
                parser,
                frames: 0,
                in_frame: false,
                awaiting_clear: false,
                raw: Vec::new(),
                closed: false,
                tail: Vec::new(),
            }),
            Condvar::new(),
        ));
        let theirs = shared.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                let (lock, changed) = &*theirs;
                let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
                if n == 0 {
                    state.closed = true;
                    state.in_frame = false;
                    state.publish();
                    changed.notify_all();
                    break;
                }
                state.feed(&buf[..n]);
                changed.notify_all();
                drop(state);
                if let Some(reply) = answers.reply(&buf[..n]) {
                    let mut w = answering.lock().unwrap_or_else(|e| e.into_inner());
                    let _ = w.write_all(&reply).and_then(|_| w.flush());
                }
            }
        });
        Session {
            master: pair.master,
            writer,
            child,
            shared,
            draws_frames,
        }
    }

    fn state(&self) -> MutexGuard<'_, Shared> {
        self.shared.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Wait until `done` holds for the shared state; panic with `what` and
    /// the screen if it does not within `timeout()`.
    fn wait_until<T>(&self, what: &str, mut done: impl FnMut(&Shared) -> Option<T>) -> T {
        let deadline = Instant::now() + timeout();
        let (lock, changed) = &*self.shared;
        let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(found) = done(&state) {
                return found;
            }
            let now = Instant::now();
            if now >= deadline {
                if std::env::var_os("BRIEF_TEST_DEBUG").is_some() {
                    let raw = &state.raw;
                    let tail = &raw[raw.len().saturating_sub(6000)..];
                    eprintln!("RAW TAIL: {}", String::from_utf8_lossy(tail).escape_debug());
                    eprintln!("PARSER: {}", state.parser.screen().contents());
                }
                panic!(
                    "waited {:?} for {what}; the screen shows:\n{}",
                    timeout(),
                    state.shown.contents()
                );
            }
            // Woken by every read; also looks again now and then, for
            // conditions outside the shared state (the input queue).
            let nap = (deadline - now).min(Duration::from_millis(20));
            state = changed
                .wait_timeout(state, nap)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// The screen as of the last complete frame.
    pub fn screen(&self) -> String {
        self.state().shown.contents()
    }

    /// The foreground colour of the first cell of `text` (ASCII) on the
    /// last complete frame; None when it is not shown.
    pub fn colour_of(&self, text: &str) -> Option<vt100::Color> {
        let state = self.state();
        let screen = &state.shown;
        let (rows, cols) = screen.size();
        let (rows, cols) = (rows.get(), cols.get());
        for row in 0..rows {
            let cells: String = (0..cols)
                .map(|c| {
                    screen
                        .cell(row, c)
                        .map(|cell| cell.contents().chars().next().unwrap_or(' '))
                        .unwrap_or(' ')
                })
                .collect();
            if let Some(col) = cells.find(text) {
                return screen.cell(row, col as u16).map(|cell| cell.fgcolor());
            }
        }
        None
    }

    pub fn alternate_screen(&self) -> bool {
        self.state().shown.alternate_screen()
    }

    /// Every byte the program wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.state().raw.clone()
    }

    /// Wait until a complete frame shows `text`; panic with the screen if not.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_for_all(&[text])
    }

    /// Wait until one complete frame shows every one of `texts`.
    pub fn wait_for_all(&self, texts: &[&str]) -> String {
        self.wait_until(&format!("{texts:?}"), |s| {
            let screen = s.shown.contents();
            texts.iter().all(|t| screen.contains(t)).then_some(screen)
        })
    }

    /// Wait until a complete frame satisfies `check` (for absences: wait
    /// for the frame that must not show something, by what it does show).
    pub fn wait_for_screen(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        self.wait_until(what, |s| {
            let screen = s.shown.contents();
            check(&screen).then_some(screen)
        })
    }

    /// Wait until everything written contains `text` (for output after exit).
    pub fn wait_for_output(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} in the output"), |s| {
            let out = String::from_utf8_lossy(&s.raw);
            out.contains(text).then(|| out.into_owned())
        })
    }

    /// Type `bytes`. A lone Esc at the end is only an Esc if nothing follows
    /// it in the same read, so then wait until `brief` has drawn after
    /// reading it (or has exited) before anything else can be typed.
    pub fn send(&mut self, bytes: &str) {
        let frames = self.state().frames;
        self.write(bytes);
        if self.draws_frames && bytes.ends_with('\x1b') {
            self.wait_until("a frame after Esc", |s| {
                (s.frames > frames && self.input_read() || s.closed).then_some(())
            });
        }
    }

    /// Type `bytes` and wait until `brief` has read every one of them and
    /// drawn since (or exited). For keys whose effect shows nothing.
    pub fn send_and_settle(&mut self, bytes: &str) {
        let frames = self.state().frames;
        self.write(bytes);
        self.wait_until("brief to read the keys", |s| {
            (s.frames > frames && self.input_read() || s.closed).then_some(())
        });
    }

    fn write(&mut self, bytes: &str) {
        let mut writer = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        writer.write_all(bytes.as_bytes()).expect("write");
        writer.flush().expect("flush");
    }

    /// Whether the program has read everything typed so far (the terminal's
    /// input queue is empty).
    fn input_read(&self) -> bool {
        let Some(name) = self.master.tty_name() else {
            return true;
        };
        use std::os::fd::AsRawFd;
        use std::os::unix::fs::OpenOptionsExt;
        let Ok(tty) = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOCTTY | libc::O_NONBLOCK)
            .open(name)
        else {
            return true;
        };
        let mut queued: libc::c_int = 0;
        // SAFETY: FIONREAD writes one int through a valid pointer.
        let ok = unsafe { libc::ioctl(tty.as_raw_fd(), libc::FIONREAD, &mut queued) } == 0;
        !ok || queued == 0
    }

    /// Resize the terminal. The test's picture is wiped at once and stays
    /// blank until `brief` has drawn a whole frame for the new size.
    pub fn resize(&self, cols: u16, rows: u16) {
        let mut state = self.state();
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
        state.parser.screen_mut().set_size(nz(rows), nz(cols));
        state.parser.process(b"\x1b[H\x1b[2J");
        state.awaiting_clear = true;
        state.shown = state.parser.screen().clone();
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// The pid of `brief` itself (the session's shell is its parent), to
    /// send it a signal.
    pub fn brief_pid(&self) -> i32 {
        let sh = self.pid().expect("pid");
        let start = Instant::now();
        loop {
            let children = std::fs::read_to_string(format!("/proc/{sh}/task/{sh}/children"))
                .unwrap_or_default();
            if let Some(pid) = children
                .split_whitespace()
                .next()
                .and_then(|p| p.parse().ok())
            {
                return pid;
            }
            assert!(start.elapsed() < timeout(), "no child of {sh}");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// After the program quit: it exited with `status`, left the alternate
    /// screen, and the terminal is back in cooked mode (canonical, echoing).
    pub fn assert_exited_cleanly(&mut self, status: i32) {
        self.assert_terminal_restored(status);
        let _ = self.child.wait();
    }

    /// The checks of `assert_exited_cleanly`, for a program run from a shell
    /// that stays open.
    pub fn assert_terminal_restored(&mut self, status: i32) {
        let out = self.wait_until("the exit status line", |s| {
            let out = String::from_utf8_lossy(&s.raw);
            // `__EXIT__` with its digits and the end of the line (not the
            // echo of a typed `echo "__EXIT__$?"`).
            let complete = out.match_indices("__EXIT__").any(|(at, m)| {
                let rest = &out[at + m.len()..];
                let digits = rest.chars().take_while(char::is_ascii_digit).count();
                digits > 0 && rest[digits..].starts_with(['\r', '\n'])
            });
            complete.then(|| out.into_owned())
        });
        assert!(
            out.contains(&format!("__EXIT__{status}")),
            "exit status; output tail:\n{}",
            tail(&out)
        );
        assert!(!self.alternate_screen(), "still on the alternate screen");
        let modes = out.rsplit("baud;").next().unwrap_or("");
        let words: Vec<&str> = modes.split_whitespace().collect();
        for mode in ["icanon", "echo", "icrnl", "opost", "isig"] {
            assert!(
                words.contains(&mode),
                "terminal not restored: {mode:?} missing in:\n{modes}"
            );
        }
        let screen = self.screen();
        assert!(!screen.contains("panicked"), "{screen}");
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).expect("non-zero")
}

fn tail(s: &str) -> String {
    s.chars()
        .rev()
        .take(600)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect()
}

/// What the pretend terminal answers, as a real one does: the device
/// attributes always (every terminal answers them, and programs that ask
/// for colours wait for them), the colours when the test gave some
/// (`("pty:background", "ffff/ffff/ffff")` in `start_with`'s vars).
#[derive(Default)]
struct Answers {
    foreground: Option<String>,
    background: Option<String>,
    /// The end of the last read: a query split across two reads is found.
    carry: Vec<u8>,
}

impl Answers {
    fn reply(&mut self, output: &[u8]) -> Option<Vec<u8>> {
        let mut seen = std::mem::take(&mut self.carry);
        seen.extend_from_slice(output);
        let mut reply = Vec::new();
        let mut at = 0;
        // Past the last query answered: never answered twice.
        let mut answered = 0;
        while at < seen.len() {
            let rest = &seen[at..];
            let colour = |n: u8| format!("\x1b]{n};?");
            if rest.starts_with(colour(10).as_bytes()) || rest.starts_with(colour(11).as_bytes()) {
                let (n, value) = if rest[3] == b'0' {
                    (10, &self.foreground)
                } else {
                    (11, &self.background)
                };
                if let Some(rgb) = value {
                    reply.extend_from_slice(format!("\x1b]{n};rgb:{rgb}\x1b\\").as_bytes());
                }
                at += 6;
                answered = at;
            } else if rest.starts_with(b"\x1b[c") || rest.starts_with(b"\x1b[0c") {
                reply.extend_from_slice(b"\x1b[?62;22c");
                at += 3;
                answered = at;
            } else {
                at += 1;
            }
        }
        // Keep a few bytes: enough for the start of a query cut short.
        self.carry = seen[answered.max(seen.len().saturating_sub(5))..].to_vec();
        (!reply.is_empty()).then_some(reply)
    }
}
