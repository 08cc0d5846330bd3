//! The vocabulary's words as stored values: written as their text, and a
//! text tix does not know read back as an error naming it.

use super::db::{FromColumn, ToParam, ValueRef};
use crate::vocabulary::{ArticleKind, SenderType, StateType};

macro_rules! stored_as_text {
    ($($name:ident),+) => {$(
        impl ToParam for $name {
            fn to_param(&self) -> ValueRef<'_> {
                ValueRef::Text(self.as_str())
            }
        }

        impl FromColumn for $name {
            fn from_column(value: ValueRef<'_>) -> std::result::Result<Self, String> {
                let ValueRef::Text(text) = value else {
                    return Err(format!("expected a {} as text", stringify!($name)));
                };
                $name::parse(text)
                    .ok_or_else(|| format!("unknown {} {text:?} in the store", stringify!($name)))
            }
        }
    )+};
}

stored_as_text!(StateType, ArticleKind, SenderType);
