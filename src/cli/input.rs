//! The text of a note or a hand-opened ticket: `-m`, a file, standard input,
//! or $VISUAL/$EDITOR at a terminal.

use crate::error::{Result, TixError};
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

/// In the editor, everything from this line on is context, not text (as
/// `git commit --verbose` does it).
pub const CUT_LINE: &str = "# ------------------------ >8 ------------------------";

pub fn read_text(message: Option<&str>, file: Option<&Path>, what: &str) -> Result<String> {
    read_text_with(message, file, what, "")
}

/// [`read_text`], with `context` shown below the cut line when the text is
/// written in the editor (the ticket, the mail answered, what is added).
pub fn read_text_with(
    message: Option<&str>,
    file: Option<&Path>,
    what: &str,
    context: &str,
) -> Result<String> {
    let text = if let Some(m) = message {
        m.to_string()
    } else if let Some(f) = file {
        std::fs::read_to_string(f).map_err(|e| TixError::input(f, e))?
    } else if !std::io::stdin().is_terminal() {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| TixError::failure(format!("stdin: {e}")))?;
        s
    } else {
        edit(what, context)?
    };
    if text.trim().is_empty() {
        return Err(TixError::usage(format!(
            "the {what} is empty; nothing done"
        )));
    }
    Ok(text)
}

/// The editor's starting text: an empty place to write, the cut line, and
/// the context below it.
pub fn editor_template(context: &str) -> String {
    let mut t = format!(
        "\n{CUT_LINE}\n# Do not change or remove the line above.\n# Everything below it is ignored.\n"
    );
    if !context.trim().is_empty() {
        t.push('\n');
        t.push_str(context.trim_end());
        t.push('\n');
    }
    t
}

/// What was written above the cut line.
pub fn above_cut_line(edited: &str) -> String {
    let mut out = String::new();
    for line in edited.split_inclusive('\n') {
        if line.trim_end() == CUT_LINE {
            break;
        }
        out.push_str(line);
    }
    out.trim_end().to_string() + "\n"
}

fn edit(what: &str, context: &str) -> Result<String> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_string());
    let dir = tempfile::tempdir().map_err(|e| TixError::io(&std::env::temp_dir(), e))?;
    let path = dir
        .path()
        .join(format!("tix-{}.txt", what.replace(' ', "-")));
    std::fs::write(&path, editor_template(context)).map_err(|e| TixError::io(&path, e))?;
    // The editor setting may carry arguments ("code --wait").
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(&path)
        .status()
        .map_err(|e| TixError::failure(format!("cannot start {editor}: {e}")))?;
    if !status.success() {
        return Err(TixError::failure(format!("{editor} failed; nothing done")));
    }
    let edited = std::fs::read_to_string(&path).map_err(|e| TixError::io(&path, e))?;
    Ok(above_cut_line(&edited))
}

/// Reads files to attach, named as given (the name without its folder).
pub fn read_attachments(paths: &[PathBuf]) -> Result<Vec<(String, Vec<u8>)>> {
    paths
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).map_err(|e| TixError::input(p, e))?;
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "attachment".into());
            Ok((name, bytes))
        })
        .collect()
}
