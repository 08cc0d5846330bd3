//! Generated mail for the benchmarks: realistic messages (threads, HTML,
//! attachments, non-ASCII, quoted-printable Latin-1), the same every run.

use super::Rng;
use std::path::Path;

const WORDS: &[&str] = &[
    "Mitgliedschaft",
    "Beitrag",
    "Antrag",
    "Versammlung",
    "Pressemitteilung",
    "Termin",
    "Rückfrage",
    "Änderung",
    "Lastschrift",
    "Kündigung",
    "Grüße",
    "bitte",
    "danke",
    "und",
    "der",
    "die",
    "das",
    "für",
    "über",
    "München",
    "Straße",
    "Veranstaltung",
    "Einladung",
    "Protokoll",
    "Haushalt",
    "Kasse",
    "Vorstand",
    "Wahl",
    "Kreisverband",
    "Landesverband",
    "meeting",
    "question",
    "invoice",
    "schedule",
    "réunion",
    "café",
    "naïve",
    "Zürich",
];
const NAMES: &[&str] = &[
    "Jürgen Weiß",
    "Anna Schmidt",
    "Zoë Müller",
    "Ólafur Jónsson",
    "Marie Dubois",
    "Petra Schneider",
    "Klaus Berger",
    "Ayşe Yılmaz",
    "Søren Kierkegaard",
    "Li Wei",
];
const QUEUES: &[&str] = &["info", "presse", "mitglieder", "nord", "sued"];

fn sentence(rng: &mut Rng, words: usize) -> String {
    (0..words)
        .map(|_| rng.pick(WORDS))
        .collect::<Vec<_>>()
        .join(" ")
}

fn encoded_name(name: &str) -> String {
    if name.is_ascii() {
        format!("\"{name}\"")
    } else {
        let b64 = base64(name.as_bytes());
        format!("=?UTF-8?B?{}?=", b64.replace('\n', ""))
    }
}

/// Base64 in 76-column lines, as mail clients write it.
fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    let flat = base64::engine::general_purpose::STANDARD.encode(bytes);
    flat.as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Message `i` of the generated set. About one in three answers an earlier one.
pub fn message(rng: &mut Rng, i: usize) -> Vec<u8> {
    let name = rng.pick(NAMES);
    let from = format!("user{}@example.net", rng.below(2000));
    let to = format!("{}@example.org", rng.pick(QUEUES));
    let subject_words = 3 + rng.below(5) as usize;
    let mut subject = sentence(rng, subject_words);
    let mut threading = String::new();
    if i > 10 && rng.below(3) == 0 {
        let parent = rng.below(i as u64);
        threading = format!(
            "In-Reply-To: <gen.{parent}@example.net>\nReferences: <gen.{parent}@example.net>\n"
        );
        subject = format!("Re: {subject}");
    }
    let paragraphs: Vec<String> = (0..2 + rng.below(8))
        .map(|_| {
            let words = 20 + rng.below(60) as usize;
            sentence(rng, words)
        })
        .collect();
    let text = format!(
        "Hallo,\n\n{}\n\nViele Grüße\n{name}\n",
        paragraphs.join("\n\n")
    );
    let head = format!(
        "Return-Path: <{from}>\nReceived: from mx.example.net by mx.example.org; Mon, 2 Nov 2026 10:00:00 +0100\nFrom: {} <{from}>\nTo: {to}\nSubject: =?UTF-8?B?{}?=\nDate: Mon, 2 Nov 2026 {:02}:{:02}:00 +0100\nMessage-ID: <gen.{i}@example.net>\n{threading}MIME-Version: 1.0\n",
        encoded_name(name),
        base64(subject.as_bytes()).replace('\n', ""),
        i / 60 % 24,
        i % 60
    );
    let html = format!(
        "<html><body><p>{}</p><img src=\"https://tracker.example/p.gif\"></body></html>",
        paragraphs.join("</p>\n<p>")
    );
    let body = match rng.below(10) {
        0..=5 => format!("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{text}"),
        6 => {
            // Latin-1, quoted-printable, as older clients send.
            let qp: String = text
                .chars()
                .map(|c| match c {
                    c if c.is_ascii() && c != '=' => c.to_string(),
                    c if (c as u32) < 256 => format!("={:02X}", c as u32),
                    _ => "?".to_string(),
                })
                .collect();
            format!("Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n{qp}")
        }
        7 => format!("Content-Type: text/html; charset=utf-8\n\n{html}\n"),
        8 => format!(
            "Content-Type: multipart/alternative; boundary=\"alt{i}\"\n\n--alt{i}\nContent-Type: text/plain; charset=utf-8\n\n{text}\n--alt{i}\nContent-Type: text/html; charset=utf-8\n\n{html}\n--alt{i}--\n"
        ),
        _ => {
            let size = 20_000 + rng.below(180_000) as usize;
            let blob: Vec<u8> = (0..size).map(|_| rng.next() as u8).collect();
            format!(
                "Content-Type: multipart/mixed; boundary=\"mix{i}\"\n\n--mix{i}\nContent-Type: text/plain; charset=utf-8\n\n{text}\n--mix{i}\nContent-Type: application/pdf; name=\"Antrag_{i}.pdf\"\nContent-Disposition: attachment; filename=\"Antrag_{i}.pdf\"\nContent-Transfer-Encoding: base64\n\n{}\n--mix{i}--\n",
                base64(&blob)
            )
        }
    };
    format!("{head}{body}").into_bytes()
}

pub fn write_maildir(dir: &Path, n: usize) -> u64 {
    for sub in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut bytes = 0;
    for i in 0..n {
        let m = message(&mut rng, i);
        bytes += m.len() as u64;
        std::fs::write(dir.join("cur").join(format!("{i:08}.gen:2,S")), m).unwrap();
    }
    bytes
}
