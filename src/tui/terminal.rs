//! The terminal: taking it over and giving it back (panics included), the thread that reads
//! it, and lending it to the user's editor.
//!
//! Standard output here carries only the program's own control sequences (crossterm's); the
//! text of files reaches the screen through ratatui's buffer, which the view escapes before
//! every frame (`view::draw`).
#![allow(clippy::disallowed_methods)]

use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::DefaultTerminal;

/// Takes over the terminal: raw mode, the alternate screen, the mouse.
pub(super) fn enter() -> anyhow::Result<DefaultTerminal> {
    // Installed first, so that ratatui's own hook (which leaves the alternate screen) runs
    // before it: a panic gives the mouse back too.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        previous(info);
    }));
    let terminal = ratatui::try_init()?;
    execute!(stdout(), EnableMouseCapture)?;
    Ok(terminal)
}

/// Gives the terminal back when the loop ends, however it ends.
pub(super) struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

/// The thread that reads the terminal. It can be paused while an editor has the terminal.
pub(super) struct Input {
    paused: Arc<AtomicBool>,
    /// Set by the thread once it has seen the pause and will not read again.
    idle: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
}

impl Input {
    /// Starts reading the terminal, handing each event to `deliver`; the thread ends when
    /// `deliver` says the receiving side is gone (returns false).
    pub(super) fn spawn(deliver: impl Fn(event::Event) -> bool + Send + 'static) -> Input {
        let input = Input {
            paused: Arc::new(AtomicBool::new(false)),
            idle: Arc::new(AtomicBool::new(false)),
            stop: Arc::new(AtomicBool::new(false)),
        };
        let (paused, idle, stop) = (
            Arc::clone(&input.paused),
            Arc::clone(&input.idle),
            Arc::clone(&input.stop),
        );
        std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                if paused.load(Ordering::SeqCst) {
                    idle.store(true, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(20));
                    continue;
                }
                idle.store(false, Ordering::SeqCst);
                match event::poll(Duration::from_millis(100)) {
                    Ok(true) => match event::read() {
                        Ok(e) => {
                            if !deliver(e) {
                                return;
                            }
                        }
                        Err(_) => return,
                    },
                    Ok(false) => {}
                    Err(_) => return,
                }
            }
        });
        input
    }

    /// Stops reading the terminal, once the thread has noticed.
    fn pause(&self) {
        self.paused.store(true, Ordering::SeqCst);
        for _ in 0..100 {
            if self.idle.load(Ordering::SeqCst) {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
    }

    pub(super) fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// Hands the terminal to `$VISUAL` or `$EDITOR` (else `vi`) at the creator's line, and takes it
/// back when the editor exits.
pub(super) fn edit(
    terminal: &mut DefaultTerminal,
    input: &Input,
    path: &std::path::Path,
    line: u32,
) -> anyhow::Result<()> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_string());
    let (program, args) = editor_command(&editor, path, line);
    input.pause();
    let _ = execute!(stdout(), DisableMouseCapture, LeaveAlternateScreen);
    let _ = disable_raw_mode();
    let status = std::process::Command::new(&program).args(&args).status();
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    terminal.clear()?;
    input.resume();
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => anyhow::bail!("{program} exited with {s}"),
        Err(e) => anyhow::bail!("{program}: {e}"),
    }
}

/// The command that opens `path` at `line` in `editor` (which may carry its own arguments).
pub fn editor_command(editor: &str, path: &std::path::Path, line: u32) -> (String, Vec<String>) {
    let mut words = editor.split_whitespace().map(str::to_string);
    let program = words.next().unwrap_or_else(|| "vi".to_string());
    let mut args: Vec<String> = words.collect();
    let name = std::path::Path::new(&program)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = path.display().to_string();
    match name.as_str() {
        "hx" | "helix" | "zed" | "subl" => args.push(format!("{file}:{line}")),
        "code" | "code-insiders" | "codium" => {
            args.push("--wait".into());
            args.push("--goto".into());
            args.push(format!("{file}:{line}"));
        }
        _ => {
            args.push(format!("+{line}"));
            args.push(file);
        }
    }
    (program, args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editors_get_the_line_the_way_they_take_it() {
        let path = std::path::Path::new("/w/creators.toml");
        assert_eq!(
            editor_command("vim", path, 12),
            ("vim".into(), vec!["+12".into(), "/w/creators.toml".into()])
        );
        assert_eq!(
            editor_command("nvim -p", path, 3).1,
            ["-p", "+3", "/w/creators.toml"]
        );
        assert_eq!(
            editor_command("/usr/bin/hx", path, 7).1,
            ["/w/creators.toml:7"]
        );
        assert_eq!(
            editor_command("code", path, 9).1,
            ["--wait", "--goto", "/w/creators.toml:9"]
        );
    }
}
