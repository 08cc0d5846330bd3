//! `tix generate man|completions DIR`: the checked-in man pages and shell
//! completions, written from the clap definitions so they cannot drift.

use crate::error::{Result, TixError};
use clap::CommandFactory;
use clap_complete::Shell;
use std::path::{Path, PathBuf};

/// Write man pages or shell completions (for packaging)
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub what: What,
}

#[derive(Debug, clap::Subcommand)]
pub enum What {
    /// Man pages: tix.1, tix-COMMAND.1 for each subcommand, tix-config.5, tix-query.7, tix-json.7
    Man { dir: PathBuf },
    /// Completions for bash, zsh and fish
    Completions { dir: PathBuf },
}

pub fn run(args: &Args) -> Result<()> {
    match &args.what {
        What::Man { dir } => write_man_pages(dir),
        What::Completions { dir } => write_completions(dir),
    }
}

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> TixError + '_ {
    move |e| TixError::io(path, e)
}

pub fn write_man_pages(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    let cmd = super::Cli::command();
    render_man(&cmd, "tix", dir)?;
    let config = dir.join("tix-config.5");
    std::fs::write(&config, crate::render::man::config_page()).map_err(io_err(&config))?;
    let query = dir.join("tix-query.7");
    std::fs::write(&query, crate::query::reference::man_page()).map_err(io_err(&query))?;
    let json = dir.join("tix-json.7");
    std::fs::write(&json, crate::render::json_reference::man_page()).map_err(io_err(&json))
}

fn render_man(cmd: &clap::Command, name: &str, dir: &Path) -> Result<()> {
    let cmd = cmd.clone().name(name.to_string());
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut buf)
        .map_err(io_err(dir))?;
    buf.extend(crate::render::man::extra_sections(name).into_bytes());
    let path = dir.join(format!("{name}.1"));
    std::fs::write(&path, buf).map_err(io_err(&path))?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        render_man(sub, &format!("{name}-{}", sub.get_name()), dir)?;
    }
    Ok(())
}

pub fn write_completions(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    let mut cmd = super::Cli::command();
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        clap_complete::generate_to(shell, &mut cmd, "tix", dir).map_err(io_err(dir))?;
    }
    Ok(())
}

/// The man pages' examples are checked against the command line they show.
#[cfg(test)]
mod example_tests {
    use crate::render::man::EXAMPLES;
    use clap::Parser;

    /// The words of a shell command line up to its first pipe or redirection.
    fn words(command: &str) -> Vec<String> {
        let mut out = Vec::new();
        let (mut word, mut quoted, mut any) = (String::new(), false, false);
        for c in command.chars() {
            match c {
                '\'' => {
                    quoted = !quoted;
                    any = true;
                }
                c if !quoted && c.is_whitespace() => {
                    if any {
                        out.push(std::mem::take(&mut word));
                        any = false;
                    }
                }
                c if !quoted && matches!(c, '|' | '>' | '<' | '&') => break,
                c => {
                    word.push(c);
                    any = true;
                }
            }
        }
        if any {
            out.push(word);
        }
        out
    }

    #[test]
    fn every_example_is_a_command_line_tix_accepts() {
        let mut checked = 0;
        for (page, examples) in EXAMPLES {
            for (command, _) in *examples {
                let Some(start) = command
                    .find("tix ")
                    .filter(|i| !command[..*i].contains('/'))
                else {
                    continue; // a crontab or aliases line
                };
                let args = words(&command[start..]);
                if let Err(e) = crate::commands::Cli::try_parse_from(&args) {
                    panic!("{page}: {command}: {e}");
                }
                checked += 1;
            }
        }
        assert!(checked > 30, "{checked}");
    }
}
