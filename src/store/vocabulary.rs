//! The vocabulary's words as SQLite values: written as their text, and a
//! text tix does not know read back as an error naming it.

use crate::vocabulary::{ArticleKind, SenderType, StateType};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

macro_rules! stored_as_text {
    ($($name:ident),+) => {$(
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::parse(text).ok_or_else(|| {
                    FromSqlError::Other(
                        format!("unknown {} {text:?} in the store", stringify!($name)).into(),
                    )
                })
            }
        }
    )+};
}

stored_as_text!(StateType, ArticleKind, SenderType);
