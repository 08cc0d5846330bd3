//! Reading one YAML file: serde-saphyr parses it once and gives every value
//! it was asked to locate ([`Spanned`]) its line and column. Only a file that
//! fails to deserialise is walked again, by the same parser's events, to
//! name the place of the failure (`queues[0]: unknown field …`).

use serde::de::DeserializeOwned;
use serde_saphyr::granit_parser::{Event, Parser};
pub use serde_saphyr::Spanned;

/// A 1-based line and column.
pub type Pos = (usize, usize);

/// Where a located value was written.
pub fn pos<T>(value: &Spanned<T>) -> Pos {
    let at = value.referenced;
    (at.line() as usize, at.column() as usize)
}

/// A file that could not be read as its type: where, and why.
#[derive(Debug)]
pub struct Unreadable {
    pub pos: Pos,
    pub message: String,
}

/// Deserialises `text`; an empty document (or only comments) is `None`.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<Option<T>, Unreadable> {
    let options = serde_saphyr::options! { with_snippet: false };
    serde_saphyr::from_str_with_options::<Option<T>>(text, options).map_err(|e| {
        let e = e.without_snippet();
        let pos = e
            .location()
            .map(|l| (l.line() as usize, l.column() as usize))
            .unwrap_or((1, 1));
        let node = node_at(text, pos);
        let message = describe(e, node.as_ref().and_then(|n| n.scalar.as_deref()));
        let message = match node {
            Some(Node { path, .. }) if !path.is_empty() => format!("{path}: {message}"),
            _ => message,
        };
        Unreadable { pos, message }
    })
}

/// The keys a file type accepts, as serde knows them: what an unknown key
/// is told it could have been. For the reference test and tix-config(5).
#[cfg(test)]
pub fn field_names<T: DeserializeOwned>() -> Vec<&'static str> {
    match serde_saphyr::from_str::<T>("__tix_lists_its_keys__: 1\n") {
        Err(e) => match e.without_snippet() {
            serde_saphyr::Error::SerdeUnknownField { expected, .. } => expected.clone(),
            other => panic!("no key list from {other}"),
        },
        Ok(_) => panic!("a made-up key was accepted"),
    }
}

/// The error in tix's words: choices in backquotes, no position suffix
/// (tix prints `file:line:column` in front).
fn describe(e: &serde_saphyr::Error, scalar: Option<&str>) -> String {
    use serde_saphyr::Error as E;
    let quoted = |names: &[&str]| {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match e {
        E::SerdeUnknownField {
            field, expected, ..
        } => format!(
            "unknown field `{field}`, expected one of {}",
            quoted(expected)
        ),
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => format!(
            "unknown variant `{variant}`, expected one of {}",
            quoted(expected)
        ),
        E::DuplicateMappingKey { key: Some(k), .. } => format!("{k} is given twice"),
        E::DuplicateMappingKey { key: None, .. } => "a key is given twice".to_string(),
        E::InvalidScalar { ty, .. } => {
            let wanted = match *ty {
                "bool" => "true or false",
                t if t.starts_with('f') => "a number",
                t if t.starts_with('u') => "a whole number, 0 or more",
                _ => "a whole number",
            };
            match scalar {
                Some(v) => format!("{v:?} is not {wanted}"),
                None => format!("expected {wanted}"),
            }
        }
        other => {
            let text = other.to_string();
            if text.starts_with("expected mapping start") {
                return "expected a mapping (key: value)".to_string();
            }
            match text.rfind(" at line ") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

/// A node found at a position.
struct Node {
    /// Its path (`queues[2].parent`); for a mapping key, the mapping's path
    /// (an unknown or repeated key is that mapping's fault).
    path: String,
    /// Its text, when it is a scalar value.
    scalar: Option<String>,
}

fn node_at(text: &str, at: Pos) -> Option<Node> {
    let mut walk = Walk::default();
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else { break };
        let here = (span.start.line(), span.start.col() + 1);
        match event {
            Event::Scalar(value, ..) => {
                let (path, is_key) = walk.place(Some(&value));
                if here == at {
                    return Some(if is_key {
                        Node {
                            path: walk.current(),
                            scalar: None,
                        }
                    } else {
                        Node {
                            path,
                            scalar: Some(value.into_owned()),
                        }
                    });
                }
            }
            Event::Alias(_) => {
                let (path, _) = walk.place(None);
                if here == at {
                    return Some(Node { path, scalar: None });
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let (path, _) = walk.place(None);
                if here == at {
                    return Some(Node { path, scalar: None });
                }
                walk.open(path, matches!(event, Event::MappingStart(..)));
            }
            Event::MappingEnd | Event::SequenceEnd => walk.close(),
            _ => {}
        }
    }
    None
}

enum Frame {
    Map { key: Option<String> },
    Seq { next: usize },
}

#[derive(Default)]
struct Walk {
    stack: Vec<(String, Frame)>,
}

impl Walk {
    /// The path of the node that starts now, and whether it is a mapping key.
    fn place(&mut self, scalar: Option<&str>) -> (String, bool) {
        let Some((parent, frame)) = self.stack.last_mut() else {
            return (String::new(), false);
        };
        match frame {
            Frame::Seq { next } => {
                let path = format!("{parent}[{next}]");
                *next += 1;
                (path, false)
            }
            Frame::Map { key } => match key.take() {
                Some(k) if parent.is_empty() => (k, false),
                Some(k) => (format!("{parent}.{k}"), false),
                None => {
                    *key = Some(scalar.unwrap_or("?").to_string());
                    (String::new(), true)
                }
            },
        }
    }

    fn open(&mut self, path: String, mapping: bool) {
        let frame = if mapping {
            Frame::Map { key: None }
        } else {
            Frame::Seq { next: 0 }
        };
        self.stack.push((path, frame));
    }

    fn close(&mut self) {
        self.stack.pop();
    }

    fn current(&self) -> String {
        self.stack
            .last()
            .map(|(p, _)| p.clone())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        #[allow(dead_code)]
        queues: Vec<Queue>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Queue {
        #[allow(dead_code)]
        name: Spanned<String>,
    }

    #[test]
    fn failures_name_their_place() {
        let e = parse::<Doc>("queues:\n  - name: A\n  - name: B\n    parent: C\n").unwrap_err();
        assert_eq!(e.pos, (4, 5));
        assert_eq!(
            e.message,
            "queues[1]: unknown field `parent`, expected one of `name`"
        );
        let e = parse::<Doc>("queues:\n  - {}\n").unwrap_err();
        assert_eq!(e.message, "queues[0]: missing field `name`");
    }

    #[test]
    fn values_keep_their_place() {
        let d = parse::<Doc>("# comment\nqueues:\n  - name: Presse\n")
            .unwrap()
            .unwrap();
        assert_eq!(pos(&d.queues[0].name), (3, 11));
        assert!(parse::<Doc>("# only a comment\n").unwrap().is_none());
    }
}
