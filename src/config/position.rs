//! Where each YAML node stands in its file, so that a problem found after
//! deserialising (an unknown parent queue, a duplicate name) can still be
//! reported as `file:line:column`.

use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Maps a node path such as `queues[2].parent` to its 1-based line and column.
#[derive(Debug, Default, Clone)]
pub struct Positions {
    by_path: HashMap<String, (usize, usize)>,
}

impl Positions {
    /// Indexes `text`; a text the YAML parser rejects gives an empty index
    /// (serde_yaml reports the syntax error itself).
    pub fn index(text: &str) -> Positions {
        let mut recorder = Recorder::default();
        let mut parser = Parser::new_from_str(text);
        let _ = parser.load(&mut recorder, false);
        Positions {
            by_path: recorder.by_path,
        }
    }

    /// The position of `path`, or of its nearest recorded ancestor.
    pub fn of(&self, path: &str) -> (usize, usize) {
        let mut p = path.to_string();
        loop {
            if let Some(pos) = self.by_path.get(&p) {
                return *pos;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p.truncate(i),
                None => return self.by_path.get("").copied().unwrap_or((1, 1)),
            }
        }
    }
}

enum Frame {
    Map { key: Option<String> },
    Seq { next: usize },
}

#[derive(Default)]
struct Recorder {
    stack: Vec<(String, Frame)>,
    by_path: HashMap<String, (usize, usize)>,
}

impl Recorder {
    /// The path of the node that starts now, advancing the parent's state.
    /// Returns None when the node is a mapping key.
    fn place_node(&mut self, scalar: Option<&str>) -> Option<String> {
        let Some((parent, frame)) = self.stack.last_mut() else {
            return Some(String::new());
        };
        match frame {
            Frame::Seq { next } => {
                let path = format!("{parent}[{next}]");
                *next += 1;
                Some(path)
            }
            Frame::Map { key } => match key.take() {
                Some(k) => Some(if parent.is_empty() {
                    k
                } else {
                    format!("{parent}.{k}")
                }),
                None => {
                    *key = Some(scalar.unwrap_or("?").to_string());
                    None
                }
            },
        }
    }
}

impl MarkedEventReceiver for Recorder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let pos = (mark.line(), mark.col() + 1);
        match ev {
            Event::Scalar(value, ..) => {
                if let Some(path) = self.place_node(Some(&value)) {
                    self.by_path.insert(path, pos);
                } else if let Some((parent, _)) = self.stack.last() {
                    // A key: point errors about "this entry" at the key itself.
                    let path = if parent.is_empty() {
                        value.clone()
                    } else {
                        format!("{parent}.{value}")
                    };
                    self.by_path.insert(path, pos);
                }
            }
            Event::Alias(_) => {
                self.place_node(None);
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let path = self.place_node(None).unwrap_or_default();
                self.by_path.entry(path.clone()).or_insert(pos);
                let frame = if matches!(ev, Event::MappingStart(..)) {
                    Frame::Map { key: None }
                } else {
                    Frame::Seq { next: 0 }
                };
                self.stack.push((path, frame));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_paths() {
        let text = "system_id: 10\nqueues:\n  - name: Presse\n    parent: LV\n  - name: X\n";
        let p = Positions::index(text);
        assert_eq!(p.of("system_id"), (1, 12));
        assert_eq!(p.of("queues[0].parent"), (4, 13));
        assert_eq!(p.of("queues[1].name"), (5, 11));
        // Unknown child falls back to the parent entry.
        assert_eq!(p.of("queues[1].addresses"), p.of("queues[1]"));
    }
}
