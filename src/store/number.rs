//! Ticket numbers in OTRS's date-checksum form:
//! `YYYYMMDD` + 2-digit system id + counter (5 digits, reset daily) + check digit.

use super::db::params;
use super::db::Db;
use crate::error::Result;

/// The check digit: digits weighted 1, 2, 1, 2, … from the left, summed;
/// `10 - sum % 10`, written as 1 where that gives 10.
pub fn check_digit(digits: &str) -> u32 {
    let sum: u32 = digits
        .bytes()
        .filter(u8::is_ascii_digit)
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 1 } else { 2 })
        .sum();
    match 10 - sum % 10 {
        10 => 1,
        d => d,
    }
}

/// Formats the number for `day` (YYYYMMDD), system id and counter.
pub fn format_number(day: &str, system_id: u32, counter: u64) -> String {
    let base = format!("{day}{system_id:02}{counter:05}");
    let check = check_digit(&base);
    format!("{base}{check}")
}

/// True when `number` has the date-checksum shape and a right check digit.
pub fn is_valid(number: &str) -> bool {
    number.len() >= 16
        && number.bytes().all(|b| b.is_ascii_digit())
        && check_digit(&number[..number.len() - 1])
            == u32::from(number.as_bytes()[number.len() - 1] - b'0')
}

/// The day ticket numbers are counted in now: YYYYMMDD of tix's clock
/// (TIX_NOW in tests), as every other date.
pub fn today() -> String {
    crate::dates::local_date(crate::dates::now()).replace('-', "")
}

/// Hands out the next counter of `day` for a ticket number. Must run inside
/// the write transaction that inserts the ticket, so concurrent intakes
/// serialise on it.
pub fn take_next(tx: &Db, day: &str) -> Result<u64> {
    let upsert = "INSERT INTO ticket_counters(day, last) VALUES (?1, 1)
             ON CONFLICT(day) DO UPDATE SET last = ticket_counters.last + 1";
    if tx.is_postgres() {
        return tx
            .prepare_cached(&format!("{upsert} RETURNING last"))?
            .query_row(params![day], |r| r.get(0));
    }
    // SQLite: no RETURNING inside the batch's transaction (see
    // Db::insert_for_id); the row is read back, as cheap.
    tx.execute(upsert, params![day])?;
    tx.prepare_cached("SELECT last FROM ticket_counters WHERE day = ?1")?
        .query_row(params![day], |r| r.get(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_otrs_numbers_check() {
        for n in ["2013070410000731", "2013061710000647", "2011092610000048"] {
            assert!(is_valid(n), "{n}");
            assert_eq!(format_number(&n[..8], 10, n[10..15].parse().unwrap()), n);
        }
        assert!(!is_valid("2013070410000732"));
    }

    #[test]
    fn ten_is_written_as_one() {
        // A base whose weighted sum ends in 0 gets check digit 1, not 10.
        let base = (0..100u64)
            .map(|c| format!("2013070410{c:05}"))
            .find(|b| {
                let s: u32 = b
                    .bytes()
                    .enumerate()
                    .map(|(i, d)| u32::from(d - b'0') * if i % 2 == 0 { 1 } else { 2 })
                    .sum();
                s.is_multiple_of(10)
            })
            .unwrap();
        assert_eq!(check_digit(&base), 1);
    }
}
