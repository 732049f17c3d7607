//! Drive the real `brief` binary in a pseudo-terminal: type keys, read the
//! screen as a person sees it (vt100), and check the terminal afterwards.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for injection checks.
    pub raw: Arc<Mutex<Vec<u8>>>,
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
        let mut cmd = CommandBuilder::new("sh");
        cmd.arg("-c");
        cmd.arg("\"$0\" \"$@\"; s=$?; stty -a; echo \"__EXIT__$s\"");
        cmd.arg(env!("CARGO_BIN_EXE_brief"));
        for a in args {
            cmd.arg(a);
        }
        Session::spawn(env, cmd, cols, rows, vars)
    }

    /// An interactive bash with job control, as a person has: type command
    /// lines into it with `send`.
    pub fn bash(env: &Env, cols: u16, rows: u16) -> Session {
        let mut cmd = CommandBuilder::new("bash");
        cmd.args(["--norc", "--noprofile", "-i"]);
        cmd.env("PS1", "$ ");
        Session::spawn(env, cmd, cols, rows, &[])
    }

    fn spawn(
        env: &Env,
        mut cmd: CommandBuilder,
        cols: u16,
        rows: u16,
        vars: &[(&str, &str)],
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
        cmd.cwd(Path::new(env!("CARGO_MANIFEST_DIR")));
        cmd.env("HOME", env.dir.path());
        cmd.env("XDG_DATA_HOME", env.data());
        cmd.env("XDG_CONFIG_HOME", env.config());
        cmd.env("TERM", "xterm-256color");
        cmd.env("EDITOR", "false");
        cmd.env_remove("NO_COLOR");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (parser.clone(), raw.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            master: pair.master,
            writer,
            child,
            parser,
            raw,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    /// Wait until the screen shows `text`; panic with the screen if not.
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("waited 10 s for {text:?}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Wait until everything written contains `text` (for output after exit).
    pub fn wait_for_output(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let out = String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned();
            if out.contains(text) {
                return out;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!(
                    "waited 10 s for {text:?} in the output; screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
        // Let the program read each burst on its own: a lone Esc is only an
        // Esc if nothing follows it at once.
        std::thread::sleep(Duration::from_millis(60));
    }

    pub fn resize(&self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows), nz(cols));
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
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
        let out = self.wait_for_output("__EXIT__");
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
