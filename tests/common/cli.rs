//! Helpers for tests of the command line and of the edges: commands run
//! with a time limit, briefs written into a folder.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Each of these finishes in well under a second on an idle machine; the
/// bound is generous because the suite also runs under full CPU load.
pub const QUICK: Duration = Duration::from_secs(5);

pub fn write_brief(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Run a command to its end; fail (and kill it) if that takes over `QUICK`.
pub fn run_quickly(mut cmd: std::process::Command) -> std::process::Output {
    use std::process::Stdio;
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Pipes are drained on threads so a large output cannot stall the child.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut v).ok();
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut v).ok();
        v
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > QUICK {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} still running after {QUICK:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    std::process::Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}
